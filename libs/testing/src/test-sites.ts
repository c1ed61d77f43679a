import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, WrongExpectedRevisionError, type EventStore } from '@pamoja/event-store';
import { DIRECTORY_OPERATOR } from '@pamoja/platform/directory';
import { siteIdForCode, siteStreamIdForCode, type MineSiteRegisteredShared } from '@pamoja/sites/contracts';

/** A mine site of the registry, as a spec needs it to exist before a referral or an incident names it. */
export interface TestSite {
  readonly code: string;
  readonly name: string;
  readonly province: 'north_kivu' | 'south_kivu';
  readonly territory: string;
  readonly latitude: number;
  readonly longitude: number;
}

const TERRITORIES: Readonly<Record<string, string>> = {
  'NK-MAS': 'masisi',
  'NK-RUB': 'masisi',
  'NK-KAL': 'masisi',
  'NK-WAL': 'walikale',
  'NK-RUT': 'rutshuru',
  'SK-SHA': 'shabunda',
  'SK-UVI': 'uvira',
  'SK-KAL': 'kalehe',
  'SK-FIZ': 'fizi',
  'SK-MWE': 'mwenga',
  'SK-KAB': 'kabare',
};

/** A registered site for a code such as `NK-MAS-014`: its province and territory read from the code. */
export function testSite(code: string, name = `Site ${code}`): TestSite {
  const territory = TERRITORIES[code.slice(0, 6)] ?? 'masisi';
  const north = code.startsWith('NK-');
  return {
    code,
    name,
    province: north ? 'north_kivu' : 'south_kivu',
    territory,
    latitude: north ? -1.5 : -3.0,
    longitude: north ? 28.9 : 28.2,
  };
}

/**
 * The sites the specs' referrals, incidents and meetings name, registered in every test platform's log at its
 * first start. Codes that specs register through the API (NK-MAS-101, NK-MAS-102, NK-MAS-731, NK-RUB-003,
 * NK-KAL-021) are not among them; a spec that registers one of these itself leaves it out
 * (`registeredSites: testSitesExcept('NK-MAS-014')`).
 */
export const TEST_SITES: readonly TestSite[] = [
  testSite('NK-MAS-014', 'Bibatama-Sud'),
  ...['NK-MAS-001', 'NK-MAS-015', 'NK-MAS-027', 'NK-MAS-031', 'NK-MAS-901']
    .concat(['NK-RUB-007', 'NK-WAL-001', 'NK-WAL-002', 'NK-WAL-007', 'NK-WAL-207'])
    .concat(['NK-RUT-001', 'NK-RUT-002', 'NK-RUT-004', 'NK-RUT-999'])
    .concat(['SK-SHA-001', 'SK-SHA-002', 'SK-UVI-001', 'SK-UVI-002', 'SK-UVI-003', 'SK-KAL-001', 'SK-KAL-002'])
    .concat(['SK-KAL-003', 'SK-KAL-033', 'SK-FIZ-001', 'SK-MWE-003', 'SK-KAB-003'])
    .map((code) => testSite(code)),
];

/** The test sites but these codes, which the spec registers itself through the API. */
export function testSitesExcept(...codes: readonly string[]): readonly TestSite[] {
  return TEST_SITES.filter((site) => !codes.includes(site.code));
}

const TEST_SITE_NAMESPACE = 'a3f1c2d4-5e6f-5a7b-8c9d-0e1f2a3b4c5d';

/**
 * Registers each site not yet in the log, with the event the sites context writes when the mining authority
 * registers one (typed by its published language), as the platform's operator.
 */
export async function registerTestSites(
  store: EventStore,
  sites: readonly TestSite[],
  now = new Date(),
): Promise<void> {
  for (const site of sites) {
    const data: MineSiteRegisteredShared = {
      siteId: siteIdForCode(site.code),
      code: site.code,
      name: site.name,
      province: site.province,
      territory: site.territory,
      minerals: ['cassiterite', 'coltan'],
      latitude: site.latitude,
      longitude: site.longitude,
      status: 'blue',
      registeredAt: now.toISOString(),
      byAgencyId: 'saemape-nk',
    };
    const commandId = uuidv5(`register-test-site:${site.code}`, TEST_SITE_NAMESPACE);
    const event: NewEvent = {
      eventId: uuidv5(`${commandId}:0`, TEST_SITE_NAMESPACE),
      type: 'MineSiteRegistered',
      schemaVersion: 1,
      data,
      metadata: {
        actor: DIRECTORY_OPERATOR,
        correlationId: commandId,
        causationId: null,
        jointCaseId: null,
        occurredAt: now.toISOString(),
        commandId,
        commandHash: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
      },
    };
    try {
      await store.appendToStream(siteStreamIdForCode(site.code), [event], { expectedRevision: NO_STREAM });
    } catch (error) {
      // Already registered (by an earlier start of the same log): nothing to do.
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
