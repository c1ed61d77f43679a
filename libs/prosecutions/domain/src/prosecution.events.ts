import { type DomainEvent } from '@pamoja/contracts';
import {
  type AppealOutcome,
  type AppealParty,
  type CloseReason,
  type Currency,
  type ProsecutionOffence,
  type Verdict,
} from './vocabularies.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined),
// so that an event reads back from the store exactly as it was decided.
// Who acted (the user) travels in the envelope metadata; data names only agencies and opaque ids.

export interface CaseFileSuspect {
  /** The suspect's id in the investigation: no name or other personal data crosses the handoff here. */
  readonly suspectId: string;
  /** Role in the trafficking process as the police recorded it, e.g. recruiter, transporter, exploiter. */
  readonly role: string;
}

export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

interface ProsecutionEventOf<TType extends string, TData> extends DomainEvent<
  TType,
  { readonly prosecutionId: string } & TData
> {
  readonly schemaVersion: 1;
}

/** The prosecutor's office acknowledges the police's handoff of a case file. */
export type CaseFileReceived = ProsecutionEventOf<
  'CaseFileReceived',
  {
    readonly jointCaseId: string;
    readonly caseFileId: string;
    readonly investigationId: string;
    readonly fromPoliceAgencyId: string;
    /** The prosecutor's office (Parquet or military prosecutor) that conducts the prosecution. */
    readonly officeAgencyId: string;
    readonly receivedAt: string;
    readonly suspects: readonly CaseFileSuspect[];
  }
>;

export type ChargesFiled = ProsecutionEventOf<
  'ChargesFiled',
  {
    readonly chargeId: string;
    readonly suspectId: string;
    readonly offence: ProsecutionOffence;
    readonly legalBasis: string;
    readonly filedAt: string;
  }
>;

export type HearingScheduled = ProsecutionEventOf<
  'HearingScheduled',
  {
    readonly hearingId: string;
    readonly court: string;
    readonly scheduledFor: string;
    readonly purpose: string;
    readonly scheduledAt: string;
  }
>;

/** The court moved the hearing: its new date (and court), the date it replaces, and why. */
export type HearingRescheduled = ProsecutionEventOf<
  'HearingRescheduled',
  {
    readonly hearingId: string;
    readonly scheduledFor: string;
    readonly previousScheduledFor: string;
    readonly court: string;
    readonly reason: string;
    readonly rescheduledAt: string;
  }
>;

/** The hearing will not take place. */
export type HearingCancelled = ProsecutionEventOf<
  'HearingCancelled',
  { readonly hearingId: string; readonly scheduledFor: string; readonly reason: string; readonly cancelledAt: string }
>;

/**
 * The platform's deadline watcher found the hearing's date long past with no outcome recorded: the
 * hearing stays in the office's queue, flagged, until it is recorded as held, moved or cancelled.
 */
export type HearingOutcomeOverdue = ProsecutionEventOf<
  'HearingOutcomeOverdue',
  { readonly hearingId: string; readonly scheduledFor: string; readonly overdueAt: string }
>;

export type HearingHeld = ProsecutionEventOf<
  'HearingHeld',
  { readonly hearingId: string; readonly heldAt: string; readonly outcome: string }
>;

export type VerdictRendered = ProsecutionEventOf<
  'VerdictRendered',
  { readonly chargeId: string; readonly verdict: Verdict; readonly renderedAt: string }
>;

export type SentenceImposed = ProsecutionEventOf<
  'SentenceImposed',
  {
    readonly chargeId: string;
    readonly imprisonmentMonths: number;
    readonly fine: Money | null;
    readonly otherMeasures: string | null;
    readonly imposedAt: string;
  }
>;

export type RestitutionOrdered = ProsecutionEventOf<
  'RestitutionOrdered',
  {
    readonly restitutionId: string;
    /** Opaque victim reference (see VICTIM_REF_PATTERN), never a name. */
    readonly victimRef: string;
    readonly amount: number;
    readonly currency: Currency;
    readonly note: string | null;
    readonly orderedAt: string;
  }
>;

export type AppealFiled = ProsecutionEventOf<
  'AppealFiled',
  { readonly appealId: string; readonly chargeId: string; readonly by: AppealParty; readonly filedAt: string }
>;

/** The appeal court's decision on an appeal. */
export type AppealDecided = ProsecutionEventOf<
  'AppealDecided',
  {
    readonly appealId: string;
    readonly chargeId: string;
    readonly outcome: AppealOutcome;
    readonly decidedAt: string;
    readonly note: string | null;
  }
>;

export type ProsecutionClosed = ProsecutionEventOf<
  'ProsecutionClosed',
  { readonly reason: CloseReason; readonly note: string | null; readonly closedAt: string }
>;

export type ProsecutionEvent =
  | CaseFileReceived
  | ChargesFiled
  | HearingScheduled
  | HearingRescheduled
  | HearingCancelled
  | HearingOutcomeOverdue
  | HearingHeld
  | VerdictRendered
  | SentenceImposed
  | RestitutionOrdered
  | AppealFiled
  | AppealDecided
  | ProsecutionClosed;
export type ProsecutionEventType = ProsecutionEvent['type'];

export const PROSECUTION_EVENT_TYPES = [
  'CaseFileReceived',
  'ChargesFiled',
  'HearingScheduled',
  'HearingRescheduled',
  'HearingCancelled',
  'HearingOutcomeOverdue',
  'HearingHeld',
  'VerdictRendered',
  'SentenceImposed',
  'RestitutionOrdered',
  'AppealFiled',
  'AppealDecided',
  'ProsecutionClosed',
] as const satisfies readonly ProsecutionEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: ProsecutionEventType extends (typeof PROSECUTION_EVENT_TYPES)[number] ? true : never = true;

/** Narrows by type name only: it does not validate the data (upcasting happens before the domain sees it). */
export function isProsecutionEvent<T extends { readonly type: string }>(event: T): event is T & ProsecutionEvent {
  return (PROSECUTION_EVENT_TYPES as readonly string[]).includes(event.type);
}
