import { idDerivedFrom } from './ids.js';

/** Namespace for person ids derived from the referral that first named the person: fixed forever. */
const PERSON_NAMESPACE = '0d6f3c1e-9a52-5b1f-8e07-4c2b1a9d7e63';

/**
 * The person a referral is about, when the referral names no known person: the sender met them, so the
 * referral introduces them, and the id follows from the referral's. A referral that forwards a known
 * person names that person's id instead. Readers of events written before persons had ids use this too.
 */
export function personIdIntroducedBy(referralId: string): string {
  return idDerivedFrom(referralId, `referral/${referralId}`, PERSON_NAMESPACE);
}

/** Namespace for joint case ids opened by a command (UUID v5 of the command id): fixed forever. */
const JOINT_CASE_NAMESPACE = '0b7e3c1a-9d2f-5a4b-8c6d-1e2f3a4b5c6d';

/**
 * The joint case a command opens, when it names none: derived from the command id, so a retry opens the
 * same case, and no other command can name it first (nobody can choose a command id that derives to an
 * existing case's id). A record whose case is derived from its own command opens that case.
 */
export function jointCaseIdOpenedBy(commandId: string): string {
  return idDerivedFrom(commandId, commandId, JOINT_CASE_NAMESPACE);
}
