import { createHash, randomUUID } from 'node:crypto';
import { AGENCIES, type AgencyName, type ConsoleUnderTest } from './console.js';

/**
 * A case handed along the chain, as the agencies would have entered it (preconditions of the browser
 * tests, made through GraphQL): the NGO refers a digger at a North Kivu site to the police and to NGO
 * Ushindi, the police investigate (evidence, an identified suspect), Ushindi takes the person into
 * assistance (identity and safe house), and an incident at the site is linked to the case. Every
 * personal value is fictional and distinctive, so that a test can look for it anywhere on a page.
 */
export interface CaseChain {
  readonly jointCaseId: string;
  readonly reference: string | null;
  readonly siteCode: string;
  readonly siteId: string;
  readonly policeReferralId: string;
  readonly assistanceReferralId: string;
  readonly personId: string;
  readonly investigationId: string;
  readonly assistanceId: string;
  readonly incidentId: string;
  /** The person's consent as the NGO recorded it (types and purposes in the policy's lower case). */
  readonly consent: { readonly agencyTypes: readonly string[]; readonly purposes: readonly string[] };
  readonly values: {
    readonly victimName: string;
    readonly victimBirth: string;
    readonly victimLocation: string;
    readonly victimPhone: string;
    readonly suspectName: string;
    readonly suspectBirth: string;
    readonly suspectAlias: string;
    readonly evidence: string;
    readonly incident: string;
    readonly leadOfficer: string;
  };
}

const hour = 3_600_000;

export async function send<T>(
  app: ConsoleUnderTest,
  as: AgencyName,
  name: string,
  inputType: string,
  fields: string,
  input: Record<string, unknown>,
): Promise<T> {
  const data = await app.graphql<Record<string, T>>(
    as,
    `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`,
    { input: { commandId: randomUUID(), ...input } },
  );
  const answer = data[name];
  if (answer === undefined) throw new Error(`no answer to ${name}`);
  return answer;
}

export async function referral(
  app: ConsoleUnderTest,
  input: Record<string, unknown>,
): Promise<{ referralId: string; jointCaseId: string; revision: number }> {
  return send(app, 'ngo', 'submitReferral', 'SubmitReferralInput', 'referralId jointCaseId revision', {
    subject: { isChild: false },
    site: { code: 'NK-MAS-014' },
    indicators: ['DEBT_BONDAGE'],
    urgency: 'URGENT',
    dueBy: new Date(Date.now() + 24 * hour).toISOString(),
    ...input,
  });
}

export async function accept(
  app: ConsoleUnderTest,
  as: AgencyName,
  sent: { referralId: string; revision: number },
): Promise<void> {
  await send(app, as, 'acceptReferral', 'AcceptReferralInput', 'status', {
    referralId: sent.referralId,
    expectedRevision: sent.revision,
  });
}

