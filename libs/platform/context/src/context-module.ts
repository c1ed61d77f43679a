import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnModuleInit,
  type Provider,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AGENCY_DIRECTORY, type AgencyDirectory, DomainError, type EventUpcaster } from '@pamoja/contracts';
import {
  EVENT_STORE,
  Upcasters,
  type CommandAnswer,
  type CommandRunner,
  type DomainCommand,
  type EventReaction,
  type EventStore,
  type MissedDeadlineHandling,
  type Projection,
} from '@pamoja/event-store';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { SharedEventRegistry } from '@pamoja/platform/messaging';
import { PersonalDataRegistry, type ErasureDeclaration, type PersonalDataDeclaration } from '@pamoja/platform/privacy';
import { DeadlineRegistry, ProjectionRegistry, Projections } from '@pamoja/platform/store';
import { PlatformMetrics } from '@pamoja/platform/telemetry';
import { CommandEndpoint, type CommandPreparation } from './command-endpoint.js';

type AnyEndpoint = CommandEndpoint<DomainCommand, CommandAnswer>;

type AnyRunner = CommandRunner<DomainCommand, CommandAnswer>;

/** A runner whose commands a context prepares with its ports first (see `CommandPreparation`). */
export interface PreparedCommands {
  readonly runner: CommandRunner<never, CommandAnswer>;
  readonly preparation: Type<CommandPreparation<DomainCommand>>;
}

/** Serves the runner's commands, each prepared first by the given injectable. */
export function preparedBy<TCommand extends DomainCommand, TResult extends CommandAnswer>(
  runner: CommandRunner<TCommand, TResult>,
  preparation: Type<CommandPreparation<TCommand>>,
): PreparedCommands {
  // Typed at this call: the module hands the runner's own commands to its preparation.
  return { runner, preparation };
}

export interface DeadlineDeclaration {
  readonly endpoint: symbol;
  readonly handling: MissedDeadlineHandling<DomainCommand>;
}

export interface ReactionDeclaration {
  readonly endpoint: symbol;
  readonly reaction: EventReaction<DomainCommand>;
}

/** Records a deadline of the rule's kind that passed unanswered, through the context's own commands. */
export function onMissedDeadline<TCommand extends DomainCommand, TResult extends CommandAnswer>(
  endpoint: CommandRunner<TCommand, TResult>,
  handling: MissedDeadlineHandling<TCommand>,
): DeadlineDeclaration {
  // Typed at this call; the module hands the command back to the same endpoint.
  return { endpoint: endpoint.token, handling };
}

/** Acts on another context's shared event through this context's own commands. */
export function onSharedEvent<TCommand extends DomainCommand, TResult extends CommandAnswer>(
  endpoint: CommandRunner<TCommand, TResult>,
  reaction: EventReaction<TCommand>,
): ReactionDeclaration {
  // Typed at this call; the module hands the command back to the same endpoint.
  return { endpoint: endpoint.token, reaction };
}

/**
 * Everything a bounded context plugs into the platform, declared in one place: its commands, its read
 * models (own and fed by other agencies' shared events), the old event shapes it upcasts, the deadlines
 * its handoffs carry, its reactions to other contexts, where its events hold personal data, and its
 * GraphQL resolvers and query handlers. The rebuild tool and the relay read the same declaration.
 */
export interface ContextDefinition {
  /** The context's name, e.g. `prosecutions`. */
  readonly name: string;
  /** Each aggregate's command runner: the platform serves an endpoint under its token. */
  readonly commands?: readonly (CommandRunner<never, CommandAnswer> | PreparedCommands)[];
  /** Read models fed from this context's own log. */
  readonly projections?: readonly Projection[];
  /** Read models fed by other agencies' shared events (Kafka in server mode, the log in embedded mode). */
  readonly sharedProjections?: readonly Projection[];
  readonly upcasters?: readonly EventUpcaster[];
  readonly deadlines?: readonly DeadlineDeclaration[];
  readonly reactions?: readonly ReactionDeclaration[];
  readonly personalData?: readonly PersonalDataDeclaration[];
  readonly erasures?: readonly ErasureDeclaration[];
  /** Resolvers, query handlers, read-model adapters and anything else the context's module provides. */
  readonly providers?: readonly Provider[];
  readonly imports?: NonNullable<DynamicModule['imports']>;
}

