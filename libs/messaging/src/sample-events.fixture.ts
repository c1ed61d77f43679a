import { type RecordedEvent } from '@pamoja/contracts';

// One sample of every domain event type, as stored (test fixture). Every personal or free-text value
// holds a marker, so a test can prove that none of them leaves the agency.
export const NAME_MARKER = 'NAME-MARKER';
export const TEXT_MARKER = 'TEXT-MARKER';
export const OFFICER_MARKER = 'OFFICER-MARKER';
export const VICTIM_MARKER = 'VICTIM-MARKER';
export const QUASI_MARKER = 'QUASI-MARKER';
export const MARKERS = [NAME_MARKER, TEXT_MARKER, OFFICER_MARKER, VICTIM_MARKER, QUASI_MARKER] as const;

export const JOINT_CASE_ID = '7d1f6c1e-2b4a-4c39-9b7e-0a1d2c3e4f50';
const T = '2026-11-27T08:40:00.000Z';
const LATER = '2026-12-04T08:40:00.000Z';
const text = (what: string) => `${TEXT_MARKER} ${what}`;
/** The person of referral r1 (pseudonymous id) and the hash of a signed consent form. */
export const PERSON_ID = '5b0f2c4e-8d1a-5e3b-9c7f-2a4d6e8f0b1c';
export const FORM_SHA256 = `${'ab'.repeat(31)}cd`;

interface Sample {
  readonly type: string;
  readonly schemaVersion?: number;
  readonly streamId: string;
  readonly jointCaseId?: string | null;
  readonly data: Record<string, unknown>;
}