/** The case, with `tag` in every value so that two runs (or two files) never mix their data. */
export async function handCaseAlong(app: ConsoleUnderTest, tag = Date.now().toString(36)): Promise<CaseChain> {
  const values = {
    victimName: `Furaha Zawadi Mbonekube ${tag}`,
    victimBirth: '1998-03-17',
    victimLocation: `Maison d'accueil Tumaini, parcelle 12 rue Kibati ${tag}`,
    victimPhone: '+243 970 555 123',
    suspectName: `Jean-Bosco Ntabwoba Kyalimpa ${tag}`,
    suspectBirth: '1975-11-04',
    suspectAlias: `Patron Mangusu ${tag}`,
    evidence: `Cahier de dettes du puits 7, cartes d'électeur confisquées ${tag}`,
    incident: `Creuseurs retenus au puits 7 jusqu'au remboursement ${tag}`,
    leadOfficer: 'opj-masisi-11',
  };
  const consent = {
    givenBy: 'SELF',
    agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
    purposes: ['ASSISTANCE', 'INVESTIGATION'],
  };

  const toPolice = await referral(app, {
    consent,
    toAgencyId: AGENCIES.police.agencyId,
    toAgencyType: 'POLICE',
    summary: `Creuseur payé en dettes au puits 7, consentement recueilli (${tag})`,
  });
  const { jointCaseId } = toPolice;
  await accept(app, 'police', toPolice);
  const { referral: sent } = await app.graphql<{ referral: { subjectPersonId: string } }>(
    'ngo',
    `query ($id: ID!) { referral(referralId: $id) { subjectPersonId } }`,
    { id: toPolice.referralId },
  );
  const personId = sent.subjectPersonId;
  const toUshindi = await referral(app, {
    jointCaseId,
    subject: { isChild: false, personId },
    consent,
    toAgencyId: AGENCIES.assistance.agencyId,
    toAgencyType: 'ASSISTANCE_PROVIDER',
    summary: `Le même creuseur a besoin de soins et d'un abri sûr (${tag})`,
  });
  await accept(app, 'assistance', toUshindi);

  const { investigationId } = await send<{ investigationId: string }>(
    app,
    'police',
    'openInvestigation',
    'OpenInvestigationInput',
    'investigationId',
    {
      jointCaseId,
      referralId: toPolice.referralId,
      siteCode: 'NK-MAS-014',
      offences: ['TRAFFICKING_IN_PERSONS', 'FORCED_LABOUR'],
      leadOfficerId: values.leadOfficer,
    },
  );
  const { investigation } = await app.graphql<{ investigation: { openedAt: string } }>(
    'police',
    `query ($id: ID!) { investigation(investigationId: $id) { openedAt } }`,
    { id: investigationId },
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const collectedAt = new Date(Math.max(Date.now() - 1000, Date.parse(investigation.openedAt) + 1)).toISOString();
  await send(app, 'police', 'recordEvidence', 'RecordEvidenceInput', 'investigationId', {
    investigationId,
    description: values.evidence,
    kind: 'DOCUMENT',
    sha256: createHash('sha256').update(values.evidence).digest('hex'),
    collectedAt,
    collectedBy: values.leadOfficer,
  });
  await send(app, 'police', 'identifySuspect', 'IdentifySuspectInput', 'investigationId', {
    investigationId,
    role: 'RECRUITER',
    alias: values.suspectAlias,
    personal: { name: values.suspectName, dateOfBirth: values.suspectBirth },
  });

  const { assistanceId } = await send<{ assistanceId: string }>(
    app,
    'assistance',
    'registerVictim',
    'RegisterVictimInput',
    'assistanceId',
    {
      jointCaseId,
      personId,
      ageGroup: 'ADULT',
      sex: 'MALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: {
        fullName: values.victimName,
        dateOfBirth: values.victimBirth,
        currentLocation: values.victimLocation,
        phone: values.victimPhone,
      },
    },
  );

  const { mineSite } = await app.graphql<{ mineSite: { siteId: string } }>(
    'mining',
    `query ($code: String) { mineSite(code: $code) { siteId } }`,
    { code: 'NK-MAS-014' },
  );
  const { incidentId } = await send<{ incidentId: string }>(
    app,
    'ngo',
    'reportSiteIncident',
    'ReportSiteIncidentInput',
    'incidentId',
    { siteId: mineSite.siteId, jointCaseId, source: 'FIELD_AGENT', description: values.incident },
  );

  const { case: joint } = await app.graphql<{ case: { reference: string | null } }>(
    'coordination',
    `query ($id: ID!) { case(id: $id) { reference } }`,
    { id: jointCaseId },
  );
  return {
    jointCaseId,
    reference: joint.reference,
    siteCode: 'NK-MAS-014',
    siteId: mineSite.siteId,
    policeReferralId: toPolice.referralId,
    assistanceReferralId: toUshindi.referralId,
    personId,
    investigationId,
    assistanceId,
    incidentId,
    consent: {
      agencyTypes: consent.agencyTypes.map((t) => t.toLowerCase()),
      purposes: consent.purposes.map((p) => p.toLowerCase()),
    },
    values,
  };
}

