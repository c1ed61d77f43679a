export { type DevIssuerKeys, issueDevToken, loadOrCreateDevIssuer } from './dev-issuer.js';
export { AuthenticationError, TokenVerifier } from './token-verifier.js';
