/**
 * Errors raised below the api layer. They know nothing of HTTP or GraphQL;
 * the api layer maps each `code` to the client's error format.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' | 'RULE_VIOLATION';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
  }
}

/** A rule of the domain refuses the command in the aggregate's current state. */
export class RuleViolationError extends DomainError {
  readonly code = 'RULE_VIOLATION' as const;
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was not found`);
  }
}

/** The client acted on stale data: nothing was written. */
export class ConcurrencyConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(
      `${entity} ${id} has changed: you expected revision ${expectedRevision}, it is now at revision ${currentRevision}`,
    );
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}
