import { type Actor, type Text, type Unparsed } from '@pamoja/contracts';
import { type Money } from './prosecution.events.js';
import {
  type AppealOutcome,
  type AppealParty,
  type CloseReason,
  type ProsecutionOffence,
  type Verdict,
} from './vocabularies.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseProsecutionCommand`), so free text is
 * trimmed `Text` within its limit, vocabularies are known, amounts are well formed. A client sends the
 * `Unparsed` form (`SentProsecutionCommand`).
 */

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface ProsecutionCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: { readonly prosecutionId: string } & TData;
  readonly metadata: ProsecutionCommandMetadata;
}

export interface ParsedSuspect {
  readonly suspectId: string;
  /** Role in the trafficking process as the case file records it; never a name. */
  readonly role: Text;
}

export type ReceiveCaseFile = Command<
  'ReceiveCaseFile',
  {
    readonly jointCaseId: string;
    readonly caseFileId: string;
    readonly investigationId: string;
    readonly fromPoliceAgencyId: string;
    readonly suspects: readonly ParsedSuspect[];
  }
>;

export type FileCharges = Command<
  'FileCharges',
  {
    readonly chargeId: string;
    readonly suspectId: string;
    readonly offence: ProsecutionOffence;
    readonly legalBasis: Text;
  }
>;

export type ScheduleHearing = Command<
  'ScheduleHearing',
  { readonly hearingId: string; readonly court: Text; readonly scheduledFor: Date; readonly purpose: Text }
>;

/** The court adjourned or moved the hearing: a new date (and court, when it changed), with the reason. */
export type RescheduleHearing = Command<
  'RescheduleHearing',
  { readonly hearingId: string; readonly scheduledFor: Date; readonly court: Text | null; readonly reason: Text }
>;

/** The hearing will not take place (e.g. the case was joined to another); the reason is required. */
export type CancelHearing = Command<'CancelHearing', { readonly hearingId: string; readonly reason: Text }>;

/** Recorded after the fact: `heldAt` defaults to now and may not lie in the future. */
export type RecordHearingHeld = Command<
  'RecordHearingHeld',
  { readonly hearingId: string; readonly heldAt?: Date; readonly outcome: Text }
>;

/**
 * Sent by the platform's deadline watcher: the hearing's date passed and nobody recorded whether it was
 * held. `scheduledFor` is the date the deadline was opened for, so a hearing moved since is left alone.
 */
export type RecordHearingOutcomeOverdue = Command<
  'RecordHearingOutcomeOverdue',
  { readonly hearingId: string; readonly scheduledFor: Date }
>;

/** `renderedAt` is the court's date, defaulting to now; the prosecutor may record it later. */
export type RenderVerdict = Command<
  'RenderVerdict',
  { readonly chargeId: string; readonly verdict: Verdict; readonly renderedAt?: Date }
>;

export type ImposeSentence = Command<
  'ImposeSentence',
  {
    readonly chargeId: string;
    readonly imprisonmentMonths: number;
    readonly fine: Money | null;
    readonly otherMeasures: Text | null;
  }
>;

export type OrderRestitution = Command<
  'OrderRestitution',
  {
    readonly restitutionId: string;
    readonly victimRef: string;
    readonly amount: number;
    readonly currency: Money['currency'];
    readonly note: Text | null;
  }
>;

export type FileAppeal = Command<
  'FileAppeal',
  { readonly appealId: string; readonly chargeId: string; readonly by: AppealParty; readonly filedAt?: Date }
>;

/** The appeal court's decision on an appeal; `decidedAt` defaults to now. */
export type DecideAppeal = Command<
  'DecideAppeal',
  { readonly appealId: string; readonly outcome: AppealOutcome; readonly decidedAt?: Date; readonly note: Text | null }
>;

export type CloseProsecution = Command<
  'CloseProsecution',
  { readonly reason: CloseReason; readonly note: Text | null }
>;

export type ProsecutionCommand =
  | ReceiveCaseFile
  | FileCharges
  | ScheduleHearing
  | RescheduleHearing
  | CancelHearing
  | RecordHearingHeld
  | RecordHearingOutcomeOverdue
  | RenderVerdict
  | ImposeSentence
  | OrderRestitution
  | FileAppeal
  | DecideAppeal
  | CloseProsecution;

/**
 * A command as a client sends it: plain strings, optional text as `undefined`, vocabularies unchecked.
 * Optional free text may be left out.
 */
export type SentProsecutionCommand = OptionalNotes<Unparsed<ProsecutionCommand>>;

type OptionalNotes<T> = T extends { readonly data: infer D }
  ? Omit<T, 'data'> & { readonly data: WithOptionalText<D> }
  : never;
type WithOptionalText<D> = {
  readonly [K in keyof D as null extends D[K] ? never : K]: D[K];
} & {
  readonly [K in keyof D as null extends D[K] ? K : never]?: D[K] | undefined;
};
