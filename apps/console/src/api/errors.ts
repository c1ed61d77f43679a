import { type OutboxEntry } from './db';
/** A field the API refused, as the API names it (e.g. `input.toAgencyId`), and why. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** An error in the API's format: a stable code, and the rule, fields or revisions it carries. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: {
      readonly rule?: string;
      readonly reason?: string;
      readonly fields?: readonly FieldProblem[];
      readonly entity?: string;
      readonly id?: string;
      readonly expectedRevision?: number;
      readonly currentRevision?: number;
      readonly retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isConflict(): boolean {
    return this.code === 'CONFLICT';
  }
}

/** The refusal an outbox entry keeps (a CONFLICT, a rule, a field), as the API's error. */
export function apiErrorOfEntry(entry: Pick<OutboxEntry, 'error'>): ApiError {
  const { code = 'INTERNAL_SERVER_ERROR', message = '', ...details } = entry.error ?? {};
  return new ApiError(message, code, details);
}

/** The platform could not be reached: nothing is known of the request's fate. */
export class OfflineError extends Error {
  constructor(cause?: unknown) {
    super('the platform cannot be reached', { cause });
    this.name = 'OfflineError';
  }
}

interface WireError {
  readonly message?: unknown;
  readonly extensions?: Record<string, unknown>;
}

export function apiErrorOf(error: WireError): ApiError {
  const ext = error.extensions ?? {};
  const text = (key: string) => (typeof ext[key] === 'string' ? ext[key] : undefined);
  const number = (key: string) => (typeof ext[key] === 'number' ? ext[key] : undefined);
  const fields = Array.isArray(ext['fields'])
    ? (ext['fields'] as unknown[]).filter(
        (f): f is FieldProblem =>
          typeof f === 'object' &&
          f !== null &&
          typeof (f as FieldProblem).field === 'string' &&
          typeof (f as FieldProblem).reason === 'string',
      )
    : undefined;
  const details = Object.fromEntries(
    Object.entries({
      rule: text('rule'),
      reason: text('reason'),
      fields,
      entity: text('entity'),
      id: text('id'),
      expectedRevision: number('expectedRevision'),
      currentRevision: number('currentRevision'),
      retryAfterSeconds: number('retryAfterSeconds'),
    }).filter(([, value]) => value !== undefined),
  ) as ApiError['details'];
  return new ApiError(
    typeof error.message === 'string' ? error.message : 'error',
    text('code') ?? 'INTERNAL_SERVER_ERROR',
    details,
  );
}
