import { type Actor, type Text, type Unparsed } from '@pamoja/contracts';
import { type AssessedNeed, type VictimPersonalData } from './assistance.events.js';
import {
  type AgeGroup,
  type AssistanceCloseReason,
  type ConsentGivenBy,
  type ErasureReason,
  type FormOfExploitation,
  type ProtectionMeasureKind,
  type ServiceKind,
  type Sex,
} from './vocabularies.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseAssistanceCommand`), so ids are present,
 * vocabularies known, free text trimmed within its limit and dates valid. A client sends the
 * `SentAssistanceCommand` form.
 */

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface AssistanceCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: AssistanceCommandMetadata;
}

/** Personal data as entered; see VictimPersonalData for how it is protected. */
export interface VictimPersonalInput {
  readonly fullName: string;
  readonly dateOfBirth?: string | null;
  readonly phone?: string | null;
  readonly currentLocation?: string | null;
}

export type RegisterVictim = Command<
  'RegisterVictim',
  {
    readonly assistanceId: string;
    readonly jointCaseId: string;
    /** The person, as the referral that brought them names them (`subjectPersonId`); null when not known. */
    readonly personId: string | null;
    readonly ageGroup: AgeGroup;
    readonly sex: Sex;
    readonly nationality: string | null;
    readonly formsOfExploitation: readonly FormOfExploitation[];
    readonly agreementToManagePersonalData: boolean;
    readonly consentGivenBy: ConsentGivenBy;
    /** Trimmed, blanks as null; only with the agreement to manage it. */
    readonly personal: VictimPersonalData | null;
  }
>;

export type AssessNeeds = Command<
  'AssessNeeds',
  { readonly assistanceId: string; readonly needs: readonly AssessedNeed[] }
>;

export type ProvideService = Command<
  'ProvideService',
  {
    readonly assistanceId: string;
    readonly serviceId: string;
    readonly kind: ServiceKind;
    /** When the service was delivered; defaults to now (a service may be recorded after the fact). */
    readonly providedAt: Date | null;
    /** Defaults to the actor's agency. */
    readonly providerAgencyId: string | null;
    readonly note: Text | null;
  }
>;

export type ApplyProtectionMeasure = Command<
  'ApplyProtectionMeasure',
  {
    readonly assistanceId: string;
    readonly measureId: string;
    readonly measure: ProtectionMeasureKind;
    readonly description: Text | null;
    readonly reviewBy: Date;
    readonly consentGivenBy: ConsentGivenBy;
  }
>;

export type CloseAssistance = Command<
  'CloseAssistance',
  { readonly assistanceId: string; readonly reason: AssistanceCloseReason; readonly note: Text | null }
>;

/** Erases the victim's personal data (crypto-shredding); allowed on a closed case too (retention). */
export type ErasePersonalData = Command<
  'ErasePersonalData',
  { readonly assistanceId: string; readonly reason: ErasureReason }
>;

export type AssistanceCommand =
  RegisterVictim | AssessNeeds | ProvideService | ApplyProtectionMeasure | CloseAssistance | ErasePersonalData;

type SentRegisterVictim = Omit<Unparsed<RegisterVictim>, 'data'> & {
  readonly data: Omit<Unparsed<RegisterVictim['data']>, 'personal'> & {
    readonly personal: VictimPersonalInput | null;
  };
};

/** A command as a client sends it: plain strings, vocabularies unchecked, personal data as entered. */
export type SentAssistanceCommand =
  Exclude<Unparsed<AssistanceCommand>, { readonly type: 'RegisterVictim' }> | SentRegisterVictim;

/** One kind of command as a client sends it. */
export type SentAssistanceCommandOf<TType extends AssistanceCommand['type']> = Extract<
  SentAssistanceCommand,
  { readonly type: TType }
>;
