import { v5 as uuidv5 } from 'uuid';

/** Namespace for person ids derived from the referral that first named the person: fixed forever. */
const PERSON_NAMESPACE = '0d6f3c1e-9a52-5b1f-8e07-4c2b1a9d7e63';

/**
 * The person a referral is about, when the referral names no known person: the sender met them, so the
 * referral introduces them, and the id follows from the referral's. A referral that forwards a known
 * person names that person's id instead. Readers of events written before persons had ids use this too.
 */
export function personIdIntroducedBy(referralId: string): string {
  return uuidv5(`referral/${referralId}`, PERSON_NAMESPACE);
}
