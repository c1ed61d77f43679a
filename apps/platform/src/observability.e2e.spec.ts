import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { type Projection } from '@pamoja/event-store';
import { SharedEventRegistry } from '@pamoja/platform/messaging';
import { ProjectionRegistry } from '@pamoja/platform/store';
import { submit, submitInput, useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/**
 * A read model the operator cannot keep up: while `held`, every event it is given fails (a poisoned event, a
 * table it cannot write), so it stays at its checkpoint while the log grows.
 */
const STALLED = 'e2e_observability.stalled';
const stall = { held: false, applied: 0 };
const stalledProjection: Projection = {
  name: STALLED,
  schema: 'e2e_observability',
  migrations: [],
  filter: {},
  // No command waits for it: the API answers while it is held.
  readYourWrites: false,
  apply: () => {
    if (stall.held) return Promise.reject(new Error('the read model cannot take this event'));
    stall.applied += 1;
    return Promise.resolve();
  },
  reset: () => Promise.resolve(),
};

/** A reaction to another agency's event (embedded: fed from the log) that fails while `held`, as a stuck handoff. */
const STALLED_REACTOR = 'e2e_observability.stalled-reactor';
const reactorStall = { held: false, handled: 0 };

@Injectable()
class StalledRegistration implements OnModuleInit {
  constructor(
    @Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry,
    @Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry,
  ) {}
  onModuleInit(): void {
    this.registry.register(stalledProjection);
    this.shared.register({
      kind: 'reactor',
      name: STALLED_REACTOR,
      eventTypes: ['ReferralSubmitted'],
      handle: () => {
        if (reactorStall.held) return Promise.reject(new Error('the reaction cannot be recorded'));
        reactorStall.handled += 1;
        return Promise.resolve();
      },
    });
  }
}

@Module({})
class WithStalledProjection {
  static around(app: DynamicModule): DynamicModule {
    return { module: WithStalledProjection, imports: [app], providers: [StalledRegistration] };
  }
}

/** One sample of the text exposition format: its name, labels and value. */
interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a line of the exposition format: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = pair[2] ?? '';
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(100);
  }
}

describe('metrics and health, as an operator scrapes and probes them', () => {
  const platform = useTestPlatform({
    root: (config) => WithStalledProjection.around(EmbeddedPlatformModule.forRoot(config)),
    serviceName: 'pamoja-e2e-observability',
  });
  const ngo = platform.as({ agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] });

  /** A scrape as Prometheus makes it: GET /metrics, text exposition format. */
  async function scrape(): Promise<{ samples: Sample[]; text: string }> {
    const response = await fetch(`${platform.url}/metrics`, { headers: { accept: 'text/plain' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { samples: parseExposition(text), text };
  }

  const lagOf = (samples: readonly Sample[], projection: string): number | undefined =>
    samples.find((s) => s.name === 'pamoja_projection_lag_positions' && s.labels['projection'] === projection)?.value;

  async function ready(): Promise<{ status: number; body: string }> {
    const response = await fetch(`${platform.url}/health/ready`);
    return { status: response.status, body: await response.text() };
  }

  it('times commands by type and outcome and appends to the log, without case ids', async () => {
    const { referralId } = await submit(ngo, submitInput());
    const { samples, text } = await scrape();
    const commands = samples.find(
      (s) =>
        s.name === 'pamoja_command_duration_seconds_count' &&
        s.labels['command'] === 'SubmitReferral' &&
        s.labels['outcome'] === 'accepted',
    );
    expect(commands?.value).toBeGreaterThanOrEqual(1);
    expect(commands?.labels['service']).toBe('pamoja-e2e-observability');
    const appends = samples.find(
      (s) => s.name === 'pamoja_event_store_append_duration_seconds_count' && s.labels['outcome'] === 'ok',
    );
    expect(appends?.value).toBeGreaterThanOrEqual(1);
    // The process's own metrics too, and every read model's lag and state.
    expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
    expect(lagOf(samples, STALLED)).toBeDefined();
    // Operators' numbers only: no case or referral id in any series.
    expect(text).not.toContain(referralId);
  });

  it('reports a read model that stops advancing: lag in /metrics, not ready, still live; ready again once it catches up', async () => {
    await eventually('the platform to be ready', async () => (await ready()).status === 200);
    expect(lagOf((await scrape()).samples, STALLED)).toBe(0);

    stall.held = true;
    // More events than the read model takes while it is held.
    await submit(ngo, submitInput());
    await submit(ngo, submitInput());

    await eventually(
      'the held read model to fall behind',
      async () => (lagOf((await scrape()).samples, STALLED) ?? 0) > 0,
    );
    const { samples } = await scrape();
    expect(
      samples.find(
        (s) =>
          s.name === 'pamoja_projection_state' && s.labels['projection'] === STALLED && s.labels['state'] === 'failing',
      )?.value,
    ).toBe(1);
    await eventually('readiness to fail', async () => (await ready()).status === 503);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({
      status: 'error',
      error: { projections: { status: 'down', notReady: [STALLED] } },
    });
    // /health (older probes) answers as /health/ready; /health/live asks nothing of the read models.
    expect((await fetch(`${platform.url}/health`)).status).toBe(503);
    const live = await fetch(`${platform.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    stall.held = false;
    await eventually('the read model to catch up', async () => lagOf((await scrape()).samples, STALLED) === 0);
    await eventually('the platform to be ready again', async () => (await ready()).status === 200);
    expect(JSON.parse((await ready()).body)).toMatchObject({ status: 'ok', info: { projections: { status: 'up' } } });
    expect(stall.applied).toBeGreaterThan(0);
  });

  it('reports a reaction to other agencies’ events that stops advancing, as a read model: lag, not ready, then ready again', async () => {
    await eventually('the platform to be ready', async () => (await ready()).status === 200);
    await submit(ngo, submitInput());
    await eventually(
      'the reaction to handle the referral',
      async () => lagOf((await scrape()).samples, STALLED_REACTOR) === 0,
    );
    const handledBefore = reactorStall.handled;
    expect(handledBefore).toBeGreaterThan(0);

    reactorStall.held = true;
    await submit(ngo, submitInput());
    await eventually('readiness to fail', async () => (await ready()).status === 503);
    expect(JSON.parse((await ready()).body)).toMatchObject({
      error: { projections: { status: 'down', notReady: [STALLED_REACTOR] } },
    });
    expect(lagOf((await scrape()).samples, STALLED_REACTOR)).toBeGreaterThan(0);

    reactorStall.held = false;
    await eventually('the reaction to catch up', async () => lagOf((await scrape()).samples, STALLED_REACTOR) === 0);
    await eventually('the platform to be ready again', async () => (await ready()).status === 200);
    expect(reactorStall.handled).toBeGreaterThan(handledBefore);
    // What it handled since the start is on the readiness report, as a Kafka consumer's `processed` is.
    const report = JSON.parse((await ready()).body) as {
      info: { projections: { projections: Record<string, { handled?: number }> } };
    };
    expect(report.info.projections.projections[STALLED_REACTOR]?.handled).toBeGreaterThan(handledBefore);
  });
});