export interface PlatformContext {
  readonly definition: ContextDefinition;
  /** The Nest module an application imports to run the context. */
  readonly module: DynamicModule;
}

function pascal(name: string): string {
  return name.replace(/(^|[-_ ])(\w)/g, (_, _sep: string, c: string) => c.toUpperCase());
}

function endpointProvider(declared: CommandRunner<never, CommandAnswer> | PreparedCommands): Provider {
  const { runner, preparation } = 'preparation' in declared ? declared : { runner: declared, preparation: undefined };
  // Each endpoint runs its own runner's commands: the types meet again at the resolver's `@Inject(token)`.
  const typed = runner as unknown as AnyRunner;
  return {
    provide: runner.token,
    inject: [
      EVENT_STORE,
      Projections,
      CLOCK,
      AGENCY_DIRECTORY,
      { token: PlatformMetrics, optional: true },
      ...(preparation ? [preparation] : []),
    ],
    useFactory: (
      store: EventStore,
      projections: Projections,
      clock: Clock,
      directory: AgencyDirectory,
      metrics: PlatformMetrics | undefined,
      prepare?: CommandPreparation<DomainCommand>,
    ): AnyEndpoint => new CommandEndpoint(store, projections, clock, typed, directory, prepare, metrics),
  };
}

const runnerOf = (declared: CommandRunner<never, CommandAnswer> | PreparedCommands) =>
  'preparation' in declared ? declared.runner : declared;

/** One module registration per context: see `ContextDefinition`. */
export function defineContext(definition: ContextDefinition): PlatformContext {
  const logger = new Logger(pascal(definition.name));

  @Module({})
  class ContextModule implements OnModuleInit {
    constructor(
      @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
      @Inject(ProjectionRegistry) private readonly projections: ProjectionRegistry,
      @Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry,
      @Inject(DeadlineRegistry) private readonly deadlines: DeadlineRegistry,
      @Inject(Upcasters) private readonly upcasters: Upcasters,
      @Inject(PersonalDataRegistry) private readonly personalData: PersonalDataRegistry,
    ) {}

    onModuleInit(): void {
      this.upcasters.add(...(definition.upcasters ?? []));
      this.personalData.declare(...(definition.personalData ?? [])).declareErasure(...(definition.erasures ?? []));
      this.projections.register(...(definition.projections ?? []));
      for (const projection of definition.sharedProjections ?? [])
        this.shared.register({ kind: 'projection', projection });
      for (const { endpoint, handling } of definition.deadlines ?? []) {
        const commands = this.endpoint(endpoint);
        this.deadlines.register(handling.rule, async (deadline) => {
          await commands.executePlatformCommand(handling.commandFor(deadline, commands.now()));
        });
      }
      for (const { endpoint, reaction } of definition.reactions ?? []) {
        const commands = this.endpoint(endpoint);
        this.shared.register({
          kind: 'reactor',
          name: reaction.name,
          eventTypes: reaction.eventTypes,
          async handle(event) {
            const request = reaction.commandFor(event);
            if (request === null) return;
            try {
              await commands.executePlatformCommand(request, { wait: false });
            } catch (error) {
              if (!(reaction.skipRefused && error instanceof DomainError)) throw error;
              // The other agency's record names something this context does not know: theirs to correct,
              // and it must not hold up every event after it.
              logger.warn({
                msg: 'reaction refused',
                reaction: reaction.name,
                eventId: event.eventId,
                reason: error.message,
              });
            }
          },
        });
      }
    }

    private endpoint(token: symbol): AnyEndpoint {
      return this.moduleRef.get<AnyEndpoint>(token, { strict: false });
    }
  }
  Object.defineProperty(ContextModule, 'name', { value: `${pascal(definition.name)}Module` });

  const endpoints = (definition.commands ?? []).map(endpointProvider);
  const preparations = (definition.commands ?? []).flatMap((c) => ('preparation' in c ? [c.preparation] : []));
  return {
    definition,
    module: {
      module: ContextModule,
      imports: [...(definition.imports ?? [])],
      providers: [...preparations, ...endpoints, ...(definition.providers ?? [])],
      exports: (definition.commands ?? []).map((c) => runnerOf(c).token),
    },
  };
}
