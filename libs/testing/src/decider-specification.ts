import { expect } from '@jest/globals';
import { type Decider, type InvalidInputError, type RuleViolationError } from '@pamoja/contracts';

/** Any error class, abstract ones included (e.g. DomainError). */
export type ErrorClass<TError extends Error> = abstract new (...args: never[]) => TError;

export interface DeciderThen<TEvent> {
  /** Asserts the exact events decided, in order. */
  then(expected: readonly TEvent[]): void;
  /** Asserts that decide throws an instance of `errorClass` (matching `matches` if given) and returns it. */
  thenThrows<TError extends Error>(errorClass: ErrorClass<TError>, matches?: (error: TError) => boolean): TError;
}

export interface DeciderWhen<TCommand, TEvent> {
  when(command: TCommand): DeciderThen<TEvent>;
}

export interface DeciderGiven<TCommand, TEvent> {
  given(events: readonly TEvent[]): DeciderWhen<TCommand, TEvent>;
}

/**
 * Given/When/Then for a pure decider (after Emmett's DeciderSpecification): the given events are folded
 * with `evolve` from `initialState`, then `decide` runs on the command.
 *
 * Call it synchronously and never `await` or return the result of `when(...)`: an object with a `then`
 * method is a thenable, and a promise machinery would call it with the wrong arguments.
 */
export const DeciderSpecification = {
  for<TCommand, TEvent, TState>(decider: Decider<TCommand, TEvent, TState>): DeciderGiven<TCommand, TEvent> {
    return {
      given: (events) => ({
        when: (command) => {
          // Decided lazily so that thenThrows can catch what decide throws.
          const decide = (): TEvent[] =>
            decider.decide(
              command,
              events.reduce((state, event) => decider.evolve(state, event), decider.initialState),
            );
          return {
            then: (expected) => {
              expect(decide()).toStrictEqual(expected);
            },
            thenThrows: <TError extends Error>(
              errorClass: ErrorClass<TError>,
              matches?: (error: TError) => boolean,
            ): TError => {
              let decided: TEvent[];
              try {
                decided = decide();
              } catch (error: unknown) {
                expect(error).toBeInstanceOf(errorClass);
                const thrown = error as TError;
                if (matches && !matches(thrown)) {
                  throw new Error(
                    `${thrown.name} did not match the expectation: ${thrown.message} ${JSON.stringify(thrown)}`,
                  );
                }
                return thrown;
              }
              throw new Error(
                `expected ${errorClass.name} to be thrown, but decide returned ${JSON.stringify(decided)}`,
              );
            },
          };
        },
      }),
    };
  },
};

/** For `thenThrows(InvalidInputError, fields(...))`: the error names exactly these fields, in order. */
export const fields =
  (...expected: string[]) =>
  (error: InvalidInputError): boolean =>
    JSON.stringify(error.problems.map((p) => p.field)) === JSON.stringify(expected);

/** For `thenThrows(RuleViolationError, rule(...))`: the refusal cites this rule. */
export const rule =
  (expected: string) =>
  (error: RuleViolationError): boolean =>
    error.rule === expected;
