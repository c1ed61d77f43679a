import { type RecordedEvent } from './envelope.js';
/**
 * A pure decision model: `decide` turns a command into the events it causes (or throws a DomainError),
 * `evolve` folds one event into the state. No framework, no I/O, no clock: time arrives in the command.
 */
export interface Decider<TCommand, TEvent, TState> {
  readonly initialState: TState;
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
}

/** The domain's view of an event: its explicit type name, schema version and data. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly schemaVersion: number;
  readonly data: TData;
}

/**
 * One step from an old schema version of an event type to the next: declared by the context beside its
 * events, applied only by the store as it reads (stored events are never rewritten).
 */
export interface EventUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: unknown, event: RecordedEvent): unknown;
}
