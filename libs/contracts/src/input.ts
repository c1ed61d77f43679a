import { type Decider } from './decider.js';
import { type FieldProblem, InvalidInputError } from './errors.js';

declare const parsedValue: unique symbol;

/**
 * Free text as the domain takes it: trimmed, not blank, within its field's limit. Only `InputParser`
 * makes one, so a decider that receives a `Text` need not check it again.
 */
export type Text = string & { readonly [parsedValue]: 'Text' };

/** A command as a client sends it: every value type of the parsed command is a plain value. */
export type Unparsed<T> = T extends Text
  ? string
  : T extends Date
    ? Date
    : T extends readonly (infer U)[]
      ? readonly Unparsed<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Unparsed<T[K]> }
        : T;

/**
 * Parses a client's input into the domain's value types at the edge, once, before `decide`. It collects
 * every field problem so a client on a poor connection fixes its input in one round trip; `done` throws
 * them all as one BAD_USER_INPUT naming each field and the reason.
 */
export class InputParser {
  private readonly problems: FieldProblem[] = [];

  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** An id that must be present (its format was checked by the API's input validation). */
  id(field: string, value: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.add(field, 'is required');
    return value;
  }

  /** Required free text, trimmed. */
  text(field: string, value: string, max: number): Text {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') this.add(field, 'is required');
    else if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text as Text;
  }

  /** Optional free text, trimmed; blank is absent. */
  optionalText(field: string, value: string | null | undefined, max: number): Text | null {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text === '' ? null : (text as Text);
  }

  /** One of a closed vocabulary. */
  oneOf<T extends string>(field: string, value: string, vocabulary: readonly T[], reason?: string): T {
    if (!(vocabulary as readonly string[]).includes(value)) {
      this.add(field, reason ?? `must be one of ${vocabulary.join(', ')}`);
    }
    return value as T;
  }

  /** A valid instant. */
  instant(field: string, value: Date): Date {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) this.add(field, 'is not a valid date');
    return value;
  }

  /** An optional instant, valid when given. */
  optionalInstant(field: string, value: Date | undefined): Date | undefined {
    return value === undefined ? undefined : this.instant(field, value);
  }

  /** A whole number within bounds. */
  wholeNumber(field: string, value: number, min: number, max: number, reason?: string): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(field, reason ?? `must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /** Throws every problem found, or gives back the parsed value. */
  done<T>(value: T): T {
    if (this.problems.length > 0) throw new InvalidInputError(this.problems);
    return value;
  }
}

/** Runs a parse with a fresh parser: the value, or one error with every problem. */
export function parseInput<T>(parse: (input: InputParser) => T): T {
  const parser = new InputParser();
  const value = parse(parser);
  return parser.done(value);
}

export function duplicatesOf<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/**
 * A decider that takes commands as clients send them, parsing each at the edge first: what the command
 * path does (see the event store's command runner), for specifications that describe the whole contract.
 */
export function parsingDecider<TRaw, TCommand, TEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  parse: (raw: TRaw) => TCommand,
): Decider<TRaw, TEvent, TState> {
  return {
    initialState: decider.initialState,
    decide: (raw, state) => decider.decide(parse(raw), state),
    evolve: (state, event) => decider.evolve(state, event),
  };
}
