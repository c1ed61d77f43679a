import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '@pamoja/contracts';

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * UUIDs are case-insensitive (RFC 9562) but ids are compared as text everywhere: the same joint case
 * typed in upper case must not become a second case. Every UUID in an input is lower-cased first.
 */
export function lowerCaseUuids(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(lowerCaseUuids);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) (value as Record<string, unknown>)[key] = lowerCaseUuids(inner);
  }
  return value;
}

class InputPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(lowerCaseUuids(value), metadata);
  }
}

/** class-validator on every input; failures become one InvalidInputError naming each field. */
export function createValidationPipe(): ValidationPipe {
  return new InputPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      // Drop the top-level argument name (`input.`) so fields read as the client wrote them.
      const problems = flatten(errors).map((p) => ({ ...p, field: p.field.replace(/^input\./, '') }));
      return new InvalidInputError(problems);
    },
  });
}
