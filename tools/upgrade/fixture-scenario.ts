/*
 * The case history every upgrade fixture holds, sent through the GraphQL API as the agencies would: a mine
 * site registered and suspended, a referral submitted with consent, more consent recorded and one withdrawn,
 * the referral accepted, an investigation with evidence, a suspect and a case file, the prosecution with a
 * charge and a hearing held, assistance for the same person whose personal data is then erased, and a
 * coordination meeting with a decision, an action point done, minutes, closed.
 *
 * Deterministic: every id the scenario chooses and every command id is a UUID v5 of a fixed name, and every
 * time is the fixture clock's (moved forward a minute per command). Every deadline the scenario sets is met
 * (referrals accepted, the case file acknowledged, the action point done), so a platform started later on
 * the fixture has nothing to record as missed.
 */
import { v5 as uuidv5 } from 'uuid';
import { type GraphqlClient, type GraphqlErrorBody } from '@pamoja/platform/graphql';
import { type FixtureActor, type FixtureQuery } from './fixture-format.js';
import { type FixtureClock } from './fixture-platform.js';

/** Namespace of the fixtures' ids (UUID v5): fixed, so that every release's fixture names the same things. */
const NAMESPACE = '4f1d8a2e-93b7-5c60-a1e4-7d2b9c3f5e18';

/** Where the fixture clock starts: commands are dated from here on. */
export const FIXTURE_CLOCK_START = '2026-03-02T07:00:00.000Z';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const fixtureId = (name: string): string => uuidv5(`fixture/id/${name}`, NAMESPACE);
const commandId = (step: string): string => uuidv5(`fixture/command/${step}`, NAMESPACE);

export const ACTORS = {
  firstResponder: {
    userId: 'ngo-kivu-hope-user',
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    roles: ['field_worker'],
  },
  miningAuthority: {
    userId: 'saemape-nk-user',
    agencyId: 'saemape-nk',
    agencyType: 'mining_authority',
    roles: ['inspector'],
  },
  police: { userId: 'pnc-pmh-masisi-user', agencyId: 'pnc-pmh-masisi', agencyType: 'police', roles: ['investigator'] },
  prosecutor: {
    userId: 'parquet-goma-user',
    agencyId: 'parquet-goma',
    agencyType: 'prosecutor',
    roles: ['prosecutor'],
  },
  assistance: {
    userId: 'ngo-ushindi-user',
    agencyId: 'ngo-ushindi',
    agencyType: 'assistance_provider',
    roles: ['case_worker'],
  },
  coordination: {
    userId: 'aplt-nk-user',
    agencyId: 'aplt-nk',
    agencyType: 'coordination_body',
    roles: ['coordinator'],
  },
} as const satisfies Record<string, FixtureActor & Record<string, unknown>>;
export type ActorName = keyof typeof ACTORS;

const actor = (name: ActorName): FixtureActor => {
  const { userId, agencyId, agencyType, roles } = ACTORS[name];
  return { userId, agencyId, agencyType, roles };
};

const mutation = (name: string, inputType: string, fields: string): string =>
  `mutation Fixture($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`;
const SITE = 'siteId revision replayed';
const REFERRAL = 'referralId jointCaseId status revision replayed';
const INVESTIGATION = 'investigationId jointCaseId status revision replayed';
const PROSECUTION = 'prosecutionId jointCaseId status revision itemId replayed';
const ASSISTANCE = 'assistanceId jointCaseId status revision replayed';
const MEETING = 'meetingId status itemId revision replayed';

/** Stable ids of the scenario. */
export const IDS = {
  referral: fixtureId('referral/main'),
  assistanceReferral: fixtureId('referral/assistance'),
  prosecutorConsent: fixtureId('consent/prosecutor'),
  coordinationConsent: fixtureId('consent/coordination'),
  investigation: fixtureId('investigation/main'),
  evidence: fixtureId('evidence/ledger'),
  suspect: fixtureId('suspect/recruiter'),
  caseFile: fixtureId('case-file/main'),
  charge: fixtureId('charge/trafficking'),
  hearing: fixtureId('hearing/first'),
  assistance: fixtureId('assistance/main'),
  service: fixtureId('service/medical'),
  meeting: fixtureId('meeting/monthly'),
} as const;

const SITE_CODE = 'NK-MAS-140';

export class ScenarioError extends Error {}

function describeErrors(errors: readonly GraphqlErrorBody[] | undefined, status: number): string {
  if (!errors?.length) return `no data (HTTP ${status})`;
  return errors.map((e) => `${e.message} ${JSON.stringify(e.extensions ?? {})}`).join(' | ');
}

