import { type Actor } from '@pamoja/contracts';
import { type CaseFileSuspect, type Money } from './prosecution.events.js';
import {
  type AppealParty,
  type CloseReason,
  type Currency,
  type ProsecutionOffence,
  type Verdict,
} from './vocabularies.js';

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

export type ReceiveCaseFile = Command<
  'ReceiveCaseFile',
  {
    readonly jointCaseId: string;
    readonly caseFileId: string;
    readonly investigationId: string;
    readonly fromPoliceAgencyId: string;
    readonly suspects: readonly CaseFileSuspect[];
  }
>;

export type FileCharges = Command<
  'FileCharges',
  {
    readonly chargeId: string;
    readonly suspectId: string;
    readonly offence: ProsecutionOffence;
    readonly legalBasis: string;
  }
>;

export type ScheduleHearing = Command<
  'ScheduleHearing',
  { readonly hearingId: string; readonly court: string; readonly scheduledFor: Date; readonly purpose: string }
>;

/** Recorded after the fact: `heldAt` defaults to now and may not lie in the future. */
export type RecordHearingHeld = Command<
  'RecordHearingHeld',
  { readonly hearingId: string; readonly heldAt?: Date; readonly outcome: string }
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
    readonly otherMeasures?: string;
  }
>;

export type OrderRestitution = Command<
  'OrderRestitution',
  {
    readonly restitutionId: string;
    readonly victimRef: string;
    readonly amount: number;
    readonly currency: Currency;
    readonly note?: string;
  }
>;

export type FileAppeal = Command<
  'FileAppeal',
  { readonly appealId: string; readonly chargeId: string; readonly by: AppealParty; readonly filedAt?: Date }
>;

export type CloseProsecution = Command<'CloseProsecution', { readonly reason: CloseReason; readonly note?: string }>;

export type ProsecutionCommand =
  | ReceiveCaseFile
  | FileCharges
  | ScheduleHearing
  | RecordHearingHeld
  | RenderVerdict
  | ImposeSentence
  | OrderRestitution
  | FileAppeal
  | CloseProsecution;
