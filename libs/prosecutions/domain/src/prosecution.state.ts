import { type AppealParty, type ProsecutionStatus, type Verdict } from './vocabularies.js';

export interface NoProsecution {
  readonly status: 'none';
}

export interface ChargeState {
  readonly suspectId: string;
  readonly verdict: Verdict | null;
  /** ISO-8601 UTC; null until the verdict. */
  readonly renderedAt: string | null;
  readonly sentenced: boolean;
  readonly appealedBy: readonly AppealParty[];
}

export interface HearingState {
  readonly scheduledFor: string;
  readonly court: string;
  readonly held: boolean;
  readonly cancelled: boolean;
}

/** Only what decisions need; read models keep the rest. */
export interface ExistingProsecution {
  readonly status: ProsecutionStatus;
  readonly prosecutionId: string;
  /** The joint case this prosecution belongs to: every event of the prosecution is tagged with it. */
  readonly jointCaseId: string;
  readonly officeAgencyId: string;
  readonly fromPoliceAgencyId: string;
  readonly suspectIds: readonly string[];
  readonly charges: Readonly<Record<string, ChargeState>>;
  /** Per hearing: when it is scheduled for (ISO-8601 UTC), its court, and whether it was held or cancelled. */
  readonly hearings: Readonly<Record<string, HearingState>>;
  readonly restitutionIds: readonly string[];
  /** Per appeal: the charge it is against, and whether the appeal court decided it. */
  readonly appeals: Readonly<
    Record<string, { readonly chargeId: string; readonly filedAt: string; readonly decided: boolean }>
  >;
}

export type ProsecutionState = NoProsecution | ExistingProsecution;

export const NO_PROSECUTION: NoProsecution = Object.freeze({ status: 'none' });