const SAMPLES: readonly Sample[] = [
  // referrals
  {
    type: 'ReferralSubmitted',
    schemaVersion: 2,
    streamId: 'referral-r1',
    data: {
      referralId: 'r1',
      jointCaseId: JOINT_CASE_ID,
      jointCase: 'opened',
      subject: { isChild: true },
      childProtectionBasis: false,
      site: { code: 'NK-MAS-014', description: text('near the house of Mama X') },
      indicators: ['debt_bondage'],
      childLabourFlags: ['child_in_hazardous_work'],
      urgency: 'urgent',
      fromAgencyId: 'ngo-1',
      fromAgencyType: 'first_responder',
      toAgencyId: 'police-1',
      toAgencyType: 'police',
      submittedAt: T,
      dueBy: LATER,
      summary: text(`${NAME_MARKER} aged 14 works at the pit`),
    },
  },
  {
    type: 'ReferralAccepted',
    streamId: 'referral-r1',
    data: { referralId: 'r1', byAgencyId: 'police-1', acceptedAt: T, note: text('note') },
  },
  {
    type: 'ReferralDeclined',
    streamId: 'referral-r1',
    data: { referralId: 'r1', byAgencyId: 'police-1', declinedAt: T, reason: text('reason') },
  },
  {
    type: 'ReferralRevoked',
    streamId: 'referral-r1',
    data: { referralId: 'r1', byAgencyId: 'ngo-1', revokedAt: T, reason: text('reason') },
  },
  {
    type: 'ReferralCompleted',
    streamId: 'referral-r1',
    data: { referralId: 'r1', byAgencyId: 'police-1', completedAt: T, outcome: text('outcome') },
  },
  {
    type: 'TraffickingScreeningAssessed',
    streamId: 'referral-r1',
    data: {
      referralId: 'r1',
      acts: ['recruitment'],
      means: [],
      purposes: ['forced_labour'],
      personIsChild: true,
      meansRequired: false,
      result: 'indicates_trafficking',
      explanation: text('explanation'),
      assessedAt: T,
      byAgencyId: 'ngo-1',
    },
  },
  {
    type: 'ConsentRecorded',
    streamId: 'referral-r1',
    data: {
      referralId: 'r1',
      consentId: 'c1',
      givenBy: 'guardian',
      agencyTypes: ['police'],
      purposes: ['investigation'],
      recordedAt: T,
      byAgencyId: 'ngo-1',
    },
  },
  // As recorded since persons have ids: whose consent, how it was given, the signed form's hash.
  {
    type: 'ConsentRecorded',
    streamId: 'referral-r1',
    data: {
      referralId: 'r1',
      consentId: 'c2',
      personId: PERSON_ID,
      givenBy: 'parent',
      method: 'thumbprint',
      formSha256: FORM_SHA256,
      agencyTypes: ['assistance_provider'],
      purposes: ['assistance'],
      recordedAt: LATER,
      byAgencyId: 'ngo-1',
    },
  },
  {
    type: 'ConsentWithdrawn',
    streamId: 'referral-r1',
    data: { referralId: 'r1', consentId: 'c1', withdrawnAt: T, byAgencyId: 'ngo-1', reason: text('reason') },
  },
  {
    type: 'ConsentWithdrawn',
    streamId: 'referral-r1',
    data: {
      referralId: 'r1',
      consentId: 'c2',
      personId: PERSON_ID,
      withdrawnAt: LATER,
      byAgencyId: 'ngo-1',
      reason: text('reason'),
    },
  },
  {
    type: 'ReferralDeadlineMissed',
    streamId: 'referral-r1',
    data: { referralId: 'r1', dueBy: T, missedAt: LATER, toAgencyId: 'police-1', escalatedTo: 'coordination_body' },
  },
  // sites
  {
    type: 'MineSiteRegistered',
    streamId: 'site-s1',
    jointCaseId: null,
    data: {
      siteId: 's1',
      code: 'NK-MAS-014',
      name: 'Rubaya',
      province: 'north_kivu',
      territory: 'masisi',
      minerals: ['coltan'],
      latitude: -1.55,
      longitude: 28.88,
      status: 'blue',
      registeredAt: T,
      byAgencyId: 'saemape-1',
    },
  },
  {
    type: 'MineSiteInspected',
    streamId: 'site-s1',
    jointCaseId: null,
    data: {
      siteId: 's1',
      inspectedAt: T,
      inspectingAgency: 'Joint validation team',
      findings: text('findings'),
      indicatorsObserved: [text('indicator')],
      recommendedStatus: 'yellow',
      recordedAt: T,
      byAgencyId: 'saemape-1',
    },
  },
  {
    type: 'MineSiteStatusChanged',
    streamId: 'site-s1',
    jointCaseId: null,
    data: {
      siteId: 's1',
      from: 'blue',
      to: 'yellow',
      reason: text('reason'),
      remediationDeadline: LATER,
      changedAt: T,
      byAgencyId: 'saemape-1',
    },
  },
  {
    type: 'SiteIncidentReported',
    streamId: 'incident-i1',
    data: {
      incidentId: 'i1',
      siteId: 's1',
      jointCaseId: JOINT_CASE_ID,
      source: 'whistle_blower',
      description: text(`reported by ${NAME_MARKER}`),
      reportedAt: T,
      byAgencyId: 'ngo-1',
    },
  },
  {
    type: 'MineSiteIcglrIdRecorded',
    streamId: 'site-s1',
    jointCaseId: null,
    data: { siteId: 's1', icglrId: 'CDNK0001483', previousIcglrId: null, recordedAt: T, byAgencyId: 'saemape-1' },
  },
  {
    type: 'SiteIncidentClassified',
    schemaVersion: 2,
    streamId: 'incident-i1',
    data: {
      incidentId: 'i1',
      level: 1,
      previousLevel: null,
      category: 'forced_labour',
      classifiedAt: T,
      byAgencyId: 'ngo-1',
    },
  },
  {
    type: 'SiteIncidentClosed',
    streamId: 'incident-i1',
    data: { incidentId: 'i1', summary: text('summary'), closedAt: T, byAgencyId: 'ngo-1' },
  },
  // investigations
  {
    type: 'InvestigationOpened',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      jointCaseId: JOINT_CASE_ID,
      referralId: 'r1',
      siteCode: 'NK-MAS-014',
      offences: ['forced_labour'],
      leadAgencyId: 'police-1',
      leadAgencyType: 'police',
      leadOfficerId: OFFICER_MARKER,
      openedAt: T,
    },
  },
  {
    type: 'EvidenceRecorded',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      evidenceId: 'e1',
      description: text('photo of NAME'),
      kind: 'photo',
      sha256: 'a'.repeat(64),
      collectedAt: T,
      collectedBy: OFFICER_MARKER,
      custodian: { agencyId: 'police-1', officerId: OFFICER_MARKER },
    },
  },
  {
    type: 'EvidenceCustodyTransferred',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      evidenceId: 'e1',
      from: { agencyId: 'police-1', officerId: OFFICER_MARKER },
      to: { agencyId: 'lab-1', officerId: OFFICER_MARKER },
      at: T,
      reason: text('reason'),
    },
  },
  {
    type: 'SuspectIdentified',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      suspectId: 'p1',
      role: 'recruiter',
      alias: NAME_MARKER,
      description: text('tall, scar'),
      personal: { name: NAME_MARKER, dateOfBirth: '1980-01-02' },
      identifiedAt: T,
    },
  },
  {
    type: 'ArrestMade',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      suspectId: 'p1',
      arrestedAt: T,
      location: text('house of'),
      legalBasis: text('warrant'),
    },
  },
  {
    type: 'CaseFileTransmitted',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      caseFileId: 'f1',
      fromAgencyId: 'police-1',
      toProsecutorOfficeId: 'parquet-1',
      toAgencyType: 'prosecutor',
      transmittedAt: T,
      dueBy: LATER,
      summary: text('summary'),
      evidenceIds: ['e1'],
      suspectIds: ['p1'],
    },
  },
  {
    type: 'CaseFileAcknowledgementDeadlineMissed',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      caseFileId: 'f1',
      dueBy: T,
      recordedAt: LATER,
      escalatedTo: 'coordination_body',
    },
  },
  {
    type: 'CaseFileAcknowledgementRecorded',
    streamId: 'investigation-v1',
    data: { investigationId: 'v1', caseFileId: 'f1', acknowledgedAt: T, byAgencyId: 'parquet-1' },
  },
  {
    type: 'InvestigationClosed',
    streamId: 'investigation-v1',
    data: { investigationId: 'v1', reason: 'other', note: text('note'), closedAt: T },
  },
  {
    type: 'SuspectPersonalDataErased',
    streamId: 'investigation-v1',
    data: {
      investigationId: 'v1',
      jointCaseId: JOINT_CASE_ID,
      suspectId: 's1',
      subjectId: 'suspect:v1:s1',
      reason: 'legal_request',
      erasedAt: LATER,
      byAgencyId: 'police-1',
    },
  },
  // prosecutions
  {
    type: 'CaseFileReceived',
    streamId: 'prosecution-q1',
    data: {
      prosecutionId: 'q1',
      jointCaseId: JOINT_CASE_ID,
      caseFileId: 'f1',
      investigationId: 'v1',
      fromPoliceAgencyId: 'police-1',
      officeAgencyId: 'parquet-1',
      receivedAt: T,
      suspects: [{ suspectId: 'p1', role: 'recruiter' }],
    },
  },
  {
    type: 'ChargesFiled',
    streamId: 'prosecution-q1',
    data: {
      prosecutionId: 'q1',
      chargeId: 'ch1',
      suspectId: 'p1',
      offence: 'forced_labour',
      legalBasis: text('art.'),
      filedAt: T,
    },
  },
  {
    type: 'HearingScheduled',
    streamId: 'prosecution-q1',
    data: {
      prosecutionId: 'q1',
      hearingId: 'h1',
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: LATER,
      purpose: text('testimony of'),
      scheduledAt: T,
    },
  },
  {
    type: 'HearingHeld',
    streamId: 'prosecution-q1',
    data: { prosecutionId: 'q1', hearingId: 'h1', heldAt: LATER, outcome: text('outcome') },
  },
  {
    type: 'VerdictRendered',
    streamId: 'prosecution-q1',
    data: { prosecutionId: 'q1', chargeId: 'ch1', verdict: 'convicted', renderedAt: LATER },
  },
  {
    type: 'SentenceImposed',
    streamId: 'prosecution-q1',
    data: {
      prosecutionId: 'q1',
      chargeId: 'ch1',
      imprisonmentMonths: 60,
      fine: { amount: 1500.5, currency: 'USD' },
      otherMeasures: text('measures'),
      imposedAt: LATER,
    },
  },
  {
    type: 'RestitutionOrdered',
    streamId: 'prosecution-q1',
    data: {
      prosecutionId: 'q1',
      restitutionId: 'rs1',
      victimRef: VICTIM_MARKER,
      amount: 300,
      currency: 'USD',
      note: text('note'),
      orderedAt: LATER,
    },
  },
  {
    type: 'AppealFiled',
    streamId: 'prosecution-q1',
    data: { prosecutionId: 'q1', appealId: 'a1', chargeId: 'ch1', by: 'defence', filedAt: LATER },
  },
  {
    type: 'ProsecutionClosed',
    streamId: 'prosecution-q1',
    data: { prosecutionId: 'q1', reason: 'other', note: text('note'), closedAt: LATER },
  },
  // assistance
  {
    type: 'VictimRegistered',
    streamId: 'assistance-x1',
    data: {
      assistanceId: 'x1',
      jointCaseId: JOINT_CASE_ID,
      assistingAgencyId: 'ngo-2',
      registeredAt: T,
      ageGroup: QUASI_MARKER,
      isChild: true,
      sex: QUASI_MARKER,
      nationality: QUASI_MARKER,
      formsOfExploitation: ['child_labour'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'guardian',
      personal: {
        fullName: NAME_MARKER,
        dateOfBirth: '2012-03-04',
        phone: `+243 ${NAME_MARKER}`,
        currentLocation: text('safe house in'),
      },
    },
  },
  {
    type: 'NeedsAssessed',
    streamId: 'assistance-x1',
    data: {
      assistanceId: 'x1',
      byAgencyId: 'ngo-2',
      assessedAt: T,
      needs: [{ need: 'shelter', priority: 'urgent' }],
    },
  },
  {
    type: 'ServiceProvided',
    streamId: 'assistance-x1',
    data: {
      assistanceId: 'x1',
      serviceId: 'sv1',
      kind: 'medical',
      providedAt: T,
      providerAgencyId: 'clinic-1',
      note: text('note'),
    },
  },
  {
    type: 'ProtectionMeasureApplied',
    streamId: 'assistance-x1',
    data: {
      assistanceId: 'x1',
      measureId: 'm1',
      measure: 'safe_house',
      description: text('description'),
      byAgencyId: 'ngo-2',
      appliedAt: T,
      reviewBy: LATER,
      consentGivenBy: 'guardian',
    },
  },
  {
    type: 'VictimRegistered',
    streamId: 'assistance-x2',
    data: {
      assistanceId: 'x2',
      jointCaseId: JOINT_CASE_ID,
      personId: PERSON_ID,
      assistingAgencyId: 'ngo-2',
      registeredAt: LATER,
      ageGroup: QUASI_MARKER,
      isChild: false,
      sex: QUASI_MARKER,
      nationality: null,
      formsOfExploitation: ['forced_labour'],
      agreementToManagePersonalData: false,
      consentGivenBy: 'self',
      personal: null,
    },
  },
  {
    type: 'AssistanceClosed',
    streamId: 'assistance-x1',
    data: { assistanceId: 'x1', byAgencyId: 'ngo-2', closedAt: LATER, reason: 'other', note: text('note') },
  },
  {
    type: 'PersonalDataErased',
    streamId: 'assistance-x1',
    data: {
      assistanceId: 'x1',
      jointCaseId: JOINT_CASE_ID,
      subjectId: 'victim:x1',
      reason: 'retention_expired',
      erasedAt: LATER,
      byAgencyId: 'ngo-2',
    },
  },
  // coordination
  {
    type: 'CasePartyAdmitted',
    streamId: `case-${JOINT_CASE_ID}`,
    data: {
      jointCaseId: JOINT_CASE_ID,
      decisionId: 'd1',
      agencyId: 'police-2',
      agencyType: 'police',
      reason: 'other',
      note: text(`${NAME_MARKER} is sheltered in their territory`),
      admittedAt: LATER,
      byAgencyId: 'coordination-1',
    },
  },
  {
    type: 'AgencyRegistered',
    streamId: 'agency-ngo-9',
    data: {
      agencyId: 'ngo-9',
      agencyType: 'assistance_provider',
      name: 'Shelter NGO',
      province: 'north_kivu',
      territory: 'masisi',
      parentAgencyId: null,
      contact: { email: null, phone: text(`${NAME_MARKER}'s own phone`) },
      registeredAt: LATER,
      byAgencyId: 'coordination-1',
    },
  },
  {
    type: 'AgencyDetailsChanged',
    streamId: 'agency-ngo-9',
    data: {
      agencyId: 'ngo-9',
      name: 'Shelter NGO (Masisi)',
      province: 'north_kivu',
      territory: 'masisi',
      parentAgencyId: null,
      contact: { email: null, phone: text(`${NAME_MARKER}'s own phone`) },
      changedAt: LATER,
      byAgencyId: 'coordination-1',
    },
  },
  {
    type: 'AgencySuspended',
    streamId: 'agency-ngo-9',
    data: {
      agencyId: 'ngo-9',
      reason: text(`${NAME_MARKER} complained about the shelter`),
      suspendedAt: LATER,
      byAgencyId: 'coordination-1',
    },
  },
  {
    type: 'AgencyReinstated',
    streamId: 'agency-ngo-9',
    data: { agencyId: 'ngo-9', reinstatedAt: LATER, byAgencyId: 'coordination-1' },
  },
];

export function sampleEvents(): RecordedEvent[] {
  return SAMPLES.map((sample, i) => ({
    eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    type: sample.type,
    schemaVersion: sample.schemaVersion ?? 1,
    data: sample.data,
    metadata: {
      actor: { userId: NAME_MARKER, agencyId: 'agency-1', agencyType: 'police', roles: ['officer'] },
      correlationId: '11111111-2222-4333-8444-555555555555',
      causationId: null,
      jointCaseId: sample.jointCaseId === undefined ? JOINT_CASE_ID : sample.jointCaseId,
      occurredAt: T,
    },
    streamId: sample.streamId,
    streamRevision: i,
    globalPosition: 100 + i,
    transactionId: 50 + i,
    recordedAt: new Date('2026-11-27T08:40:01.250Z'),
  }));
}
