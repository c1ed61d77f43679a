export { type DevIssuerKeys, issueDevToken, loadOrCreateDevIssuer } from './dev-issuer.js';
export { isKnownRole, ROLE_VOCABULARY } from './roles.js';
export { AuthenticationError, type TokenIdentity, TokenVerifier, type TokenVerifierOptions } from './token-verifier.js';
export { BEARER_ACTORS, type BearerActors } from './bearer-actors.js';
