export * from './access-policy.js';
export * from './access-decider.js';
export * from './consent.js';
export * from './enforce.js';
export * from './policy.module.js';
export * from './policy-doc.js';
