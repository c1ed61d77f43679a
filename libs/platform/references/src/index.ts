export {
  canonicalReference,
  REFERENCES_SCHEMA,
  caseReferencesProjection,
  caseReferencesCopy,
  referenceKeyOf,
  SqlCaseReferences,
  type ReferencedKind,
  type ReferencedRecord,
} from './case-references.js';
export { CaseReferencesModule, referenceFieldOf } from './references.module.js';