/** What the scenario learnt from the platform's answers, for the queries. */
export interface ScenarioOutcome {
  readonly jointCaseId: string;
  readonly siteId: string;
  readonly prosecutionId: string;
  readonly personId: string;
  readonly commands: number;
}

type Clients = Record<ActorName, GraphqlClient>;

/** Sends the scenario's commands in order; the first refusal stops it, naming the step. */
export async function runScenario(clients: Clients, clock: FixtureClock): Promise<ScenarioOutcome> {
  let commands = 0;
  const send = async <T extends Record<string, unknown>>(
    step: string,
    as: ActorName,
    document: string,
    input: Record<string, unknown>,
  ): Promise<T> => {
    clock.advance(MINUTE_MS);
    const result = await clients[as].request<Record<string, T>>(document, {
      input: { commandId: commandId(step), ...input },
    });
    const payload = result.data ? Object.values(result.data)[0] : undefined;
    if (result.errors?.length || !payload) {
      throw new ScenarioError(`step ${step} was refused: ${describeErrors(result.errors, result.status)}`);
    }
    commands += 1;
    return payload;
  };
  const read = async <T>(what: string, as: ActorName, document: string, variables: Record<string, unknown>) => {
    const result = await clients[as].request<T>(document, variables);
    if (result.errors?.length || !result.data) {
      throw new ScenarioError(`could not read ${what}: ${describeErrors(result.errors, result.status)}`);
    }
    return result.data;
  };
  const at = (ms: number): string => new Date(clock.now().getTime() + ms).toISOString();

  // The mining authority's registry: a site registered, inspected, suspended.
  const site = await send<{ siteId: string }>(
    'site/register',
    'miningAuthority',
    mutation('registerMineSite', 'RegisterMineSiteInput', SITE),
    {
      code: SITE_CODE,
      name: 'Luwowo-Nord',
      province: 'NORTH_KIVU',
      territory: 'MASISI',
      minerals: ['COLTAN'],
      latitude: -1.58,
      longitude: 28.87,
    },
  );
  await send(
    'site/inspect',
    'miningAuthority',
    mutation('recordMineSiteInspection', 'RecordMineSiteInspectionInput', SITE),
    {
      siteId: site.siteId,
      inspectedAt: at(-30 * 1000),
      inspectingAgency: 'SAEMAPE Masisi',
      findings: 'Diggers say the pit boss keeps their voter cards until a debt for tools is repaid.',
      indicatorsObserved: ['debt bondage', 'retention of identity documents'],
      recommendedStatus: 'RED',
    },
  );
  await send(
    'site/status-red',
    'miningAuthority',
    mutation('changeMineSiteStatus', 'ChangeMineSiteStatusInput', SITE),
    {
      siteId: site.siteId,
      to: 'RED',
      reason: 'Debt bondage and retained identity documents at the pits',
    },
  );

  // The referral, with the consent the person gave, then more consent recorded and one withdrawn.
  const submitted = await send<{ referralId: string; jointCaseId: string }>(
    'referral/submit',
    'firstResponder',
    mutation('submitReferral', 'SubmitReferralInput', REFERRAL),
    {
      referralId: IDS.referral,
      subject: { isChild: false },
      consent: {
        givenBy: 'SELF',
        agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
        purposes: ['INVESTIGATION', 'ASSISTANCE'],
      },
      site: { code: SITE_CODE, description: 'Pit 2' },
      indicators: ['DECEPTION', 'DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
      childLabourFlags: [],
      urgency: 'URGENT',
      toAgencyId: ACTORS.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: at(3 * DAY_MS),
      summary: 'A digger recruited with the promise of paid work says the pit boss keeps his voter card.',
    },
  );
  const { jointCaseId } = submitted;
  await send(
    'referral/consent-prosecutor',
    'firstResponder',
    mutation('recordConsent', 'RecordReferralConsentInput', REFERRAL),
    {
      referralId: IDS.referral,
      consentId: IDS.prosecutorConsent,
      givenBy: 'SELF',
      agencyTypes: ['PROSECUTOR'],
      purposes: ['PROSECUTION'],
      method: 'WRITTEN',
    },
  );
  await send(
    'referral/consent-coordination',
    'firstResponder',
    mutation('recordConsent', 'RecordReferralConsentInput', REFERRAL),
    {
      referralId: IDS.referral,
      consentId: IDS.coordinationConsent,
      givenBy: 'SELF',
      agencyTypes: ['COORDINATION_BODY'],
      purposes: ['INFORMATION_SHARING'],
      method: 'VERBAL',
    },
  );
  await send(
    'referral/consent-withdraw',
    'firstResponder',
    mutation('withdrawConsent', 'WithdrawReferralConsentInput', REFERRAL),
    {
      referralId: IDS.referral,
      consentId: IDS.coordinationConsent,
      reason: 'He no longer wants his case discussed at meetings',
    },
  );
  await send('referral/accept', 'police', mutation('acceptReferral', 'AcceptReferralInput', REFERRAL), {
    referralId: IDS.referral,
    note: 'OPJ assigned',
  });
  const {
    referral: { subjectPersonId: personId },
  } = await read<{ referral: { subjectPersonId: string } }>(
    'the referred person',
    'firstResponder',
    'query($id: ID!) { referral(referralId: $id) { subjectPersonId } }',
    { id: IDS.referral },
  );

  // The same person referred on to assistance, and taken in.
  await send(
    'assistance-referral/submit',
    'firstResponder',
    mutation('submitReferral', 'SubmitReferralInput', REFERRAL),
    {
      referralId: IDS.assistanceReferral,
      jointCaseId,
      subject: { isChild: false, personId },
      consent: { givenBy: 'SELF', agencyTypes: ['ASSISTANCE_PROVIDER'], purposes: ['ASSISTANCE'] },
      site: { code: SITE_CODE, description: 'Pit 2' },
      indicators: ['DEBT_BONDAGE'],
      childLabourFlags: [],
      urgency: 'URGENT',
      toAgencyId: ACTORS.assistance.agencyId,
      toAgencyType: 'ASSISTANCE_PROVIDER',
      dueBy: at(2 * DAY_MS),
      summary: 'The same digger needs care for an injured hand and a safe place to stay.',
    },
  );
  await send('assistance-referral/accept', 'assistance', mutation('acceptReferral', 'AcceptReferralInput', REFERRAL), {
    referralId: IDS.assistanceReferral,
    note: 'Taken into assistance',
  });

  // The investigation, its case file sent to the Parquet.
  await send('investigation/open', 'police', mutation('openInvestigation', 'OpenInvestigationInput', INVESTIGATION), {
    investigationId: IDS.investigation,
    jointCaseId,
    referralId: IDS.referral,
    siteCode: SITE_CODE,
    offences: ['TRAFFICKING_IN_PERSONS', 'FORCED_LABOUR'],
    leadOfficerId: 'opj-masisi-03',
  });
  await send('investigation/evidence', 'police', mutation('recordEvidence', 'RecordEvidenceInput', INVESTIGATION), {
    investigationId: IDS.investigation,
    evidenceId: IDS.evidence,
    description: 'Debt ledger kept by the pit boss',
    kind: 'DOCUMENT',
    sha256: 'a3f1c2d4e5b6978812345678901234567890abcdef1234567890abcdef123456',
    collectedAt: at(-10 * 1000),
    collectedBy: 'opj-masisi-03',
  });
  await send('investigation/suspect', 'police', mutation('identifySuspect', 'IdentifySuspectInput', INVESTIGATION), {
    investigationId: IDS.investigation,
    suspectId: IDS.suspect,
    role: 'RECRUITER',
    alias: 'Chef Mbuyi',
    description: 'Runs pit 2 and recruits in Rubaya',
    // A fictional person.
    personal: { name: 'Jean-Pierre Mbuyi Kasongo', dateOfBirth: '1981-02-14' },
  });
  await send(
    'investigation/case-file',
    'police',
    mutation('transmitCaseFile', 'TransmitCaseFileInput', INVESTIGATION),
    {
      investigationId: IDS.investigation,
      caseFileId: IDS.caseFile,
      toProsecutorOfficeId: ACTORS.prosecutor.agencyId,
      dueBy: at(14 * DAY_MS),
      summary: 'Debt bondage of diggers at pit 2; the ledger is enclosed.',
      evidenceIds: [IDS.evidence],
      suspectIds: [IDS.suspect],
    },
  );
  await send(
    'investigation/close',
    'police',
    mutation('closeInvestigation', 'CloseInvestigationInput', INVESTIGATION),
    {
      investigationId: IDS.investigation,
      reason: 'TRANSMITTED_TO_PROSECUTOR',
    },
  );

  // The prosecution: the case file received (which acknowledges it), a charge, a hearing.
  const { prosecutionId } = await send<{ prosecutionId: string }>(
    'prosecution/receive',
    'prosecutor',
    mutation('receiveCaseFile', 'ReceiveCaseFileInput', PROSECUTION),
    {
      jointCaseId,
      caseFileId: IDS.caseFile,
      investigationId: IDS.investigation,
      fromPoliceAgencyId: ACTORS.police.agencyId,
      suspects: [{ suspectId: IDS.suspect, role: 'recruiter' }],
    },
  );
  await send('prosecution/charge', 'prosecutor', mutation('fileCharges', 'FileChargesInput', PROSECUTION), {
    prosecutionId,
    chargeId: IDS.charge,
    suspectId: IDS.suspect,
    offence: 'TRAFFICKING_IN_PERSONS',
    legalBasis: 'Code pénal congolais, traite des personnes',
  });
  const hearingAt = at(2 * DAY_MS);
  await send(
    'prosecution/schedule-hearing',
    'prosecutor',
    mutation('scheduleHearing', 'ScheduleHearingInput', PROSECUTION),
    {
      prosecutionId,
      hearingId: IDS.hearing,
      court: 'Tribunal de Grande Instance de Goma',
      scheduledFor: hearingAt,
      purpose: 'First appearance',
    },
  );

  // Assistance for the person, whose personal data is then erased at his request.
  await send('assistance/register', 'assistance', mutation('registerVictim', 'RegisterVictimInput', ASSISTANCE), {
    assistanceId: IDS.assistance,
    jointCaseId,
    personId,
    ageGroup: 'ADULT',
    sex: 'MALE',
    nationality: 'CD',
    formsOfExploitation: ['FORCED_LABOUR'],
    agreementToManagePersonalData: true,
    consentGivenBy: 'SELF',
    // A fictional person.
    personal: { fullName: 'Patrick Habimana Ndoole', dateOfBirth: '2001-09-30', currentLocation: 'Goma' },
  });
  await send('assistance/assess-needs', 'assistance', mutation('assessNeeds', 'AssessNeedsInput', ASSISTANCE), {
    assistanceId: IDS.assistance,
    needs: [
      { need: 'MEDICAL', priority: 'URGENT' },
      { need: 'PSYCHOSOCIAL', priority: 'HIGH' },
    ],
  });
  await send('assistance/service', 'assistance', mutation('provideService', 'ProvideServiceInput', ASSISTANCE), {
    assistanceId: IDS.assistance,
    serviceId: IDS.service,
    kind: 'MEDICAL',
    note: 'Hand injury treated',
  });
  await send('assistance/erase', 'assistance', mutation('erasePersonalData', 'ErasePersonalDataInput', ASSISTANCE), {
    assistanceId: IDS.assistance,
    reason: 'LEGAL_REQUEST',
  });

  // The coordination body's meeting.
  await send('meeting/schedule', 'coordination', mutation('scheduleMeeting', 'ScheduleMeetingInput', MEETING), {
    meetingId: IDS.meeting,
    title: 'Réunion mensuelle de coordination, Masisi',
    province: 'NK',
    scheduledFor: at(DAY_MS),
    siteCode: SITE_CODE,
    participantAgencyTypes: ['POLICE', 'PROSECUTOR', 'ASSISTANCE_PROVIDER'],
  });
  // The day of the hearing and the meeting.
  clock.advance(3 * DAY_MS);
  await send(
    'prosecution/hearing-held',
    'prosecutor',
    mutation('recordHearingHeld', 'RecordHearingHeldInput', PROSECUTION),
    {
      prosecutionId,
      hearingId: IDS.hearing,
      outcome: 'The accused appeared with counsel; adjourned for the victim to testify.',
    },
  );
  await send('meeting/decision', 'coordination', mutation('recordDecision', 'RecordDecisionInput', MEETING), {
    meetingId: IDS.meeting,
    jointCaseId,
    text: 'The police return the retained voter cards to the diggers of pit 2.',
  });
  const point = await send<{ itemId: string }>(
    'meeting/action-point',
    'coordination',
    mutation('recordActionPoint', 'RecordActionPointInput', MEETING),
    {
      meetingId: IDS.meeting,
      jointCaseId,
      description: 'Return the voter cards found with the ledger',
      dueBy: at(7 * DAY_MS),
      ownerAgencyId: ACTORS.police.agencyId,
      ownerAgencyType: 'POLICE',
    },
  );
  await send(
    'meeting/action-point-done',
    'police',
    mutation('completeActionPoint', 'CompleteActionPointInput', MEETING),
    {
      meetingId: IDS.meeting,
      actionPointId: point.itemId,
    },
  );
  await send('meeting/minutes', 'coordination', mutation('recordMinutes', 'RecordMinutesInput', MEETING), {
    meetingId: IDS.meeting,
    text: 'Present: police, Parquet, NGO Ushindi. The suspension of NK-MAS-140 stands.',
  });
  await send('meeting/close', 'coordination', mutation('closeMeeting', 'CloseMeetingInput', MEETING), {
    meetingId: IDS.meeting,
  });
  return { jointCaseId, siteId: site.siteId, prosecutionId, personId, commands };
}

const REFERRAL_VIEW = `referralId reference jointCaseId subjectIsChild subjectPersonId siteCode siteDescription indicators
  childLabourFlags urgency fromAgencyId fromAgencyType toAgencyId toAgencyType status statusReason summary submittedAt
  answeredAt dueBy dueByLocal overdue deadlineMissed revision
  consent { active agencyTypes purposes withdrawn records { consentId givenBy agencyTypes purposes withdrawnAt } }`;

/** What the fixture records and today's platform must answer the same: one query per reader and record. */
export function fixtureQueries(outcome: ScenarioOutcome): FixtureQuery[] {
  const q = (name: string, as: ActorName, query: string, variables: Record<string, unknown> = {}): FixtureQuery => ({
    name,
    as: actor(as),
    query,
    variables,
  });
  return [
    q('referralAsSender', 'firstResponder', `query($id: ID!) { referral(referralId: $id) { ${REFERRAL_VIEW} } }`, {
      id: IDS.referral,
    }),
    q(
      'incomingReferralsOfPolice',
      'police',
      `{ incomingReferrals(filter: { first: 50 }) { nodes { ${REFERRAL_VIEW} } } }`,
    ),
    q('assistanceReferral', 'assistance', `query($id: ID!) { referral(referralId: $id) { ${REFERRAL_VIEW} } }`, {
      id: IDS.assistanceReferral,
    }),
    q(
      'mineSite',
      'miningAuthority',
      `query($code: String) { mineSite(code: $code) { siteId code name province territory minerals latitude longitude
        status statusReason statusChangedAt registeredAt registeredByAgencyId revision caseCount openIncidentCount
        lastInspection { inspectedAt inspectingAgency findings indicatorsObserved recommendedStatus } } }`,
      { code: SITE_CODE },
    ),
    q(
      'investigation',
      'police',
      `query($id: ID!) { investigation(investigationId: $id) { investigationId reference jointCaseId referralId siteCode
        offences leadAgencyId leadOfficerId status openedAt closedAt closureReason revision evidenceCount suspectCount
        caseFileCount lastActivityAt
        evidence { evidenceId description kind sha256 collectedAt collectedBy }
        suspects { suspectId role alias description name dateOfBirth identifiedAt }
        caseFiles { caseFileId status dueBy summary evidenceIds suspectIds transmittedAt acknowledgedAt overdue } } }`,
      { id: IDS.investigation },
    ),
    q(
      'prosecution',
      'prosecutor',
      `query($id: ID!) { prosecution(prosecutionId: $id) { prosecutionId reference jointCaseId caseFileId investigationId
        fromPoliceAgencyId officeAgencyId status receivedAt updatedAt revision chargeCount hearingCount hearingsHeldCount
        charges { chargeId suspectId offence legalBasis }
        hearings { hearingId court scheduledFor heldAt outcome purpose } } }`,
      { id: outcome.prosecutionId },
    ),
    q(
      'assistanceCase',
      'assistance',
      `query($id: ID!) { assistanceCase(id: $id) { assistanceId reference jointCaseId assistingAgencyId status ageGroup
        sex nationality isChild formsOfExploitation agreementToManagePersonalData consentGivenBy registeredAt updatedAt
        revision identity { fullName dateOfBirth currentLocation } services { serviceId kind note providedAt } } }`,
      { id: IDS.assistance },
    ),
    q(
      'jointCase',
      'coordination',
      `query($id: ID!) { case(id: $id) { jointCaseId reference stage assistanceStage siteCode province territory openedAt
        lastActivityAt missedDeadlines agencyIds referralIds investigationIds prosecutionIds assistanceIds
        timeline(first: 100) { nodes { eventId eventType category summary agencyId agencyType occurredAt position redacted } } } }`,
      { id: outcome.jointCaseId },
    ),
    q(
      'meeting',
      'coordination',
      `query($id: ID!) { meeting(meetingId: $id) { meetingId title province siteCode language scheduledFor scheduledAt
        scheduledForLocal participantAgencyTypes participantAgencyIds status closedAt revision
        actionPoints { actionPointId description ownerAgencyId ownerAgencyType dueBy jointCaseId status completedAt
          completedByAgencyId overdue }
        decisions { decisionId text jointCaseId } minutes { text } } }`,
      { id: IDS.meeting },
    ),
    q('meetings', 'coordination', `{ meetings(filter: { first: 20 }) { nodes { meetingId title status } } }`),
  ];
}
