export { PolicyAccessDecider } from './access-decider.js';
export { ACCESS_POLICY, type OperationType } from './access-policy.js';
export { consentProjection } from './consent.js';
export { ACCESS_AUDITOR, type AccessAuditor, applyAccessPolicy, shareQueryFactsAt } from './enforce.js';
export { policyDocument } from './policy-doc.js';
export { PolicyModule } from './policy.module.js';
