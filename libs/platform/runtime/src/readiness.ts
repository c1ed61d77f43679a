import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { type LogPosition } from '@pamoja/contracts';
import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';
import { SharedEvents } from '@pamoja/platform/kafka';
import { Projections } from '@pamoja/platform/store';
import { PlatformMetrics, type ProjectionProgress, type ReadinessReport } from '@pamoja/platform/telemetry';

/** A read model's progress, with why it fails when it does (an operator reads it at /health/ready). */
export interface ProjectionReadiness extends ProjectionProgress {
  readonly lastError: string | undefined;
  /** A reactor's: the events it handled since the process started (a read model reports none). */
  readonly handled?: number;
}

type Check = ReadinessReport['checks'][string];

/**
 * What makes a Nest process (the embedded platform, an agency service) ready to take traffic: its database
 * answers, no read model (nor, embedded, reactor fed from the log) is failing or further behind the head of the
 * log than `config.readiness.maxProjectionLag` positions, and its Kafka consumers (server mode) reach the broker.
 * The same read models' lags are what /metrics reports.
 */
@Injectable()
export class Readiness implements OnModuleInit {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly projections: Projections,
    private readonly shared: SharedEvents,
    @Optional() @Inject(PlatformMetrics) private readonly metrics?: PlatformMetrics,
  ) {}

  onModuleInit(): void {
    this.metrics?.projectionsFrom(() => this.projectionProgress());
    this.metrics?.consumersFrom(() => this.shared.status());
  }

  /**
   * Each read model's distance, in log positions, from the head of the log as it is now; in embedded mode the
   * reactors fed from the log too (a reactor behind leaves another agency's handoff unanswered: the
   * acknowledgement of a case file received waits, and its deadline could be escalated meanwhile).
   */
  async projectionProgress(): Promise<ProjectionReadiness[]> {
    const models = this.projections.status();
    const reactors = this.shared.reactorStatus();
    if (models.length === 0 && reactors.length === 0) return [];
    const head = await this.store.headPosition();
    const behind = (position: LogPosition): number => Math.max(0, head.globalPosition - position.globalPosition);
    return [
      ...models.map((s) => ({ name: s.name, state: s.state, behind: behind(s.position), lastError: s.lastError })),
      ...reactors.map((s) => ({
        name: s.name,
        state: s.state,
        behind: behind(s.position),
        lastError: s.lastError,
        handled: s.handled,
      })),
    ];
  }

  async check(): Promise<ReadinessReport> {
    const checks: Record<string, Check> = {
      database: await this.database(),
      projections: await this.projectionsCheck(),
      sharedEvents: this.sharedEvents(),
    };
    return { ready: Object.values(checks).every((c) => c.status === 'up'), checks };
  }

  private async database(): Promise<Check> {
    try {
      await this.db.query('SELECT 1');
      return { status: 'up', dialect: this.db.dialect };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }

  private async projectionsCheck(): Promise<Check> {
    const maxLag = this.config.readiness.maxProjectionLag;
    let progress: ProjectionReadiness[];
    try {
      progress = await this.projectionProgress();
    } catch (error) {
      return { status: 'down', error: `the head of the log could not be read: ${String(error)}` };
    }
    const notReady: string[] = [];
    const details = Object.fromEntries(
      progress.map((p) => {
        const reasons = [
          ...(p.state === 'failing' ? [`failing: ${p.lastError ?? 'unknown error'}`] : []),
          ...(p.behind > maxLag ? [`${p.behind} positions behind the head of the log (at most ${maxLag})`] : []),
        ];
        if (reasons.length > 0) notReady.push(p.name);
        const handled = p.handled === undefined ? {} : { handled: p.handled };
        return [p.name, { state: p.state, behind: p.behind, ...handled, ...(reasons.length > 0 ? { reasons } : {}) }];
      }),
    );
    return notReady.length > 0
      ? { status: 'down', notReady, maxLag, projections: details }
      : { status: 'up', maxLag, projections: details };
  }

  /**
   * Other agencies' events through Kafka (server mode): a consumer that cannot reach the broker makes the
   * service not ready; the consumers come back by themselves once it answers again.
   */
  private sharedEvents(): Check {
    const status = this.shared.status();
    const consumers = Object.fromEntries(
      status.map((s) => [
        s.name,
        {
          state: s.state,
          processed: s.processed,
          deadLettered: s.deadLettered,
          ...(s.lastError ? { error: s.lastError } : {}),
        },
      ]),
    );
    return { status: status.some((s) => s.state === 'failing') ? 'down' : 'up', consumers };
  }
}
