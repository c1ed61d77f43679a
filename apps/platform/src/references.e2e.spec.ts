import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type AgencyType } from '@pamoja/contracts';
import { referCaseTo, submit, submitInput, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * Human references through GraphQL (ADR 0023): every record and its case read by a reference people can
 * say, the timeline names records by it, a case is found by any of its references (and by nobody outside
 * it), and referrals made at the same moment get references without a gap or a repeat. Every agency and
 * site here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}

const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const OTHER_POLICE: Agency = { agencyId: 'pnc-kalehe', agencyType: 'police', role: 'investigator' };
const USHINDI: Agency = { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };
const SAEMAPE: Agency = { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' };

const SITE_CODE = 'NK-MAS-031';
/** The year in Goma as the platform records it now: the series the cases of this spec are numbered in. */
const YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Lubumbashi', year: 'numeric' }).format(new Date());

const REGISTER_SITE = `mutation($input: RegisterMineSiteInput!) { registerMineSite(input: $input) { siteId } }`;
const REGISTER_VICTIM = `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId } }`;
const OPEN_INVESTIGATION = `mutation($input: OpenInvestigationInput!) {
  openInvestigation(input: $input) { investigationId } }`;
const CASE = `query Case($id: ID!) { case(id: $id) {
  jointCaseId reference timeline(first: 100) { nodes { eventType summary } } } }`;
const BY_REFERENCE = `query Find($reference: String!) { caseByReference(reference: $reference) { jointCaseId reference } }`;
const REFERRAL = `query Referral($id: ID!) { referral(referralId: $id) { referralId reference } }`;
const INCOMING = `query { incomingReferrals(filter: { first: 100 }) { nodes { referralId reference } } }`;
const INVESTIGATION = `query Investigation($id: ID!) { investigation(investigationId: $id) { reference } }`;
const INVESTIGATIONS = `query { investigations(filter: { first: 100 }) { nodes { investigationId reference } } }`;
const ASSISTANCE = `query Assistance($id: ID!) { assistanceCase(id: $id) { reference } }`;

/** `NK-2026-00042` → 42. */
const caseOrdinal = (reference: string | null): number => Number(reference?.split('-')[2]);

describe('human references of cases and records', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-references-e2e',
  });
  const as = (agency: Agency): GraphqlTestClient => platform.as({ ...agency, roles: [agency.role] });
  const mutate = async <T>(agency: Agency, mutation: string, input: Record<string, unknown>): Promise<T> => {
    const data = await as(agency).ok<Record<string, T>>(mutation, { input: { commandId: randomUUID(), ...input } });
    const [payload] = Object.values(data);
    if (payload === undefined) throw new Error('the mutation returned no payload');
    return payload;
  };
  const readCase = async (jointCaseId: string, reader: Agency = APLT) =>
    (
      await as(reader).ok<{
        case: { jointCaseId: string; reference: string; timeline: { nodes: { eventType: string; summary: string }[] } };
      }>(CASE, { id: jointCaseId })
    ).case;
  const findCase = (reader: Agency, reference: string) =>
    as(reader).request<{ caseByReference: unknown }>(BY_REFERENCE, { reference });

  let jointCaseId = '';
  let caseReference = '';
  let referralId = '';

  it('gives a case opened at a registered North Kivu site an NK reference, and each of its records one of its kind', async () => {
    // A registered North Kivu site (the test platform may have registered it already).
    const site = await as(SAEMAPE).request(REGISTER_SITE, {
      input: {
        commandId: randomUUID(),
        code: SITE_CODE,
        name: 'Kilima Fictif, pit 7',
        province: 'NORTH_KIVU',
        territory: 'MASISI',
        minerals: ['COLTAN'],
        latitude: -1.45,
        longitude: 28.85,
      },
    });
    expect([undefined, 'site_already_registered']).toContain(site.errors?.[0]?.extensions?.['rule']);
    const sent = await submit(as(NGO), submitInput({ site: { code: SITE_CODE } }));
    jointCaseId = sent.jointCaseId ?? '';
    referralId = sent.referralId;
    const toUshindi = await referCaseTo(as(NGO), sent, USHINDI);

    const { referral } = await as(NGO).ok<{ referral: { reference: string } }>(REFERRAL, { id: referralId });
    caseReference = (await readCase(jointCaseId, NGO)).reference;
    expect(caseReference).toMatch(new RegExp(`^NK-${YEAR}-\\d{5}$`));
    expect(referral.reference).toBe(`${caseReference}-R1`);
    expect((await readCase(jointCaseId)).reference).toBe(caseReference);

    // The police's queue row and the Ushindi referral show theirs; the second referral of the case is R2.
    const queue = (
      await as(POLICE).ok<{ incomingReferrals: { nodes: { referralId: string; reference: string }[] } }>(INCOMING)
    ).incomingReferrals.nodes;
    expect(queue.find((r) => r.referralId === referralId)?.reference).toBe(`${caseReference}-R1`);
    const forwarded = await as(NGO).ok<{ referral: { reference: string } }>(REFERRAL, { id: toUshindi.referralId });
    expect(forwarded.referral.reference).toBe(`${caseReference}-R2`);

    // An investigation and an assistance case, each numbered within the case.
    const opened = await mutate<{ investigationId: string }>(POLICE, OPEN_INVESTIGATION, {
      jointCaseId,
      referralId,
      siteCode: SITE_CODE,
      offences: ['FORCED_LABOUR'],
      leadOfficerId: 'opj-fictif-1',
    });
    const investigation = await as(POLICE).ok<{ investigation: { reference: string } }>(INVESTIGATION, {
      id: opened.investigationId,
    });
    expect(investigation.investigation.reference).toBe(`${caseReference}-E1`);
    const list = await as(POLICE).ok<{ investigations: { nodes: { investigationId: string; reference: string }[] } }>(
      INVESTIGATIONS,
    );
    expect(list.investigations.nodes.find((i) => i.investigationId === opened.investigationId)?.reference).toBe(
      `${caseReference}-E1`,
    );
    const registered = await mutate<{ assistanceId: string }>(USHINDI, REGISTER_VICTIM, {
      jointCaseId,
      personId: toUshindi.personId,
      ageGroup: 'ADULT',
      sex: 'FEMALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: { fullName: 'Neema Fictive', dateOfBirth: '1999-04-02', phone: '+243 970 000 001' },
    });
    const assistance = await as(USHINDI).ok<{ assistanceCase: { reference: string } }>(ASSISTANCE, {
      id: registered.assistanceId,
    });
    expect(assistance.assistanceCase.reference).toBe(`${caseReference}-A1`);
  });

  it('names the records by their references in the timeline’s summaries', async () => {
    const summaries = async (reader: Agency) =>
      (await readCase(jointCaseId, reader)).timeline.nodes.map((n) => n.summary);
    expect(await summaries(NGO)).toEqual(
      expect.arrayContaining([
        `Referral ${caseReference}-R1 submitted to police (urgent)`,
        `Referral ${caseReference}-R2 submitted to an assistance provider (urgent)`,
      ]),
    );
    expect(await summaries(POLICE)).toEqual(
      expect.arrayContaining([`Investigation ${caseReference}-E1 opened for forced labour`]),
    );
    expect(await summaries(USHINDI)).toEqual(
      expect.arrayContaining([`Victim taken into assistance (${caseReference}-A1)`]),
    );
    // What is withheld stays without a summary, so without a reference either.
    expect((await summaries(NGO)).join(' ')).not.toContain(`${caseReference}-E1`);
  });

  it('finds the case by its reference or a record’s, typed as people type it, and only for those who may see it', async () => {
    const [, year, ordinal] = caseReference.split('-');
    const typed = `nk ${year ?? ''} ${String(Number(ordinal))} r 1`;
    for (const reference of [caseReference, `${caseReference}-R2`, typed, ` ${caseReference.toLowerCase()}-e1 `]) {
      const found = await findCase(NGO, reference);
      expect(found.errors).toBeUndefined();
      expect(found.data?.caseByReference).toEqual({ jointCaseId, reference: caseReference });
    }
    expect((await findCase(APLT, `${caseReference}-A1`)).data?.caseByReference).toEqual({
      jointCaseId,
      reference: caseReference,
    });

    // A police unit outside the case learns nothing: the same answer as a reference nobody has.
    const outsider = await findCase(OTHER_POLICE, `${caseReference}-R1`);
    const unknown = await findCase(OTHER_POLICE, `NK-${YEAR}-99999`);
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(outsider.errors?.[0]?.message.replace(`${caseReference}-R1`, '<ref>')).toBe(
      unknown.errors?.[0]?.message.replace(`NK-${YEAR}-99999`, '<ref>'),
    );
    expect(JSON.stringify(outsider)).not.toContain(jointCaseId);

    // Not a reference at all: the field is named.
    const malformed = await findCase(NGO, 'case 42 please');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'reference' })],
    });
  });

  it('numbers referrals made at the same moment without a gap or a repeat, new cases and records of one case alike', async () => {
    const N = 12;
    const opened = await Promise.all(
      Array.from({ length: N }, () => submit(as(NGO), submitInput({ site: { code: SITE_CODE } }))),
    );
    const references = await Promise.all(
      opened.map(async (sent) => (await readCase(sent.jointCaseId ?? '', NGO)).reference),
    );
    expect(new Set(references).size).toBe(N);
    const ordinals = references.map(caseOrdinal).sort((a, b) => a - b);
    const first = ordinals[0] ?? 0;
    expect(ordinals).toEqual(Array.from({ length: N }, (_, i) => first + i));
    // Numbered after the first case of this spec: nothing else opened a case in between.
    expect(first).toBe(caseOrdinal(caseReference) + 1);

    const inOneCase = await Promise.all(
      Array.from({ length: N }, () => referCaseTo(as(NGO), { referralId, jointCaseId }, USHINDI)),
    );
    const recordReferences = await Promise.all(
      inOneCase.map(
        async (sent) =>
          (await as(NGO).ok<{ referral: { reference: string } }>(REFERRAL, { id: sent.referralId })).referral.reference,
      ),
    );
    expect([...recordReferences].sort((a, b) => Number(a.split('-R')[1]) - Number(b.split('-R')[1]))).toEqual(
      Array.from({ length: N }, (_, i) => `${caseReference}-R${String(i + 3)}`),
    );
  });
});
