import { Controller, Get, Header } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { Readiness } from './readiness.js';

/**
 * Liveness and readiness (ADR 0029). `/health/live`: the process runs and its event loop answers, nothing
 * else is asked (a restart would not cure a database that is away). `/health/ready`: the database answers,
 * no read model is failing or lagging beyond `PAMOJA_READY_MAX_LAG`, the Kafka consumers reach the broker;
 * 503 naming what is not ready otherwise. `/health` answers as `/health/ready` (kept for older probes).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: Readiness,
  ) {}

  @Get('live')
  @Header('cache-control', 'no-store')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.check();
  }

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    // One look at everything, then each finding reported under its name in Terminus's format.
    const report = this.readiness.check();
    return this.health.check(
      (['database', 'projections', 'sharedEvents'] as const).map((name) => async () => {
        const { status, ...details } = (await report).checks[name] ?? { status: 'down' };
        const check = this.indicator.check(name);
        return status === 'up' ? check.up(details) : check.down(details);
      }),
    );
  }
}
