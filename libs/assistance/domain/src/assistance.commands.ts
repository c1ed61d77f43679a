import { type Actor } from '@pamoja/contracts';
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
import { type AssessedNeed } from './assistance.events.js';

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
    readonly personal: VictimPersonalInput | null;
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
    readonly note: string | null;
  }
>;

export type ApplyProtectionMeasure = Command<
  'ApplyProtectionMeasure',
  {
    readonly assistanceId: string;
    readonly measureId: string;
    readonly measure: ProtectionMeasureKind;
    readonly description: string | null;
    readonly reviewBy: Date;
    readonly consentGivenBy: ConsentGivenBy;
  }
>;

export type CloseAssistance = Command<
  'CloseAssistance',
  { readonly assistanceId: string; readonly reason: AssistanceCloseReason; readonly note: string | null }
>;

/** Erases the victim's personal data (crypto-shredding); allowed on a closed case too (retention). */
export type ErasePersonalData = Command<
  'ErasePersonalData',
  { readonly assistanceId: string; readonly reason: ErasureReason }
>;

export type AssistanceCommand =
  RegisterVictim | AssessNeeds | ProvideService | ApplyProtectionMeasure | CloseAssistance | ErasePersonalData;