/** The agencies party to the case, as the coordination body (which sees every case) reads them. */
export async function partiesOf(app: ConsoleUnderTest, jointCaseId: string): Promise<readonly string[]> {
  const { case: joint } = await app.graphql<{ case: { agencyIds: string[] } }>(
    'coordination',
    `query ($id: ID!) { case(id: $id) { agencyIds } }`,
    { id: jointCaseId },
  );
  return joint.agencyIds;
}

/**
 * The police send the case's file to the Parquet de Goma, which acknowledges it (its prosecution opens)
 * and schedules a hearing; returns the prosecution's id.
 */
export async function prosecute(app: ConsoleUnderTest, chain: CaseChain): Promise<string> {
  const { investigation } = await app.graphql<{ investigation: { suspects: { suspectId: string }[] } }>(
    'police',
    `query ($id: ID!) { investigation(investigationId: $id) { suspects { suspectId } } }`,
    { id: chain.investigationId },
  );
  const suspectIds = investigation.suspects.map((s) => s.suspectId);
  const { caseFileId } = await send<{ caseFileId: string }>(
    app,
    'police',
    'transmitCaseFile',
    'TransmitCaseFileInput',
    'caseFileId',
    {
      investigationId: chain.investigationId,
      toProsecutorOfficeId: AGENCIES.prosecutor.agencyId,
      dueBy: new Date(Date.now() + 14 * 24 * hour).toISOString(),
      summary: 'Recrutement par tromperie et servitude pour dettes au puits 7 (NK-MAS-014)',
      suspectIds,
    },
  );
  const { prosecutionId } = await send<{ prosecutionId: string }>(
    app,
    'prosecutor',
    'receiveCaseFile',
    'ReceiveCaseFileInput',
    'prosecutionId',
    {
      jointCaseId: chain.jointCaseId,
      caseFileId,
      investigationId: chain.investigationId,
      fromPoliceAgencyId: AGENCIES.police.agencyId,
      suspects: suspectIds.map((suspectId) => ({ suspectId, role: 'recruteur' })),
    },
  );
  await send(app, 'prosecutor', 'scheduleHearing', 'ScheduleHearingInput', 'prosecutionId', {
    prosecutionId,
    court: 'Tribunal de grande instance de Goma, chambre foraine de Masisi',
    scheduledFor: new Date(Date.now() + 7 * 24 * hour).toISOString(),
    purpose: 'Audience au fond',
  });
  return prosecutionId;
}

/** The coordination body convenes the police about the case, and gives them an action point. */
export async function convene(app: ConsoleUnderTest, chain: CaseChain): Promise<{ meetingId: string; title: string }> {
  const title = 'Réunion de coordination du territoire de Masisi';
  const { meetingId } = await send<{ meetingId: string }>(
    app,
    'coordination',
    'scheduleMeeting',
    'ScheduleMeetingInput',
    'meetingId',
    {
      title,
      province: 'NK',
      language: 'FR',
      siteCode: chain.siteCode,
      scheduledFor: new Date(Date.now() + 2 * 24 * hour).toISOString(),
      participantAgencyIds: [AGENCIES.police.agencyId, AGENCIES.assistance.agencyId],
    },
  );
  await send(app, 'coordination', 'recordActionPoint', 'RecordActionPointInput', 'meetingId', {
    meetingId,
    jointCaseId: chain.jointCaseId,
    description: 'Transmettre le dossier au parquet avant la prochaine réunion',
    dueBy: new Date(Date.now() + 10 * 24 * hour).toISOString(),
    ownerAgencyId: AGENCIES.police.agencyId,
    ownerAgencyType: 'POLICE',
  });
  return { meetingId, title };
}
