export { personalDataErasureProjection } from './erasure.projection.js';
export {
  applyTombstones,
  type AppliedTombstones,
  ERASURE_TOMBSTONES_FILE,
  erasedSubjects,
  type ErasureTombstone,
  ErasureTombstoneLog,
  formatTombstones,
  mergeTombstones,
  parseTombstones,
  readTombstoneFile,
  TombstoneListError,
} from './erasure-tombstones.js';
export { loadMasterKey, MASTER_KEY_FILE, NEXT_MASTER_KEY_FILE, PREVIOUS_MASTER_KEY_ENV } from './master-key.js';
export { openProtectedEventStore } from './open-protected-store.js';
export { isEncryptedEnvelope, unwrapKey } from './personal-data-cipher.js';
export { PERSONAL_DATA_KEYS, type PersonalDataKeys } from './personal-data-keys.js';
export {
  type ErasureDeclaration,
  type PersonalDataDeclaration,
  PersonalDataRegistry,
} from './personal-data-registry.js';
export { ProtectedEventStore } from './protected-event-store.js';
export { masterKeyId, PRIVACY_SCHEMA, rewrapPersonalDataKeys, SqlPersonalDataKeys } from './sql-personal-data-keys.js';
