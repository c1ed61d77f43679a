import { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Controller, Get, Global, Header, Inject, Module, Res, type DynamicModule } from '@nestjs/common';
import { type Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DomainError } from '@pamoja/contracts';
import { type EventStore, EventIdConflictError, WrongExpectedRevisionError } from '@pamoja/event-store';

/**
 * How a command ended: `accepted`, refused by the domain or the input checks (the API's error code, lower
 * case: `bad_user_input`, `conflict`, `not_found`, `forbidden`, `rule_violation`), or `error` (a fault).
 */
export type CommandOutcome = 'accepted' | Lowercase<DomainError['code']> | 'error';

/** How an append ended: written, refused because another writer came first, or a fault. */
export type AppendOutcome = 'ok' | 'conflict' | 'error';

/** How one webhook delivery attempt ended (see the integrations' dispatcher). */
export type WebhookDeliveryOutcome = 'delivered' | 'failed' | 'gone';

/** One projection as a scrape sees it: how many log positions it is behind the head, and its state. */
export interface ProjectionProgress {
  readonly name: string;
  readonly state: 'stopped' | 'catching_up' | 'live' | 'failing';
  readonly behind: number;
}

/** One consumer of other agencies' events (Kafka), as counted since the process started. */
export interface ConsumerProgress {
  readonly name: string;
  readonly processed: number;
  readonly deadLettered: number;
}

type Source<T> = () => Promise<T> | T;

/**
 * A scrape-time source's value, or the fallback when it has none or fails (a table not created yet, the
 * database away): one unreadable source leaves its series out instead of failing the whole scrape.
 */
async function read<T>(source: Source<T> | undefined, fallback: T): Promise<T> {
  if (!source) return fallback;
  try {
    return await source();
  } catch {
    return fallback;
  }
}

const PROJECTION_STATES: readonly ProjectionProgress['state'][] = ['stopped', 'catching_up', 'live', 'failing'];

