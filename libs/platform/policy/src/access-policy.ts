import { type AgencyType, type RecordKind } from '@pamoja/contracts';

/**
 * Who may do and read what, as data: the one place that says it, reviewed like code and printed in
 * docs/security.md. Deny by default: an operation or a guarded field that no grant covers is refused.
 *
 * - Operations are the root fields of Query, Mutation and Subscription. One without an entry is
 *   refused (FORBIDDEN, reason `access_policy`) before its input is even read, and changes nothing.
 * - Fields are `Type.field` entries for what is sensitive. A field without an entry is readable by
 *   whoever may read its parent; a guarded field the reader may not read is null (redacted), never an
 *   error that breaks the rest of the answer, so guarded fields are nullable in the schema.
 * - Rows are scoped by the query handlers (an agency's own referrals, its own queue): the policy says
 *   who may ask at all, the handlers what an allowed asker gets, with the same grants for fields.
 */

/** Every agency type except integrators, who receive the integration feed and never the case API. */
export const CASE_API_AGENCIES: readonly AgencyType[] = [
  'first_responder',
  'police',
  'prosecutor',
  'assistance_provider',
  'mining_authority',
  'coordination_body',
];

/** A purpose the person may consent to (libs/referrals/domain consent.ts), checked for personal data. */
type ConsentPurposeGrant = 'assistance' | 'investigation' | 'prosecution' | 'information_sharing';

export type Grant =
  /** The actor's agency is of one of these types (and, if roles are given, the actor holds one of them). */
  | { readonly agencyTypes: readonly AgencyType[]; readonly roles?: readonly string[] }
  /** The actor holds one of these roles, whatever the agency type (integrators excepted). */
  | { readonly roles: readonly string[] }
  /** The actor's agency is the one the record belongs to (its `agencyId` fact). */
  | { readonly sameAgency: true }
  /**
   * The actor's agency is a party to the record's joint case (optionally only parties of these types):
   * membership recorded in the log by those entitled to record it (ADR 0016), never claimed.
   */
  | { readonly party: true; readonly agencyTypes?: readonly AgencyType[] }
  /**
   * The actor's agency is a party to the record's joint case, and the record's person gave consent, not
   * withdrawn, covering the actor's agency type for this purpose. Consent never reaches a non-party.
   */
  | { readonly consent: ConsentPurposeGrant };

interface OperationRule {
  readonly allow: readonly Grant[];
  /** Why, in a sentence: printed with the policy. */
  readonly why: string;
}

export interface FieldRule {
  readonly allow: readonly Grant[];
  readonly why: string;
  /** Personal data of a person: every read is audited; `victim` data also follows the person's consent. */
  readonly personal?: 'victim' | 'suspect';
  /** Where the facts are on the parent object: the owning agency's id and the joint case's id. */
  readonly facts?: {
    readonly agencyId?: string;
    readonly jointCaseId?: string;
    readonly subjectId?: string;
    /** The person whose consent extends the field. */
    readonly personId?: string;
  };
}

export type OperationType = 'Query' | 'Mutation' | 'Subscription';

/** Who may see a record at all; to anyone else it does not exist (NOT_FOUND), so probing ids learns nothing. */
interface RecordRule {
  readonly allow: readonly Grant[];
  readonly why: string;
}

/**
 * How a timeline entry of one type is disclosed: in full (what happened) to `full`, as a notice (that an
 * agency acted, when, in which `category`) to `notice`, to anyone else not at all. Entries the viewer's own
 * agency recorded are always shown in full. A type without a rule is shown to nobody (deny by default).
 */
interface TimelineRule {
  readonly full: readonly Grant[];
  readonly notice: readonly Grant[];
  readonly category: string;
  readonly why: string;
}

export interface AccessPolicy {
  readonly version: number;
  readonly operations: { readonly [T in OperationType]: Readonly<Record<string, OperationRule>> };
  readonly fields: Readonly<Record<string, FieldRule>>;
  readonly records: Readonly<Record<RecordKind, RecordRule>>;
  readonly timeline: Readonly<Record<string, TimelineRule>>;
}

const everyone = (why: string): OperationRule => ({ allow: [{ agencyTypes: CASE_API_AGENCIES }], why });
const only = (agencyTypes: readonly AgencyType[], why: string): OperationRule => ({ allow: [{ agencyTypes }], why });

const POLICE_AND_PROSECUTORS: readonly AgencyType[] = ['police', 'prosecutor'];
/** Statistics: every agency, and integrators by name (joint figures only, small counts withheld). */
const PUBLISHED_FIGURES: OperationRule = {
  allow: [{ agencyTypes: CASE_API_AGENCIES }, { agencyTypes: ['integrator'] }],
  why: 'Counts: each agency its own in full; everyone, integrators too, the joint figures with small counts withheld.',
};
const JUSTICE_AND_COORDINATION: readonly AgencyType[] = ['police', 'prosecutor', 'coordination_body'];

