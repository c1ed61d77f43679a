import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  AccessDeniedError,
  ConcurrencyConflictError,
  DomainError,
  InvalidInputError,
  RuleViolationError,
} from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';
import { variableProblems } from './variable-problems.js';

/** Codes GraphQL itself (or Apollo) assigns to malformed requests; safe to pass through. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

interface ErrorReporter {
  (error: unknown): void;
}

/**
 * Maps errors to the API's format: a stable `code`, a message a person can act on, details in
 * extensions; never a stack trace. Unknown errors are reported to the log and answered generically.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  report: ErrorReporter,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}) };

  if (original instanceof InvalidInputError) {
    return {
      ...base,
      message: `Invalid input: ${original.message}`,
      extensions: { code: 'BAD_USER_INPUT', fields: original.problems },
    };
  }
  if (original instanceof ConcurrencyConflictError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: 'CONFLICT',
        entity: original.entity,
        id: original.id,
        expectedRevision: original.expectedRevision,
        currentRevision: original.currentRevision,
      },
    };
  }
  if (original instanceof RuleViolationError) {
    return { ...base, message: original.message, extensions: { code: 'RULE_VIOLATION', rule: original.rule } };
  }
  if (original instanceof AccessDeniedError) {
    return { ...base, message: original.message, extensions: { code: original.code, reason: original.reason } };
  }
  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { code: original.code } };
  }
  if (original instanceof AuthenticationError) {
    return { ...base, message: original.message, extensions: { code: 'UNAUTHENTICATED' } };
  }
  const code = formatted.extensions?.['code'];
  if (code === 'RATE_LIMITED' && original instanceof GraphQLError) {
    // When to retry (the rate limit), or what was capped (`reason`, e.g. subscriptions per user).
    const { retryAfterSeconds, reason } = formatted.extensions ?? {};
    return {
      ...base,
      extensions: {
        code,
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        ...(typeof reason === 'string' ? { reason } : {}),
      },
    };
  }
  // GraphQL's own refusals (a parse error, an unknown field, a variable of the wrong type or an unknown
  // enum value) are the client's to fix; a plain Error underneath one is ours and stays internal.
  const fromGraphql = original === error || original instanceof GraphQLError || isCoercionError(original);
  if (typeof code === 'string' && CLIENT_CODES.has(code) && fromGraphql) {
    // A variable GraphQL could not coerce names its field, as the API's other input errors do.
    const fields = (code === 'BAD_USER_INPUT' ? variableProblems(formatted.message) : []).map((problem) => ({
      ...problem,
      reason: shortened(problem.reason),
    }));
    // GraphQL quotes the value it could not take: a huge one is not echoed back whole.
    const message = shortened(formatted.message);
    return { ...base, message, extensions: fields.length > 0 ? { code, fields } : { code } };
  }
  report(original);
  return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Variable coercion (e.g. an unknown enum value) wraps a TypeError raised by graphql-js itself. */
function isCoercionError(error: unknown): boolean {
  return (
    error instanceof TypeError && /Value ".*" does not exist in|cannot represent|Expected type/i.test(error.message)
  );
}

/** The longest message returned for a malformed request; the rest is cut and marked. */
export const MAX_ERROR_MESSAGE_LENGTH = 500;

function shortened(message: string): string {
  return message.length <= MAX_ERROR_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}… (cut)`;
}
