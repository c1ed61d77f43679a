import { Inject, type Type } from '@nestjs/common';
import { Parent, registerEnumType, ResolveField, Resolver } from '@nestjs/graphql';
import { AGENCY_DIRECTORY, type AgencyDirectory } from '@pamoja/contracts';
import { graphqlEnum } from '@pamoja/platform/graphql';
import { referenceFieldOf } from '@pamoja/platform/references';
import { EscalationType } from './joint-case.graphql-types.js';
import {
  MeetingActionPointType,
  MeetingAgendaHandoffType,
  MeetingAgendaHearingType,
  MeetingAgendaIncidentType,
  MeetingAgendaMissedDeadlineType,
  MeetingAgendaSiteStatusChangeType,
  MeetingAgendaSuspendedHandoffType,
  MeetingDecisionType,
} from './meeting.graphql-types.js';

/** Escalations of this kind (the missed deadline's event type) name a referral; the others, a case file. */
const REFERRAL_ESCALATION = 'ReferralDeadlineMissed';

const CASE_REFERENCE = {
  name: 'caseReference',
  description: 'The joint case’s reference, e.g. NK-2026-00042 (null when the row names no case)',
};

type WithCase = { readonly jointCaseId: string | null };
const caseReferenceOf = <T extends WithCase>(type: Type<T>) =>
  referenceFieldOf(type, 'case', (row) => row.jointCaseId, CASE_REFERENCE);

/**
 * The references people say and write on the coordination body's rows (ADR 0023), so that an agenda reads as
 * sentences and never as ids: a handoff's own (`NK-2026-00042-R1`), each row's case (`caseReference`), an
 * escalation's referral (`subjectReference`) and a hearing's prosecution (`prosecutionReference`). The joint
 * case's own is `JointCase.reference`.
 */
export const COORDINATION_REFERENCE_FIELDS = [
  referenceFieldOf(MeetingAgendaHandoffType, 'referral', (h) => h.referralId),
  referenceFieldOf(MeetingAgendaSuspendedHandoffType, 'referral', (h) => h.referralId),
  referenceFieldOf(EscalationType, 'referral', (e) => (e.kind === REFERRAL_ESCALATION ? e.subjectId : null)),
  referenceFieldOf(
    MeetingAgendaMissedDeadlineType,
    'referral',
    (e) => (e.kind === REFERRAL_ESCALATION ? e.subjectId : null),
    {
      name: 'subjectReference',
      description: 'The reference of the referral left unanswered (a case file has none of its own: see caseReference)',
    },
  ),
  referenceFieldOf(MeetingAgendaHearingType, 'prosecution', (h) => h.prosecutionId, {
    name: 'prosecutionReference',
    description: 'The prosecution’s reference, e.g. NK-2026-00042-P1',
  }),
  caseReferenceOf(MeetingAgendaHandoffType),
  caseReferenceOf(MeetingAgendaSuspendedHandoffType),
  caseReferenceOf(MeetingAgendaMissedDeadlineType),
  caseReferenceOf(MeetingAgendaHearingType),
  caseReferenceOf(MeetingAgendaIncidentType),
  caseReferenceOf(MeetingActionPointType),
  caseReferenceOf(MeetingDecisionType),
  caseReferenceOf(EscalationType),
];

/** What an escalation was waiting for: a referral's answer, or a case file's acknowledgement. */
export const EscalationSubjectKindEnum = graphqlEnum(['referral', 'case_file'] as const);
registerEnumType(EscalationSubjectKindEnum, {
  name: 'EscalationSubjectKind',
  description: 'REFERRAL: a referral left unanswered; CASE_FILE: a case file left unacknowledged',
});
type EscalationSubjectKind = 'referral' | 'case_file';

function subjectKindOf(kind: string): EscalationSubjectKind {
  return kind === REFERRAL_ESCALATION ? 'referral' : 'case_file';
}

function subjectKindFieldOf<T extends { readonly kind: string }>(type: Type<T>): Type<unknown> {
  @Resolver(() => type)
  class SubjectKindField {
    @ResolveField(() => EscalationSubjectKindEnum, { description: 'What was left unanswered' })
    subjectKind(@Parent() parent: T): EscalationSubjectKind {
      return subjectKindOf(parent.kind);
    }
  }
  Object.defineProperty(SubjectKindField, 'name', { value: `${type.name}SubjectKindField` });
  return SubjectKindField;
}

/** `siteName` beside a row's `siteCode`: the name the site registry gave it, null for a code it does not know. */
function siteNameFieldOf<T extends { readonly siteCode: string | null }>(type: Type<T>): Type<unknown> {
  @Resolver(() => type)
  class SiteNameField {
    constructor(@Inject(AGENCY_DIRECTORY) private readonly directory: AgencyDirectory) {}

    @ResolveField(() => String, {
      nullable: true,
      description: 'The site’s name in the registry, e.g. Bibatama (null when the code is not registered)',
    })
    async siteName(@Parent() parent: T): Promise<string | null> {
      return parent.siteCode ? ((await this.directory.site(parent.siteCode))?.name ?? null) : null;
    }
  }
  Object.defineProperty(SiteNameField, 'name', { value: `${type.name}SiteNameField` });
  return SiteNameField;
}

/** The words beside the ids on an agenda: what an escalation was about, and each site's name. */
export const AGENDA_WORD_FIELDS = [
  subjectKindFieldOf(MeetingAgendaMissedDeadlineType),
  subjectKindFieldOf(EscalationType),
  siteNameFieldOf(MeetingAgendaHandoffType),
  siteNameFieldOf(MeetingAgendaSuspendedHandoffType),
  siteNameFieldOf(MeetingAgendaMissedDeadlineType),
  siteNameFieldOf(MeetingAgendaHearingType),
  siteNameFieldOf(MeetingAgendaIncidentType),
  siteNameFieldOf(MeetingAgendaSiteStatusChangeType),
];