/** A prosecutor who oversees the judicial police's work reads investigations by role, party or not. */
const SUPERVISING_PROSECUTOR_ROLE = 'supervising_prosecutor';

/** Need-to-know for investigations and prosecutions: their parties in the justice chain, and supervisors. */
const JUSTICE_PARTIES: readonly Grant[] = [
  { party: true, agencyTypes: POLICE_AND_PROSECUTORS },
  { agencyTypes: ['prosecutor'], roles: [SUPERVISING_PROSECUTOR_ROLE] },
];

/** The coordination body's mandate: every case of its province, in the detail its reviews need. */
const COORDINATION: Grant = { agencyTypes: ['coordination_body'] };

/** Those who see a case at all: its parties, and the coordination body. */
const CASE_VIEWERS: readonly Grant[] = [{ party: true }, COORDINATION];

const timelineRule = (
  category: string,
  full: readonly Grant[],
  notice: readonly Grant[],
  why: string,
): TimelineRule => ({ category, full, notice, why });

const HANDOFFS = timelineRule(
  'handoff',
  CASE_VIEWERS,
  [],
  'Handoffs are every party’s business, and the coordination body’s.',
);
const SITE = timelineRule('site', CASE_VIEWERS, [], 'Mine-site facts are public to the case’s viewers.');
const CONSENT = timelineRule(
  'consent',
  CASE_VIEWERS,
  [],
  'Every party must know what the person agreed to, and a widening must be seen by the assisting agency.',
);
const INVESTIGATIVE = timelineRule(
  'investigation',
  JUSTICE_PARTIES,
  [COORDINATION],
  'Investigative steps: the police and prosecutors of the case; the coordination body sees that something happened.',
);
const JUSTICE_HANDOFF = timelineRule(
  'investigation',
  [...JUSTICE_PARTIES, COORDINATION],
  [],
  'The case file’s handoff to the prosecutor and its deadline: the justice parties and the coordination body.',
);
const PROSECUTION = timelineRule(
  'prosecution',
  JUSTICE_PARTIES,
  [COORDINATION],
  'Prosecution steps: the police and prosecutors of the case; the coordination body sees that something happened.',
);
const ASSISTANCE = timelineRule(
  'assistance',
  [],
  CASE_VIEWERS,
  'Assistance to the person: in full to the assisting agency (its own entries); to the case’s viewers, that it happened.',
);
const RESTRICTED = timelineRule(
  'restricted',
  [],
  CASE_VIEWERS,
  'A withheld act (a protection measure): only that it happened, to the case’s viewers.',
);

/** What only the assisting agency, or an agency the victim consented to share with, may read. */
const VICTIM_DETAIL: Omit<FieldRule, 'why'> = {
  allow: [{ sameAgency: true }, { consent: 'information_sharing' }],
  facts: { agencyId: 'assistingAgencyId', jointCaseId: 'jointCaseId', subjectId: 'assistanceId', personId: 'personId' },
};

/** Who the victim is and what they went through: as sensitive as the identity for re-identification. */
const victimDetail = (field: string): [string, FieldRule] => [
  `AssistanceCase.${field}`,
  { ...VICTIM_DETAIL, why: 'Details of the victim: the assisting agency, and agencies the victim consented to.' },
];

