import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type LogPosition } from '@pamoja/contracts';
import {
  EVENT_STORE,
  ProjectionRunner,
  SQL_DATABASE,
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

/**
 * Runs the registered projections once every module has registered. Commands call `waitFor` so a
 * client that writes and then reads sees its own write.
 */
@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private runner: ProjectionRunner | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly registry: ProjectionRegistry,
  ) {}

  createRunner(): ProjectionRunner {
    return new ProjectionRunner(this.store, this.db, this.registry.all(), {
      info: (message, details) => {
        this.logger.log({ msg: message, ...details });
      },
      error: (message, details) => {
        this.logger.error({ msg: message, ...details });
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.runner = this.createRunner();
    await this.runner.start();
  }

  async waitFor(position: LogPosition | undefined, timeoutMs = 2000): Promise<boolean> {
    if (!position || !this.runner) return true;
    return this.runner.waitFor(position, timeoutMs);
  }

  status(): ReturnType<ProjectionRunner['status']> {
    return this.runner?.status() ?? [];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}
