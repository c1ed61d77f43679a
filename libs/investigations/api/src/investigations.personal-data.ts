import {
  personalDataErasureProjection,
  type ErasureDeclaration,
  type PersonalDataDeclaration,
} from '@pamoja/platform/privacy';
import { isErasureReason, PERSONAL_DATA_PATHS, suspectSubjectId } from '@pamoja/investigations/domain';

/**
 * A suspect's `personal` (name, date of birth), `alias` and `description` are encrypted with the suspect's
 * own key: an alias or a description identifies a person as well as a name does.
 */
export const SUSPECT_PERSONAL_DATA: PersonalDataDeclaration = {
  eventType: 'SuspectIdentified',
  paths: PERSONAL_DATA_PATHS.SuspectIdentified,
  subjectOf: (data) => suspectSubjectId(String(data['investigationId']), String(data['suspectId'])),
};

/** `SuspectPersonalDataErased` destroys the suspect's key. */
export const SUSPECT_ERASURE: ErasureDeclaration = {
  eventType: 'SuspectPersonalDataErased',
  subjectOf: (data) => String(data['subjectId']),
  reasonOf: (data) => (isErasureReason(data['reason']) ? data['reason'] : 'legal_request'),
};

/** Destroys the key of every suspect erased in the log (after a crash between the erasure and the key). */
export const investigationsErasureProjection = personalDataErasureProjection('investigations.personal-data-erasure', [
  SUSPECT_ERASURE,
]);
