import { randomUUID } from 'node:crypto';
import { type GraphqlClient } from '@pamoja/platform/graphql';

/**
 * A little real state for the fuzz test, owned by one side's agencies: a site with an incident, a
 * referral accepted by the police with its investigation (evidence, suspect, case file), the
 * prosecution that received it (charge, hearing), the person referred on to assistance and registered
 * there (every agency acts only in a case it is party to), and a coordination meeting
 * with an action point. Returns every id by the name input fields give it.
 */

export type SeedAgencyType =
  'first_responder' | 'police' | 'prosecutor' | 'assistance_provider' | 'mining_authority' | 'coordination_body';

export interface Side {
  readonly agencyIdOf: (type: SeedAgencyType) => string;
  readonly client: (type: SeedAgencyType) => GraphqlClient;
  /** A site code of this side's own, e.g. NK-MAS-101. */
  readonly siteCode: string;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

async function run(
  client: GraphqlClient,
  name: string,
  inputType: string,
  selection: string,
  input: Record<string, unknown>,
): Promise<Record<string, string>> {
  const document = `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`;
  const data = await client.ok<Record<string, Record<string, string>>>(document, {
    input: { commandId: randomUUID(), ...input },
  });
  const payload = data[name];
  if (!payload) throw new Error(`${name} returned no payload`);
  return payload;
}

export async function seedSide(side: Side): Promise<Record<string, string>> {
  const { agencyIdOf, client, siteCode } = side;
  const later = (ms: number) => new Date(Date.now() + ms).toISOString();

  const { siteId = '' } = await run(client('mining_authority'), 'registerMineSite', 'RegisterMineSiteInput', 'siteId', {
    code: siteCode,
    name: 'Fuzz pit (fictional)',
    province: 'NORTH_KIVU',
    territory: 'MASISI',
    minerals: ['COLTAN'],
    latitude: -1.45,
    longitude: 28.85,
  });

  const submitted = await run(
    client('first_responder'),
    'submitReferral',
    'SubmitReferralInput',
    'referralId jointCaseId',
    {
      subject: { isChild: false },
      consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
      site: { code: siteCode },
      indicators: ['DEBT_BONDAGE'],
      urgency: 'URGENT',
      toAgencyId: agencyIdOf('police'),
      toAgencyType: 'POLICE',
      dueBy: later(3 * DAY_MS),
      summary: 'Diggers say the team leader keeps their voter cards (fictional).',
    },
  );
  const referralId = submitted['referralId'] ?? '';
  const jointCaseId = submitted['jointCaseId'] ?? '';
  const consents = await client('first_responder').ok<{
    referral: { subjectPersonId: string; consent: { records: { consentId: string }[] } };
  }>('query($id: ID!) { referral(referralId: $id) { subjectPersonId consent { records { consentId } } } }', {
    id: referralId,
  });
  const consentId = consents.referral.consent.records[0]?.consentId ?? '';
  const personId = consents.referral.subjectPersonId;

  await run(client('police'), 'acceptReferral', 'AcceptReferralInput', 'referralId', { referralId });
  const investigation = 'investigationId evidenceId suspectId caseFileId';
  const { investigationId = '' } = await run(
    client('police'),
    'openInvestigation',
    'OpenInvestigationInput',
    investigation,
    { jointCaseId, referralId, siteCode, offences: ['FORCED_LABOUR'], leadOfficerId: 'opj-fuzz-01' },
  );
  const { evidenceId = '' } = await run(client('police'), 'recordEvidence', 'RecordEvidenceInput', investigation, {
    investigationId,
    description: 'Photo of the debt ledger (fictional)',
    kind: 'PHOTO',
    sha256: 'b'.repeat(64),
    collectedAt: later(-2 * HOUR_MS),
  });
  const { suspectId = '' } = await run(client('police'), 'identifySuspect', 'IdentifySuspectInput', investigation, {
    investigationId,
    role: 'RECRUITER',
    alias: 'Chef Fictif',
  });
  const { caseFileId = '' } = await run(client('police'), 'transmitCaseFile', 'TransmitCaseFileInput', investigation, {
    investigationId,
    toProsecutorOfficeId: agencyIdOf('prosecutor'),
    dueBy: later(5 * DAY_MS),
    summary: 'Debt bondage at the fuzz pit; ledger photo enclosed.',
    evidenceIds: [evidenceId],
    suspectIds: [suspectId],
  });

  const prosecution = 'prosecutionId itemId';
  const { prosecutionId = '' } = await run(
    client('prosecutor'),
    'receiveCaseFile',
    'ReceiveCaseFileInput',
    prosecution,
    {
      jointCaseId,
      caseFileId,
      investigationId,
      fromPoliceAgencyId: agencyIdOf('police'),
      suspects: [{ suspectId, role: 'recruiter' }],
    },
  );
  const { itemId: chargeId = '' } = await run(client('prosecutor'), 'fileCharges', 'FileChargesInput', prosecution, {
    prosecutionId,
    suspectId,
    offence: 'TRAFFICKING_IN_PERSONS',
    legalBasis: 'Code pénal, art. 174j',
  });
  const { itemId: hearingId = '' } = await run(
    client('prosecutor'),
    'scheduleHearing',
    'ScheduleHearingInput',
    prosecution,
    {
      prosecutionId,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: later(3 * DAY_MS),
      purpose: 'Audience de fond',
    },
  );

  // The first responder refers the person it met on to the assistance provider, which then takes them in.
  await run(client('first_responder'), 'submitReferral', 'SubmitReferralInput', 'referralId', {
    jointCaseId,
    subject: { isChild: false, personId },
    site: { code: siteCode },
    indicators: ['DEBT_BONDAGE'],
    urgency: 'URGENT',
    toAgencyId: agencyIdOf('assistance_provider'),
    toAgencyType: 'ASSISTANCE_PROVIDER',
    dueBy: later(3 * DAY_MS),
    summary: 'The same digger needs medical care (fictional).',
  });
  const { assistanceId = '' } = await run(
    client('assistance_provider'),
    'registerVictim',
    'RegisterVictimInput',
    'assistanceId',
    {
      jointCaseId,
      personId,
      ageGroup: 'ADULT',
      sex: 'MALE',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: { fullName: 'Fuzz Fictif' },
    },
  );

  const meeting = 'meetingId itemId';
  const { meetingId = '' } = await run(
    client('coordination_body'),
    'scheduleMeeting',
    'ScheduleMeetingInput',
    meeting,
    {
      title: 'Fuzz coordination meeting',
      province: 'NK',
      scheduledFor: later(2 * DAY_MS),
      participantAgencyTypes: ['POLICE'],
    },
  );
  const { itemId: actionPointId = '' } = await run(
    client('coordination_body'),
    'recordActionPoint',
    'RecordActionPointInput',
    meeting,
    {
      meetingId,
      description: 'Answer the referral',
      ownerAgencyId: agencyIdOf('police'),
      ownerAgencyType: 'POLICE',
      dueBy: later(4 * DAY_MS),
      jointCaseId,
    },
  );

  const { incidentId = '' } = await run(
    client('first_responder'),
    'reportSiteIncident',
    'ReportSiteIncidentInput',
    'incidentId',
    { siteId, jointCaseId, source: 'SMS', description: 'Children seen carrying sacks (fictional).' },
  );

  const ids: Record<string, string> = {
    siteId,
    referralId,
    jointCaseId,
    consentId,
    investigationId,
    evidenceId,
    suspectId,
    caseFileId,
    prosecutionId,
    chargeId,
    hearingId,
    assistanceId,
    meetingId,
    actionPointId,
    incidentId,
  };
  const missing = Object.entries(ids).filter(([, id]) => !id);
  if (missing.length > 0) throw new Error(`seeding left ids empty: ${missing.map(([k]) => k).join(', ')}`);
  return ids;
}
