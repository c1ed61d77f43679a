import {
  personalDataErasureProjection,
  type ErasureDeclaration,
  type PersonalDataDeclaration,
} from '@pamoja/platform/privacy';
import { isErasureReason, victimSubjectId } from '@pamoja/assistance/domain';

/** `VictimRegistered.personal` (name, date of birth, phone, location) is encrypted with the victim's own key. */
export const VICTIM_PERSONAL_DATA: PersonalDataDeclaration = {
  eventType: 'VictimRegistered',
  paths: ['personal'],
  subjectOf: (data) => victimSubjectId(String(data['assistanceId'])),
};

/** `PersonalDataErased` destroys the victim's key. */
export const VICTIM_ERASURE: ErasureDeclaration = {
  eventType: 'PersonalDataErased',
  subjectOf: (data) => String(data['subjectId']),
  reasonOf: (data) => (isErasureReason(data['reason']) ? data['reason'] : 'legal_request'),
};

/** Destroys the key of every victim erased in the log (after a crash between the erasure and the key). */
export const assistanceErasureProjection = personalDataErasureProjection('assistance.personal-data-erasure', [
  VICTIM_ERASURE,
]);
