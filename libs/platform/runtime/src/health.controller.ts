import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { SharedEvents } from '@pamoja/platform/kafka';
import { Projections } from '@pamoja/platform/store';

/** Liveness and readiness: the database answers and no projection is stuck failing. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly projections: Projections,
    private readonly shared: SharedEvents,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const up = this.indicator.check('database');
        try {
          await this.db.query('SELECT 1');
          return up.up({ dialect: this.db.dialect });
        } catch (error) {
          return up.down({ error: error instanceof Error ? error.message : String(error) });
        }
      },
      () => {
        const status = this.projections.status();
        const check = this.indicator.check('projections');
        const details = Object.fromEntries(
          status.map((s) => [s.name, { state: s.state, ...(s.lastError ? { error: s.lastError } : {}) }]),
        );
        return status.some((s) => s.state === 'failing') ? check.down(details) : check.up(details);
      },
      () => {
        // Other agencies' events through Kafka (server mode). A broker that is down is reported, and the
        // consumers come back by themselves; the service keeps taking commands meanwhile.
        const status = this.shared.status();
        const check = this.indicator.check('sharedEvents');
        const details = Object.fromEntries(
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
        return status.some((s) => s.state === 'failing') ? check.down(details) : check.up(details);
      },
    ]);
  }
}
