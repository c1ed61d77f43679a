import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type LogPosition } from '@pamoja/contracts';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { CLOCK, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@pamoja/platform/config';
import { ReadModelChanges } from '@pamoja/platform/graphql';
import { SharedEventRegistry, sharedProjectionOfLog } from '@pamoja/platform/messaging';
import { PlatformMetrics } from '@pamoja/platform/telemetry';
import {
  deadlinesProjection,
  DeadlineWatcher,
  EVENT_STORE,
  ProjectionRunner,
  SQL_DATABASE,
  type DeadlineRule,
  type DueDeadline,
  type EventStore,
  type Projection,
  type SqlDatabase,
} from '@pamoja/event-store';

/** Context modules register their read models here while the application starts. */
@Injectable()
export class ProjectionRegistry {
  private readonly projections: Projection[] = [];
  register(...projections: Projection[]): void {
    this.projections.push(...projections);
  }
  all(): readonly Projection[] {
    return this.projections;
  }
}

/** What to do when a deadline of a kind passes unanswered: record it as missed (idempotently). */
type DeadlineHandler = (deadline: DueDeadline) => Promise<void>;

/** Context modules register the deadlines their handoffs carry, and how a missed one is recorded. */
@Injectable()
export class DeadlineRegistry {
  private readonly rules: DeadlineRule[] = [];
  private readonly handlers = new Map<string, DeadlineHandler>();
  register(rule: DeadlineRule, onMissed: DeadlineHandler): void {
    if (this.handlers.has(rule.kind)) throw new Error(`a deadline rule for ${rule.kind} is already registered`);
    this.rules.push(rule);
    this.handlers.set(rule.kind, onMissed);
  }
  allRules(): readonly DeadlineRule[] {
    return this.rules;
  }
  handlerFor(kind: string): DeadlineHandler | undefined {
    return this.handlers.get(kind);
  }
}

/**
 * Runs the registered projections once every module has registered. Commands call `waitFor` so a
 * client that writes and then reads sees its own write.
 */
@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private runner: ProjectionRunner | undefined;
  private watcher: DeadlineWatcher | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly registry: ProjectionRegistry,
    private readonly deadlines: DeadlineRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly shared: SharedEventRegistry,
    private readonly changes: ReadModelChanges,
    @Optional() @Inject(PlatformMetrics) private readonly metrics?: PlatformMetrics,
  ) {}

  /**
   * Every read model fed from this service's log: its own, the pending deadlines when some context
   * registered deadline rules, and in embedded mode the shared projections too (seeing each event as the
   * catalogue shares it). In server mode the shared projections are fed from Kafka (SharedEvents).
   */
  allProjections(): Projection[] {
    const rules = this.deadlines.allRules();
    const shared =
      this.config.mode === 'embedded'
        ? this.shared.projections().map((h) => sharedProjectionOfLog(h.projection, DEFAULT_CATALOGUE))
        : [];
    // Services share the deadlines table in server mode: each keeps its own kinds under its own checkpoint.
    const deadlines = deadlinesProjection(
      rules,
      this.config.mode === 'server' ? `${this.config.serviceName}.deadlines` : undefined,
    );
    return [...this.registry.all(), ...shared, ...(rules.length > 0 ? [deadlines] : [])];
  }

  createRunner(): ProjectionRunner {
    return new ProjectionRunner(
      this.store,
      this.db,
      this.allProjections(),
      {
        info: (message, details) => {
          this.logger.log({ msg: message, ...details });
        },
        error: (message, details) => {
          this.logger.error({ msg: message, ...details });
        },
      },
      (projection) => {
        this.changes.changed(projection);
      },
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    this.runner = this.createRunner();
    await this.runner.start();
    if (this.deadlines.allRules().length > 0) {
      this.watcher = new DeadlineWatcher({
        db: this.db,
        now: () => this.clock.now(),
        intervalMs: 2000,
        kinds: this.deadlines.allRules().map((r) => r.kind),
        onDue: async (deadline) => {
          const handler = this.deadlines.handlerFor(deadline.kind);
          if (!handler) throw new Error(`no handler for deadlines of kind ${deadline.kind}`);
          await handler(deadline);
          this.metrics?.deadlineMissed(deadline.kind);
          this.logger.warn({ msg: 'deadline missed and escalated', key: deadline.key, dueAt: deadline.dueAt });
        },
        onError: (deadline, error) => {
          this.logger.error({ msg: 'could not record a missed deadline', key: deadline?.key, error: String(error) });
        },
      });
      this.watcher.start();
    }
  }

  /** One look for due deadlines now (tests, and the seed script, use it instead of waiting). */
  async checkDeadlines(): Promise<number> {
    return this.watcher ? this.watcher.tick() : 0;
  }

  async waitFor(position: LogPosition | undefined, timeoutMs = 2000): Promise<boolean> {
    if (!position || !this.runner) return true;
    return this.runner.waitFor(position, timeoutMs);
  }

  status(): ReturnType<ProjectionRunner['status']> {
    return this.runner?.status() ?? [];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watcher?.stop();
    await this.runner?.stop();
  }
}
