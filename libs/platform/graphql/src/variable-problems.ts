import { type FieldProblem } from '@pamoja/contracts';

const NAME = '[_A-Za-z][_0-9A-Za-z]*';
const INVALID = new RegExp(`^Variable "\\$(${NAME})" got invalid value `);
const MISSING = new RegExp(
  `^Variable "\\$(${NAME})" of (?:required|non-null) type "[^"]*" (?:was not provided|must not be null)`,
);
const NESTED_FIELD = new RegExp(
  `^Field "(${NAME})" (?:of required type "[^"]*" was not provided|is not defined by type)`,
);

/**
 * The fields at fault in GraphQL's own refusal of a variable (`BAD_USER_INPUT` from coercion), named as
 * the API's other input errors name them: relative to the argument, list items by index
 * (`consent.purposes.0`). GraphQL writes them only in the message:
 * `Variable "$input" got invalid value 7 at "input.consent.purposes[0]"; Value 7 does not exist in ...`.
 */
export function variableProblems(message: string): FieldProblem[] {
  const missing = MISSING.exec(message);
  if (missing?.[1]) return [{ field: missing[1], reason: 'is required' }];
  const invalid = INVALID.exec(message);
  const variable = invalid?.[1];
  if (!variable) return [];
  // The value is echoed before the path and may contain anything: the path is the last one written.
  const located = [...message.matchAll(new RegExp(` at "${variable}((?:\\.${NAME}|\\[\\d+\\])*)"; `, 'g'))].at(-1);
  const path = (located?.[1] ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
  const reason = located ? message.slice(located.index + located[0].length) : message.split('; ').slice(1).join('; ');
  const nested = NESTED_FIELD.exec(reason)?.[1];
  const field = [path, nested].filter((part) => part).join('.') || variable;
  return [{ field, reason: reason || 'has the wrong type' }];
}
