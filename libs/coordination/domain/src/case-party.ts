import {
  type Actor,
  type AgencyType,
  type DomainEvent,
  type Decider,
  InvalidInputError,
  isAgencyType,
  RuleViolationError,
  ForbiddenError,
  type FieldProblem,
} from '@pamoja/contracts';

/**
 * The coordination body's decisions about who takes part in a joint case. Membership is otherwise decided
 * by the log itself (a party refers the case on, the police send the case file); when an agency that no
 * party referred the case to must join it (a second NGO that shelters the person, a police unit of another
 * territory), the coordination body admits it, with its reasons, and that decision is recorded here.
 */
export const CASE_PARTY_REASONS = [
  'assistance_needed',
  'jurisdiction',
  'related_case',
  'referral_lost',
  'other',
] as const;
export type CasePartyReason = (typeof CASE_PARTY_REASONS)[number];

export interface CasePartyCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

export interface AdmitCaseParty {
  readonly type: 'AdmitCaseParty';
  readonly data: {
    readonly jointCaseId: string;
    readonly decisionId: string;
    readonly agencyId: string;
    readonly agencyType: AgencyType;
    readonly reason: CasePartyReason;
    /** Why, in words that name nobody; kept out of the shared feed. */
    readonly note: string | null;
  };
  readonly metadata: CasePartyCommandMetadata;
}

export type CasePartyCommand = AdmitCaseParty;

export interface CasePartyAdmitted extends DomainEvent<
  'CasePartyAdmitted',
  {
    readonly jointCaseId: string;
    readonly decisionId: string;
    readonly agencyId: string;
    readonly agencyType: AgencyType;
    readonly reason: CasePartyReason;
    readonly note: string | null;
    readonly admittedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export type CasePartyEvent = CasePartyAdmitted;
export const CASE_PARTY_EVENT_TYPES: readonly CasePartyEvent['type'][] = ['CasePartyAdmitted'];

export interface CasePartyState {
  /** Agencies admitted by a decision, by id. */
  readonly admitted: readonly string[];
}

export const caseDecisionsStreamId = (jointCaseId: string): string => `case-${jointCaseId}`;

function admit({ data, metadata: { actor, now } }: AdmitCaseParty, state: CasePartyState): CasePartyAdmitted {
  if (actor.agencyType !== 'coordination_body') {
    throw new ForbiddenError('only the coordination body admits an agency to a case');
  }
  // The input's shape is checked at the edge; these are the domain's own rules.
  const problems: FieldProblem[] = [];
  if (!isAgencyType(data.agencyType) || data.agencyType === 'integrator') {
    problems.push({ field: 'agencyType', reason: 'must be an agency type that works on cases' });
  }
  if (data.reason === 'other' && (data.note === null || data.note.trim() === '')) {
    problems.push({ field: 'note', reason: 'is required when the reason is other' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (state.admitted.includes(data.agencyId)) {
    throw new RuleViolationError('already_admitted', `agency ${data.agencyId} is already admitted to this case`);
  }
  return {
    type: 'CasePartyAdmitted',
    schemaVersion: 1,
    data: {
      jointCaseId: data.jointCaseId,
      decisionId: data.decisionId,
      agencyId: data.agencyId,
      agencyType: data.agencyType,
      reason: data.reason,
      note: data.note,
      admittedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

export const casePartyDecider: Decider<CasePartyCommand, CasePartyEvent, CasePartyState> = {
  initialState: { admitted: [] },
  decide(command, state) {
    return [admit(command, state)];
  },
  evolve(state, event) {
    return { admitted: [...state.admitted, event.data.agencyId] };
  },
};