export const ACCESS_POLICY: AccessPolicy = {
  version: 2,
  operations: {
    Mutation: {
      // referrals: any agency in the chain hands a person on; the domain checks who is sender and receiver.
      submitReferral: everyone('Any agency in the chain may refer a person to another.'),
      acceptReferral: everyone('The receiving agency answers (the domain checks it is the receiver).'),
      declineReferral: everyone('The receiving agency answers (the domain checks it is the receiver).'),
      completeReferral: everyone('The receiving agency closes the handoff (checked by the domain).'),
      revokeReferral: everyone('The sending agency takes a referral back (checked by the domain).'),
      assessTraffickingScreening: everyone('A party to the referral screens the person (checked by the domain).'),
      recordConsent: everyone("A party to the referral records the person's consent (checked by the domain)."),
      withdrawConsent: everyone('A party to the referral records a withdrawal (checked by the domain).'),
      // sites: the registry and site status are the mining authority's; incidents are reported by the field.
      registerMineSite: everyone('A field agency may register a site it finds; the code keeps it unique.'),
      recordMineSiteInspection: everyone('Inspections by the authority and by field agencies are recorded.'),
      changeMineSiteStatus: only(['mining_authority'], 'Site status is a regulatory decision.'),
      recordMineSiteIcglrId: only(['mining_authority'], 'The ICGLR id comes from the joint validation.'),
      reportSiteIncident: everyone('Anyone at a site may report an incident.'),
      classifySiteIncident: only(['mining_authority', 'police'], 'The authority or the police grade an incident.'),
      closeSiteIncident: only(['mining_authority', 'police'], 'The authority or the police close an incident.'),
      // investigations: the police.
      openInvestigation: only(['police'], 'Only the police investigate.'),
      recordEvidence: only(['police'], 'Evidence is collected by the investigating police.'),
      recordEvidenceCustodyTransfer: only(
        POLICE_AND_PROSECUTORS,
        'The custodian or the lead agency hands evidence on (checked by the domain).',
      ),
      identifySuspect: only(['police'], 'Suspects are identified by the investigating police.'),
      recordArrest: only(['police'], 'Arrests are made by the police.'),
      transmitCaseFile: only(['police'], 'The police send the case file to the prosecutor.'),
      closeInvestigation: only(['police'], 'The lead police agency closes its investigation.'),
      eraseSuspectPersonalData: only(['police'], "The investigating police erase a suspect's personal data."),
      // prosecutions: the prosecutor's office.
      receiveCaseFile: only(['prosecutor'], 'The prosecutor’s office acknowledges a case file.'),
      fileCharges: only(['prosecutor'], 'Only a prosecutor charges.'),
      scheduleHearing: only(['prosecutor'], 'The prosecutor’s office records hearings.'),
      rescheduleHearing: only(['prosecutor'], 'The prosecutor’s office records hearings.'),
      cancelHearing: only(['prosecutor'], 'The prosecutor’s office records hearings.'),
      recordHearingHeld: only(['prosecutor'], 'The prosecutor’s office records hearings.'),
      renderVerdict: only(['prosecutor'], 'The prosecutor’s office records the court’s verdict.'),
      imposeSentence: only(['prosecutor'], 'The prosecutor’s office records the sentence.'),
      orderRestitution: only(['prosecutor'], 'The prosecutor’s office records restitution orders.'),
      fileAppeal: only(['prosecutor'], 'The prosecutor’s office records appeals.'),
      decideAppeal: only(['prosecutor'], 'The prosecutor’s office records the appeal court’s decision.'),
      closeProsecution: only(['prosecutor'], 'The prosecutor’s office closes its case.'),
      // assistance: the assisting agency.
      registerVictim: only(['assistance_provider'], 'Assistance providers take victims into their care.'),
      assessNeeds: only(['assistance_provider'], 'The assisting agency assesses needs.'),
      provideService: only(['assistance_provider'], 'The assisting agency records services.'),
      applyProtectionMeasure: only(['assistance_provider'], 'The assisting agency protects the person.'),
      closeAssistance: only(['assistance_provider'], 'The assisting agency closes its case.'),
      erasePersonalData: only(['assistance_provider'], "The assisting agency erases the victim's personal data."),
      // coordination: the coordination body runs meetings; an action point's owner completes it.
      scheduleMeeting: only(['coordination_body'], 'The coordination body convenes meetings.'),
      recordActionPoint: only(['coordination_body'], 'The coordination body records action points.'),
      recordDecision: only(['coordination_body'], 'The coordination body records decisions.'),
      recordMinutes: only(['coordination_body'], 'The coordination body keeps the minutes.'),
      closeMeeting: only(['coordination_body'], 'The coordination body closes its meetings.'),
      admitCaseParty: only(
        ['coordination_body'],
        'The coordination body admits an agency to a case no party referred to it; a recorded decision.',
      ),
      completeActionPoint: everyone('The owner agency (or the coordination body) completes its action point.'),
      // the agency directory: kept by the coordination body's coordinators (checked by the domain).
      registerAgency: only(['coordination_body'], 'The coordination body registers the agencies that take part.'),
      changeAgencyDetails: only(['coordination_body'], 'The coordination body keeps the directory current.'),
      suspendAgency: only(['coordination_body'], 'The coordination body suspends an agency; its tokens stop at once.'),
      reinstateAgency: only(['coordination_body'], 'The coordination body reinstates a suspended agency.'),
      // webhooks: an integrator's own endpoints (the handlers refuse another agency's as not found).
      createWebhookEndpoint: only(['integrator'], 'Integrators subscribe to integration events by webhook.'),
      changeWebhookEndpoint: only(['integrator'], 'An integrator changes its own endpoint.'),
      rotateWebhookSecret: only(['integrator'], 'An integrator rotates its own endpoint’s signing secret.'),
      disableWebhookEndpoint: only(['integrator'], 'An integrator pauses its own endpoint.'),
      enableWebhookEndpoint: only(['integrator'], 'An integrator resumes its own endpoint.'),
      deleteWebhookEndpoint: only(['integrator'], 'An integrator deletes its own endpoint.'),
      replayWebhookMessages: only(['integrator'], 'An integrator has its own endpoint’s messages sent again.'),
      resendWebhookMessage: only(['integrator'], 'An integrator has one of its own messages sent again.'),
    },
    Query: {
      case: everyone('Every agency sees the case; each part decides what it shows (fields below).'),
      caseByReference: everyone(
        'A case found by its reference or a record’s; shown exactly as case(id) shows it (scoped by the handler).',
      ),
      jointCase: everyone('Deprecated name of `case`.'),
      jointCases: everyone('The cases an agency takes part in (scoped by the handler).'),
      referral: everyone('The parties of a referral and the coordination body (scoped by the handler).'),
      incomingReferrals: everyone('An agency’s own queue.'),
      outgoingReferrals: everyone('An agency’s own referrals.'),
      escalations: only(['coordination_body'], 'Missed deadlines are escalated to the coordination body.'),
      mineSite: everyone('Mine-site data is for everyone.'),
      mineSites: everyone('Mine-site data is for everyone.'),
      siteIncidents: everyone('Mine-site data is for everyone.'),
      investigation: only(POLICE_AND_PROSECUTORS, 'Evidence and suspects are for the police and prosecutors.'),
      investigations: only(['police'], 'A police agency’s own investigations.'),
      overdueCaseFileTransmissions: only(JUSTICE_AND_COORDINATION, 'Case files owed to a prosecutor.'),
      incomingCaseFiles: only(['prosecutor'], 'A prosecutor’s office’s own queue.'),
      prosecution: only(['prosecutor'], 'A prosecutor’s office’s own case (others read the joint case’s part).'),
      prosecutions: only(['prosecutor'], 'A prosecutor’s office’s own cases.'),
      upcomingHearings: only(['prosecutor'], 'A prosecutor’s office’s own hearings (the agenda shows them to others).'),
      assistanceCase: everyone('A case in summary; details and identity per the field rules.'),
      assistanceCases: only(['assistance_provider'], 'An assisting agency’s own cases.'),
      meeting: everyone('Meetings are shared by the agencies of a province (scoped by the handler).'),
      meetings: everyone('Meetings are shared by the agencies of a province (scoped by the handler).'),
      myActionPoints: everyone('An agency’s own action points.'),
      agencies: everyone('Every agency finds the agencies it may hand a case to, by name, type and place.'),
      agency: everyone('Every agency finds the agencies it may hand a case to, by name, type and place.'),
      caseStageCounts: everyone('Dashboards: the cases an agency takes part in (scoped by the handler).'),
      handoffStatistics: everyone('Dashboards: the referrals an agency sent or received (scoped by the handler).'),
      mineSiteStatusCounts: everyone('Mine-site data is for everyone.'),
      // Statistics (docs/statistics.md): every agency its own figures in full (scope OWN, checked by the
      // resolver) and the joint figures with small counts withheld; integrators the joint figures only.
      victimStatistics: PUBLISHED_FIGURES,
      referralStatistics: PUBLISHED_FIGURES,
      investigationStatistics: PUBLISHED_FIGURES,
      prosecutionStatistics: PUBLISHED_FIGURES,
      webhookEventTypes: only(['integrator'], 'The integration events an integrator may subscribe to.'),
      webhookEndpoints: only(['integrator'], 'An integrator’s own endpoints and their delivery log.'),
      webhookEndpoint: only(['integrator'], 'An integrator’s own endpoint and its delivery log.'),
      auditEntries: {
        allow: [{ roles: ['auditor'] }],
        why: 'Auditors read the audit log; nobody else.',
      },
    },
    Subscription: {
      caseTimelineEntryAdded: everyone('The case timeline, redacted per viewer.'),
      referralReceived: everyone('An agency’s own incoming referrals.'),
      deadlineMissed: everyone('The agency that had to answer, its own; the coordination body, every one.'),
    },
  },
  fields: {
    'AssistanceCase.identity': {
      ...VICTIM_DETAIL,
      personal: 'victim',
      why: "The victim's identity and whereabouts: the assisting agency, and agencies the victim consented to share with.",
    },
    ...Object.fromEntries(
      [
        'ageGroup',
        'isChild',
        'sex',
        'nationality',
        'formsOfExploitation',
        'agreementToManagePersonalData',
        'consentGivenBy',
        'assessedAt',
        'needs',
        'needsMet',
        'needsOutstanding',
        'protectionMeasures',
        'closeNote',
      ].map(victimDetail),
    ),
    'InvestigationSuspect.name': {
      allow: JUSTICE_PARTIES,
      facts: { subjectId: 'suspectId', jointCaseId: 'jointCaseId' },
      personal: 'suspect',
      why: "A suspect's identity: the police and prosecutors party to the case, and supervising prosecutors.",
    },
    'InvestigationSuspect.dateOfBirth': {
      allow: JUSTICE_PARTIES,
      facts: { subjectId: 'suspectId', jointCaseId: 'jointCaseId' },
      personal: 'suspect',
      why: "A suspect's identity: the police and prosecutors party to the case, and supervising prosecutors.",
    },
  },
  records: {
    JointCase: {
      allow: CASE_VIEWERS,
      why: 'A case exists for its parties and the coordination body; to others it is not found.',
    },
    Referral: {
      allow: [{ sameAgency: true }, COORDINATION],
      why: 'A referral: its sender and receiver (checked by the handler) and the coordination body.',
    },
    Investigation: {
      allow: JUSTICE_PARTIES,
      why: 'An investigation in detail: the police and prosecutors party to its case, and supervising prosecutors.',
    },
    InvestigationSummary: {
      allow: [...JUSTICE_PARTIES, COORDINATION],
      why: 'That a case is investigated, and its status: the justice parties and the coordination body.',
    },
    Prosecution: {
      allow: [{ sameAgency: true }, { agencyTypes: ['prosecutor'], roles: [SUPERVISING_PROSECUTOR_ROLE] }],
      why: 'A prosecution in detail: the office that holds it, and supervising prosecutors.',
    },
    ProsecutionSummary: {
      allow: [...JUSTICE_PARTIES, COORDINATION],
      why: 'That a case is prosecuted, and its status: the justice parties and the coordination body.',
    },
    AssistanceCase: {
      allow: [{ sameAgency: true }, ...CASE_VIEWERS],
      why: 'An assistance case in summary: the assisting agency, the case’s parties and the coordination body.',
    },
  },
  timeline: {
    ReferralSubmitted: HANDOFFS,
    ReferralAccepted: HANDOFFS,
    ReferralDeclined: HANDOFFS,
    ReferralRevoked: HANDOFFS,
    ReferralCompleted: HANDOFFS,
    ReferralDeadlineMissed: HANDOFFS,
    TraffickingScreeningAssessed: HANDOFFS,
    CasePartyAdmitted: HANDOFFS,
    ConsentRecorded: CONSENT,
    ConsentWithdrawn: CONSENT,
    MineSiteRegistered: SITE,
    MineSiteInspected: SITE,
    MineSiteStatusChanged: SITE,
    MineSiteIcglrIdRecorded: SITE,
    SiteIncidentReported: SITE,
    SiteIncidentClassified: SITE,
    SiteIncidentClosed: SITE,
    InvestigationOpened: INVESTIGATIVE,
    EvidenceRecorded: INVESTIGATIVE,
    EvidenceCustodyTransferred: INVESTIGATIVE,
    SuspectIdentified: INVESTIGATIVE,
    ArrestMade: INVESTIGATIVE,
    InvestigationClosed: INVESTIGATIVE,
    SuspectPersonalDataErased: INVESTIGATIVE,
    CaseFileTransmitted: JUSTICE_HANDOFF,
    CaseFileAcknowledgementRecorded: JUSTICE_HANDOFF,
    CaseFileAcknowledgementDeadlineMissed: JUSTICE_HANDOFF,
    CaseFileReceived: JUSTICE_HANDOFF,
    ChargesFiled: PROSECUTION,
    HearingScheduled: PROSECUTION,
    HearingRescheduled: PROSECUTION,
    HearingCancelled: PROSECUTION,
    HearingOutcomeOverdue: PROSECUTION,
    HearingHeld: PROSECUTION,
    VerdictRendered: PROSECUTION,
    SentenceImposed: PROSECUTION,
    RestitutionOrdered: PROSECUTION,
    AppealFiled: PROSECUTION,
    AppealDecided: PROSECUTION,
    ProsecutionClosed: PROSECUTION,
    VictimRegistered: ASSISTANCE,
    NeedsAssessed: ASSISTANCE,
    ServiceProvided: ASSISTANCE,
    AssistanceClosed: ASSISTANCE,
    PersonalDataErased: ASSISTANCE,
    RestrictedActivityRecorded: RESTRICTED,
  },
};
