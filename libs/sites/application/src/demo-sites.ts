import { v5 as uuidv5 } from 'uuid';
import { type Actor, RuleViolationError } from '@pamoja/contracts';
import { type EventStore } from '@pamoja/event-store';
import { type Mineral, type Province, type Territory } from '@pamoja/sites/domain';
import { mineSiteCommands, siteIdForCode } from './commands/mine-site-command.js';

/** A registered mine site of the demonstration registry. */
export interface DemoSite {
  readonly code: string;
  readonly name: string;
  readonly province: Province;
  readonly territory: Territory;
  readonly minerals: readonly Mineral[];
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * Fictional sites of the demonstration, in plausible places of North and South Kivu, registered on a new
 * development log with the demonstration directory (the walkthrough's referral names the first). The seed
 * registers sites of its own, with other codes.
 */
export const DEMO_SITES: readonly DemoSite[] = [
  {
    code: 'NK-MAS-014',
    name: 'Bibatama-Sud',
    province: 'north_kivu',
    territory: 'masisi',
    minerals: ['coltan', 'cassiterite'],
    latitude: -1.556,
    longitude: 28.879,
  },
  {
    code: 'NK-WAL-002',
    name: 'Omate-Est',
    province: 'north_kivu',
    territory: 'walikale',
    minerals: ['cassiterite'],
    latitude: -1.114,
    longitude: 27.924,
  },
  {
    code: 'SK-FIZ-001',
    name: 'Misisi-Colline',
    province: 'south_kivu',
    territory: 'fizi',
    minerals: ['gold'],
    latitude: -4.312,
    longitude: 28.934,
  },
  {
    code: 'SK-KAL-001',
    name: 'Nyabibwe-Haut',
    province: 'south_kivu',
    territory: 'kalehe',
    minerals: ['cassiterite', 'coltan'],
    latitude: -1.952,
    longitude: 28.947,
  },
];

const DEMO_SITE_NAMESPACE = '5d0c8e7a-1f2b-5c3d-9e4f-6a7b8c9d0e1f';

/**
 * Registers each demonstration site not yet in the registry, as the given actor (the platform's operator).
 * Safe to run again: the command ids are derived from the codes.
 */
export async function registerDemoSites(store: EventStore, actor: Actor, now: Date = new Date()): Promise<number> {
  let registered = 0;
  for (const site of DEMO_SITES) {
    try {
      const result = await mineSiteCommands.run(
        store,
        {
          type: 'RegisterMineSite',
          metadata: { actor, now },
          data: { siteId: siteIdForCode(site.code), ...site, minerals: [...site.minerals] },
        },
        {
          commandId: uuidv5(`register-demo-site:${site.code}`, DEMO_SITE_NAMESPACE),
          actor,
          correlationId: uuidv5(`demo-sites:${now.toISOString()}`, DEMO_SITE_NAMESPACE),
        },
      );
      if (!result.replayed) registered++;
    } catch (error) {
      if (!(error instanceof RuleViolationError && error.rule === 'site_already_registered')) throw error;
    }
  }
  return registered;
}

/** A development log without any registered site gets the demonstration sites; null when it has some. */
export async function registerDemoSitesIfEmpty(store: EventStore, actor: Actor): Promise<number | null> {
  const { events } = await store.readAll({ filter: { eventTypes: ['MineSiteRegistered'] }, maxCount: 1 });
  if (events.length > 0) return null;
  return registerDemoSites(store, actor);
}
