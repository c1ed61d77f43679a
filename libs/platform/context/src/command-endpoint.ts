import { type Actor, type AgencyDirectory, InvalidInputError, isPlatformActor } from '@pamoja/contracts';
import {
  findCommandEvent,
  type ClientCommandContext,
  type CommandAnswer,
  type CommandRunner,
  type DomainCommand,
  type EventStore,
  type PlatformCommand,
} from '@pamoja/event-store';
import { type Clock } from '@pamoja/platform/config';
import { clientContext, type CommandInput } from '@pamoja/platform/graphql';
import { type Projections } from '@pamoja/platform/store';
import { commandOutcomeOf, SERVER_TIMING_PHASES, timedPhase, type PlatformMetrics } from '@pamoja/platform/telemetry';

/**
 * What a context checks or looks up with its ports before a command is decided, on every path the command
 * takes (a mutation, the platform's own commands): whether a person named is one of the case's, who keeps a
 * person's consent. It may refuse (a DomainError) or return the command with what it found.
 */
export interface CommandPreparation<TCommand> {
  prepare(command: TCommand): Promise<TCommand>;
}

/**
 * One aggregate's commands as the API sends them: typed from the resolver to the store, no bus in
 * between. A mutation's answer waits (briefly) for the read models to reach what it wrote, so the
 * caller's next query sees its own change.
 */
export class CommandEndpoint<TCommand extends DomainCommand, TResult extends CommandAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly projections: Pick<Projections, 'waitFor'>,
    private readonly clock: Clock,
    private readonly runner: CommandRunner<TCommand, TResult>,
    private readonly directory: AgencyDirectory,
    private readonly preparation?: CommandPreparation<TCommand>,
    /** Times each command by type and outcome (checks, decision and append; not the wait for read models). */
    private readonly metrics?: PlatformMetrics,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** A client's command: its id and expected revision from the input, the actor from the token. */
  send(
    input: CommandInput,
    actor: Actor,
    correlationId: string,
    build: (metadata: { readonly actor: Actor; readonly now: Date }) => TCommand,
  ): Promise<TResult> {
    return this.execute(build({ actor, now: this.clock.now() }), clientContext(input, actor, correlationId));
  }

  /** A command whose context is already made (the platform's own: a missed deadline, a reaction). */
  async execute(command: TCommand, context: ClientCommandContext, options: { wait?: boolean } = {}): Promise<TResult> {
    const done = this.metrics?.startCommand(command.type);
    let result: TResult;
    try {
      const prepared = await timedPhase(SERVER_TIMING_PHASES.checks, async () => {
        await this.checkReferences(command, context);
        return this.preparation ? this.preparation.prepare(command) : command;
      });
      result = await timedPhase(SERVER_TIMING_PHASES.store, () => this.runner.run(this.store, prepared, context));
      done?.('accepted');
    } catch (error) {
      done?.(commandOutcomeOf(error));
      throw error;
    }
    const position = result.position;
    if (options.wait ?? true) await timedPhase(SERVER_TIMING_PHASES.wait, () => this.projections.waitFor(position));
    return result;
  }

  /**
   * The agencies and sites a person's command names must be in the directory (active, of the stated type):
   * a typo never sends a referral to nobody. A faithful retry of a command already handled is answered as
   * it was, even if an agency it named has been suspended since.
   */
  private async checkReferences(command: TCommand, context: ClientCommandContext): Promise<void> {
    if (isPlatformActor(command.metadata.actor)) return;
    const references = this.runner.references(command);
    if (references.length === 0) return;
    try {
      await this.directory.check(references);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      if (await findCommandEvent(this.store, context.commandId)) return;
      // Every field at fault in one answer: the input's own problems with the directory's.
      throw new InvalidInputError([...this.runner.parseProblems(command), ...error.problems]);
    }
  }

  /** The platform's own command, as a missed deadline or a reaction declares it. */
  executePlatformCommand(request: PlatformCommand<TCommand>, options: { wait?: boolean } = {}): Promise<TResult> {
    return this.execute(request.command, request.context, options);
  }
}

/** The endpoint the platform serves for a runner: `@Inject(runner.token) commands: CommandEndpointFor<typeof runner>`. */
export type CommandEndpointFor<TRunner> =
  TRunner extends CommandRunner<infer TCommand, infer TResult> ? CommandEndpoint<TCommand, TResult> : never;
