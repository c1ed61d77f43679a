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
function lowerCaseUuids(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value.toLowerCase() : value;
  if (Array.isArray(value)) return value.map(lowerCaseUuids);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) (value as Record<string, unknown>)[key] = lowerCaseUuids(inner);
  }
  return value;
}

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** A UTF-16 surrogate without its pair: not a character, and PostgreSQL refuses it in jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text no input may carry, whatever the field: control characters (a NUL cannot be stored, an escape
 * sequence rewrites a terminal, a bell or backspace hides what was written) and broken Unicode. Tab and
 * line breaks stay allowed in free text. Returns one problem per offending field, by its path.
 */
export function unsafeTextProblems(value: unknown, path = ''): FieldProblem[] {
  if (typeof value === 'string') {
    const field = path || 'value';
    if (CONTROL_CHARACTER.test(value)) {
      return [{ field, reason: 'must not contain control characters (other than tab and line breaks)' }];
    }
    if (LONE_SURROGATE.test(value)) return [{ field, reason: 'must be valid Unicode text' }];
    return [];
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => unsafeTextProblems(item, path ? `${path}.${i}` : String(i)));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, inner]) => unsafeTextProblems(inner, path ? `${path}.${key}` : key));
  }
  return [];
}

class InputPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const prepared = lowerCaseUuids(value);
    // Arguments only: the request context and the like are the platform's own, not the client's.
    const unsafe =
      metadata.type === 'custom'
        ? []
        : unsafeTextProblems(prepared, typeof prepared === 'string' ? (metadata.data ?? '') : '');
    let transformed: unknown;
    try {
      transformed = await super.transform(prepared, metadata);
    } catch (error) {
      if (unsafe.length > 0) {
        // A validator may itself fail on broken text (an email check throws on a lone surrogate): the broken
        // text is then the problem to name, never a server error.
        throw new InvalidInputError(error instanceof InvalidInputError ? [...unsafe, ...error.problems] : unsafe);
      }
      throw error;
    }
    if (unsafe.length > 0) throw new InvalidInputError(unsafe);
    return transformed;
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