/** Latency buckets in seconds: a command or an append is a few milliseconds, a slow one a second or more. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function commandOutcomeOf(error: unknown): CommandOutcome {
  return error instanceof DomainError ? (error.code.toLowerCase() as Lowercase<DomainError['code']>) : 'error';
}

export function appendOutcomeOf(error: unknown): AppendOutcome {
  return error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError ? 'conflict' : 'error';
}

/**
 * The Prometheus metrics of one process, on a registry of its own (several applications started in one
 * test process do not share series). Every series carries `service` (the process's service name); labels
 * are bounded (command types, projection and consumer names, outcomes), never ids or personal data.
 *
 * Hot paths observe once (`observeCommand`, the store's appends). Lags and backlogs are read when scraped,
 * from the sources the process sets (`projectionsFrom`, `relayLagFrom`, ...).
 */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly commandDuration: Histogram<'command' | 'outcome'>;
  private readonly appendDuration: Histogram<'outcome'>;
  private readonly deadlinesMissed: Counter<'kind'>;
  private readonly webhookDeliveries: Counter<'outcome'>;
  /** What a scrape reads, set by the process's parts that know it. */
  private readonly sources: {
    projections?: Source<readonly ProjectionProgress[]>;
    relayLag?: Source<number | undefined>;
    consumers?: Source<readonly ConsumerProgress[]>;
    webhookBacklog?: Source<number | undefined>;
    groupCommit?: Source<{ readonly groups: number; readonly appends: number }>;
  } = {};

  constructor(
    readonly service: string,
    options: { readonly defaultMetrics?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.commandDuration = new Histogram({
      name: 'pamoja_command_duration_seconds',
      help: 'Time to handle a command (check, decide, append), by command type and outcome.',
      labelNames: ['command', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.appendDuration = new Histogram({
      name: 'pamoja_event_store_append_duration_seconds',
      help: 'Time to append events to a stream of the log, by outcome (ok, conflict, error).',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.deadlinesMissed = new Counter({
      name: 'pamoja_deadlines_missed_total',
      help: 'Deadlines of handoffs that passed unanswered and were recorded as missed, by deadline kind.',
      labelNames: ['kind'],
      registers,
    });
    this.webhookDeliveries = new Counter({
      name: 'pamoja_webhook_deliveries_total',
      help: 'Webhook delivery attempts, by outcome (delivered, failed: retried later or given up, gone: 410).',
      labelNames: ['outcome'],
      registers,
    });
    const sources = this.sources;
    new Gauge({
      name: 'pamoja_projection_lag_positions',
      help: 'How many log positions a read model is behind the head of the log.',
      labelNames: ['projection'],
      registers,
      async collect() {
        this.reset();
        for (const p of await read(sources.projections, [])) this.set({ projection: p.name }, p.behind);
      },
    });
    new Gauge({
      name: 'pamoja_projection_state',
      help: 'The state of each read model: 1 for its current state (stopped, catching_up, live, failing), else 0.',
      labelNames: ['projection', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const p of await read(sources.projections, [])) {
          for (const state of PROJECTION_STATES) this.set({ projection: p.name, state }, p.state === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'pamoja_relay_lag_positions',
      help: 'How many log positions the relay has not yet published to Kafka (a standby reports the leader checkpoint).',
      registers,
      async collect() {
        this.reset();
        const lag = await read(sources.relayLag, undefined);
        if (lag !== undefined) this.set(lag);
      },
    });
    new Counter({
      name: 'pamoja_shared_events_processed_total',
      help: "Other agencies' events a consumer handled since the process started, by consumer.",
      labelNames: ['consumer'],
      registers,
      async collect() {
        this.reset();
        for (const c of await read(sources.consumers, [])) this.inc({ consumer: c.name }, c.processed);
      },
    });
    new Counter({
      name: 'pamoja_shared_events_dead_lettered_total',
      help: "Other agencies' events a consumer could not handle and set aside on the dead-letter topic, by consumer.",
      labelNames: ['consumer'],
      registers,
      async collect() {
        this.reset();
        for (const c of await read(sources.consumers, [])) this.inc({ consumer: c.name }, c.deadLettered);
      },
    });
    new Counter({
      name: 'pamoja_event_store_group_commits_total',
      help: 'Groups of concurrent appends committed together in one statement (ADR 0032) since the process started.',
      registers,
      async collect() {
        this.reset();
        this.inc((await read(sources.groupCommit, { groups: 0, appends: 0 })).groups);
      },
    });
    new Counter({
      name: 'pamoja_event_store_grouped_appends_total',
      help: 'Appends committed in a group of more than one (ADR 0032) since the process started.',
      registers,
      async collect() {
        this.reset();
        this.inc((await read(sources.groupCommit, { groups: 0, appends: 0 })).appends);
      },
    });
    new Gauge({
      name: 'pamoja_webhook_outbox_pending_messages',
      help: 'Webhook messages waiting in the outbox to be delivered.',
      registers,
      async collect() {
        this.reset();
        const pending = await read(sources.webhookBacklog, undefined);
        if (pending !== undefined) this.set(pending);
      },
    });
  }

  /** Starts timing a command; call the result once with how it ended. */
  startCommand(command: string): (outcome: CommandOutcome) => void {
    const started = performance.now();
    return (outcome) => {
      this.commandDuration.observe({ command, outcome }, (performance.now() - started) / 1000);
    };
  }

  observeAppend(outcome: AppendOutcome, seconds: number): void {
    this.appendDuration.observe({ outcome }, seconds);
  }

  deadlineMissed(kind: string): void {
    this.deadlinesMissed.inc({ kind });
  }

  webhookDelivered(outcome: WebhookDeliveryOutcome): void {
    this.webhookDeliveries.inc({ outcome });
  }

  /** Where a scrape reads the read models' progress. */
  projectionsFrom(source: Source<readonly ProjectionProgress[]>): void {
    this.sources.projections = source;
  }

  /** Where a scrape reads the relay's lag (undefined while this relay stands by). */
  relayLagFrom(source: Source<number | undefined>): void {
    this.sources.relayLag = source;
  }

  /** Where a scrape reads the Kafka consumers' counts. */
  consumersFrom(source: Source<readonly ConsumerProgress[]>): void {
    this.sources.consumers = source;
  }

  /** Where a scrape reads how many appends the event store committed in groups (ADR 0032). */
  groupCommitFrom(source: Source<{ readonly groups: number; readonly appends: number }>): void {
    this.sources.groupCommit = source;
  }

  /** Where a scrape reads the webhook outbox's backlog. */
  webhookBacklogFrom(source: Source<number | undefined>): void {
    this.sources.webhookBacklog = source;
  }

  /** The text exposition format, as Prometheus scrapes it. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * Times every append of a store (one histogram observation each) and returns the same store: the process's
 * store is decorated where it is made, so every writer is measured.
 */
export function timedAppends<T extends EventStore>(store: T, metrics: PlatformMetrics): T {
  const append = store.appendToStream.bind(store);
  store.appendToStream = async (streamId, events, options) => {
    const started = performance.now();
    try {
      const result = await append(streamId, events, options);
      metrics.observeAppend('ok', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      metrics.observeAppend(appendOutcomeOf(error), (performance.now() - started) / 1000);
      throw error;
    }
  };
  return store;
}

/** What a readiness check found: ready or not, and each check's finding (no personal data, no case ids). */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, { readonly status: 'up' | 'down' } & Record<string, unknown>>>;
}

/**
 * `/metrics`, `/health/live` and `/health/ready` for a process that serves plain Node HTTP (the relay, the
 * gateway): answers them and returns true, or returns false for any other path. `/health/live` checks
 * nothing but that the process answers; `/health/ready` runs `ready`.
 */
export function operationsEndpoints(
  metrics: PlatformMetrics,
  ready: () => Promise<ReadinessReport>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === '/metrics') {
      void metrics.exposition().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        (error: unknown) => {
          json(res, 500, { error: `metrics could not be collected: ${String(error)}` });
        },
      );
      return true;
    }
    if (path === '/health/live') {
      json(res, 200, { status: 'ok' });
      return true;
    }
    if (path === '/health/ready') {
      void ready().then(
        (report) => {
          json(res, report.ready ? 200 : 503, { status: report.ready ? 'ok' : 'error', details: report.checks });
        },
        (error: unknown) => {
          json(res, 503, { status: 'error', error: String(error) });
        },
      );
      return true;
    }
    return false;
  };
}

/**
 * `GET /metrics` of a Nest process, unauthenticated like /health: it holds counts, latencies and lags, no
 * personal data and no case ids (ADR 0029).
 */
@Controller('metrics')
class MetricsController {
  constructor(@Inject(PlatformMetrics) private readonly metrics: PlatformMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    res.status(200).type(contentType).send(body);
  }
}

/** The process's metrics (`PlatformMetrics`, injectable everywhere) and `GET /metrics`. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: PlatformMetrics, useFactory: () => new PlatformMetrics(service) }],
      exports: [PlatformMetrics],
    };
  }
}
