import {
  type Actor,
  type Decider,
  type DirectoryReference,
  type DomainEvent,
  type FieldProblem,
  InvalidInputError,
  type LogPosition,
  type RecordedEvent,
} from '@pamoja/contracts';
import { type DeadlineRule, type DueDeadline } from '../deadlines/deadlines.js';
import { type EventStore } from '../event-store.port.js';
import { inSpan, TRACE_ATTRIBUTES } from '../tracing/event-tracing.js';
import {
  commandHash,
  domainEventReader,
  findCommandEvent,
  handleCommand,
  type ClientCommandContext,
  type CommandOutcome,
  type HandleCommandOptions,
} from './command-handling.js';

/** Every command carries its actor and the time it was sent; the decider's commands all have this shape. */
export interface DomainCommand {
  readonly type: string;
  readonly data: object;
  readonly metadata: { readonly actor: Actor; readonly now: Date };
}

/**
 * What a context declares once for all of an aggregate's commands: its decider, the stream a command
 * acts on, the events of that stream, the joint case its events belong to, and what a caller gets back.
 */
export interface CommandRunnerSpec<
  TSent extends DomainCommand,
  TCommand extends DomainCommand,
  TEvent extends DomainEvent,
  TState,
  TResult,
> {
  /** The aggregate's name, for logs and the injection token (e.g. `prosecution`). */
  readonly name: string;
  /**
   * Input to domain value types, once, before `decide` (the decider keeps only the domain's rules). Throws
   * InvalidInputError naming every field at fault.
   */
  readonly parse: (sent: TSent) => TCommand;
  readonly decider: Decider<TCommand, TEvent, TState>;
  /** The event types of the aggregate's stream, as the store returns them (already upcast). */
  readonly eventTypes: readonly TEvent['type'][];
  readonly streamId: (command: TCommand) => string;
  /** The joint case the events belong to: named by the command when it opens a record, else from the state. */
  readonly jointCaseId: {
    readonly ofCommand?: (command: TCommand) => string | null;
    readonly ofState: (state: TState) => string | null;
  };
  readonly result: (outcome: CommandOutcome<TState>, command: TCommand) => TResult;
  /**
   * The agencies and mine sites the command names, as sent: the platform checks them against the agency
   * directory before the command is decided (an agency that exists, is active and of the stated type).
   */
  readonly references?: (command: TSent) => readonly DirectoryReference[];
  readonly maxAttempts?: HandleCommandOptions<TEvent, TState>['maxAttempts'];
}

/** What every command answers with, at least: where its last event landed (undefined when none). */
export interface CommandAnswer {
  readonly position: LogPosition | undefined;
}

/**
 * Runs one aggregate's commands against a store: load, decide, append, answer. Typed end to end, no bus.
 * `token` is what the API injects to send them (the platform serves an endpoint under it).
 */
export interface CommandRunner<TCommand extends DomainCommand, TResult extends CommandAnswer> {
  readonly name: string;
  readonly token: symbol;
  /** The agencies and sites the command names (see `CommandRunnerSpec.references`). */
  references(command: TCommand): readonly DirectoryReference[];
  /** What the input checks refuse in the command, every field (none when it parses). */
  parseProblems(command: TCommand): readonly FieldProblem[];
  run(store: EventStore, command: TCommand, context: ClientCommandContext): Promise<TResult>;
}

export function commandRunner<
  TSent extends DomainCommand,
  TCommand extends DomainCommand,
  TEvent extends DomainEvent,
  TState,
  TResult extends CommandAnswer,
>(spec: CommandRunnerSpec<TSent, TCommand, TEvent, TState, TResult>): CommandRunner<TSent, TResult> {
  const options: HandleCommandOptions<TEvent, TState> = {
    toDomainEvent: domainEventReader<TEvent>(spec.eventTypes),
    jointCaseIdOf: spec.jointCaseId.ofState,
    ...(spec.maxAttempts === undefined ? {} : { maxAttempts: spec.maxAttempts }),
  };
  return {
    name: spec.name,
    token: Symbol(`${spec.name} commands`),
    references: (command) => spec.references?.(command) ?? [],
    parseProblems: (command) => {
      try {
        spec.parse(command);
        return [];
      } catch (error) {
        if (error instanceof InvalidInputError) return error.problems;
        throw error;
      }
    },
    run(store, sent, context) {
      // The command's span (ADR 0029): its type and id and the request's correlation id, never its data.
      return inSpan(
        `command ${sent.type}`,
        {
          [TRACE_ATTRIBUTES.commandType]: sent.type,
          [TRACE_ATTRIBUTES.commandId]: context.commandId,
          [TRACE_ATTRIBUTES.correlationId]: context.correlationId,
        },
        () => runCommand(store, sent, context),
      );
    },
  };

  async function runCommand(store: EventStore, sent: TSent, context: ClientCommandContext): Promise<TResult> {
    let command: TCommand;
    try {
      command = spec.parse(sent);
    } catch (error) {
      // A retry of a command handled before answers as it did then, even when its input no longer passes
      // now (a hearing date that has since gone by): what was acknowledged is never refused on a retry.
      const original = await originalOf(store, sent, context);
      if (original === undefined) throw error;
      command = original;
    }
    const outcome = await handleCommand(
      store,
      spec.decider,
      spec.streamId(command),
      command,
      {
        ...context,
        jointCaseId: spec.jointCaseId.ofCommand?.(command) ?? null,
        now: command.metadata.now,
      },
      { ...options, sentData: sent.data },
    );
    return spec.result(outcome, command);
  }

  /** The command as it was parsed when first handled (at its own time), if this is a faithful retry of one. */
  async function originalOf(
    store: EventStore,
    sent: TSent,
    context: ClientCommandContext,
  ): Promise<TCommand | undefined> {
    const first = await findCommandEvent(store, context.commandId);
    if (!first) return undefined;
    const sameCommand =
      commandHash({ streamId: first.streamId, type: sent.type, data: sent.data }) === first.metadata.commandHash;
    if (!sameCommand) return undefined;
    return spec.parse({ ...sent, metadata: { ...sent.metadata, now: new Date(first.metadata.occurredAt) } });
  }
}

/** A command the platform sends on its own (a missed deadline, a reaction to another agency's event). */
export interface PlatformCommand<TCommand extends DomainCommand> {
  readonly command: TCommand;
  readonly context: ClientCommandContext;
}

/**
 * How a context records a deadline of its kind that passed unanswered. The command id must derive from
 * the deadline's key, so however often the watcher looks, the miss is recorded once.
 */
export interface MissedDeadlineHandling<TCommand extends DomainCommand> {
  readonly rule: DeadlineRule;
  readonly commandFor: (deadline: DueDeadline, now: Date) => PlatformCommand<TCommand>;
}

/**
 * What a context does when another context's shared event arrives (from the log in embedded mode, from
 * Kafka in server mode). The command id must derive from the event id, so a redelivery writes nothing.
 * `null`: nothing to do for this event.
 */
export interface EventReaction<TCommand extends DomainCommand> {
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly commandFor: (event: RecordedEvent) => PlatformCommand<TCommand> | null;
  /**
   * True when a refusal of the domain (the other agency named something this context does not know) is
   * logged and skipped rather than retried forever; false when every error holds the reaction up.
   */
  readonly skipRefused: boolean;
}
