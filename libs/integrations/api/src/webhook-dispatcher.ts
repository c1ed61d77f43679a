import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { DomainError, WEBHOOK_DISPATCHER_ACTOR } from '@pamoja/contracts';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { type CommandEndpointFor } from '@pamoja/platform/context';
import { CLOCK, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@pamoja/platform/config';
import { PERSONAL_DATA_KEYS, type PersonalDataKeys } from '@pamoja/platform/privacy';
import { PlatformMetrics } from '@pamoja/platform/telemetry';
import {
  failingTooLong,
  nextAttemptAt,
  outcomeOf,
  signedHeaders,
  webhookEndpointCommands,
  webhookSecretSubject,
  type DeliveryOutcome,
} from '@pamoja/integrations/application';
import { type WebhookDisableReason } from '@pamoja/integrations/domain';
import {
  sendWebhook,
  traceOfCloudEvent,
  SqlWebhookDeliveries,
  TargetGuard,
  type LeasedMessage,
} from '@pamoja/integrations/infrastructure';

/** How often the dispatcher looks for due messages, and how many it sends at once. */
export const DISPATCH_INTERVAL_MS = 500;
const BATCH = 16;
/** A receiver has this long to answer (Standard Webhooks recommends answering within 15 s). */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** Longer than a delivery can take: a lease outliving its dispatcher (a crash) expires and the message goes again. */
const LEASE_MS = 60_000;
const DISABLE_COMMANDS = '2b7e4c1a-9f3d-4e8b-a6c5-1d2e3f4a5b6c';

type Commands = CommandEndpointFor<typeof webhookEndpointCommands>;

/**
 * Sends the outbox's due messages: signed (Standard Webhooks), one attempt per lease, each attempt recorded
 * with its outcome in the delivery log, retried on the schedule with jitter, slowed down by 429/5xx and
 * `Retry-After`. An endpoint that answers 410 Gone, or has not taken a delivery for 5 days, is disabled by
 * the platform with the reason, which its owner reads on the endpoint.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly deliveries: SqlWebhookDeliveries;
  private readonly guard: TargetGuard;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(webhookEndpointCommands.token) private readonly commands: Commands,
    @Optional() @Inject(PlatformMetrics) private readonly metrics?: PlatformMetrics,
  ) {
    this.deliveries = new SqlWebhookDeliveries(db);
    this.guard = new TargetGuard(config.publication.webhookAllowedTargets);
    metrics?.webhookBacklogFrom(() => this.deliveries.pendingCount());
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchDue()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.logger.error({ msg: 'webhook dispatch failed', error: String(error) });
        })
        .finally(() => {
          this.schedule();
        });
    }, DISPATCH_INTERVAL_MS);
  }

  /** One round: every due message leased now is attempted once. Returns how many were attempted. */
  async dispatchDue(): Promise<number> {
    const leased = await this.deliveries.leaseDue(this.clock.now(), LEASE_MS, BATCH);
    await Promise.all(leased.map((message) => this.deliver(message)));
    return leased.length;
  }

  private async deliver(message: LeasedMessage): Promise<void> {
    const found = await this.keys.keysForReading(message.secretIds.map(webhookSecretSubject));
    const keys = message.secretIds.flatMap((id) => {
      const key = found.get(webhookSecretSubject(id));
      return key?.state === 'active' ? [key.key] : [];
    });
    if (keys.length === 0) {
      // Only a deleted endpoint has no secret left, and it is no longer leased; never send unsigned.
      this.logger.error({ msg: 'webhook endpoint has no signing secret', endpointId: message.endpointId });
      await this.deliveries.release(message.messageId);
      return;
    }
    // The real time of sending, whatever the platform's clock says: the receiver checks it against its own
    // clock to refuse old messages replayed by someone else (Standard Webhooks, 5 minutes of tolerance).
    const sentAt = new Date();
    const started = performance.now();
    const response = await sendWebhook(this.guard, {
      url: message.url,
      body: message.payload,
      headers: { ...signedHeaders(message.messageId, sentAt, message.payload, keys) },
      timeoutMs: DELIVERY_TIMEOUT_MS,
      // The delivery continues the trace of the request that wrote the event (ADR 0029).
      ...traceOfCloudEvent(message.payload),
    });
    const durationMs = Math.round(performance.now() - started);
    const at = this.clock.now();
    const attempt = message.attempts + 1;
    const outcome: DeliveryOutcome =
      response.kind === 'answered'
        ? outcomeOf(response.status, response.retryAfter, at)
        : { kind: 'failed', slowDown: false, retryAfterMs: null };
    const base = {
      messageId: message.messageId,
      endpointId: message.endpointId,
      attempt,
      attemptedAt: at,
      statusCode: response.kind === 'answered' ? response.status : null,
      error: response.kind === 'no_answer' ? response.error.slice(0, 500) : null,
      durationMs,
    };
    this.metrics?.webhookDelivered(outcome.kind);
    switch (outcome.kind) {
      case 'delivered':
        await this.deliveries.record({ ...base, delivered: true, nextAttemptAt: null, pauseEndpointUntil: null });
        return;
      case 'gone':
        // Kept pending: if its owner enables the endpoint again, it goes then.
        await this.deliveries.record({ ...base, delivered: false, nextAttemptAt: at, pauseEndpointUntil: null });
        await this.disable(
          message.endpointId,
          'gone',
          `the endpoint answered 410 Gone at ${at.toISOString()}`,
          attempt,
        );
        return;
      case 'failed': {
        const next = nextAttemptAt(attempt, at, outcome.retryAfterMs);
        const pause = outcome.slowDown
          ? outcome.retryAfterMs !== null
            ? new Date(at.getTime() + outcome.retryAfterMs)
            : next
          : null;
        const failing = await this.deliveries.record({
          ...base,
          delivered: false,
          nextAttemptAt: next,
          pauseEndpointUntil: pause,
        });
        if (failing && failingTooLong(failing.failingSince, at)) {
          await this.disable(
            message.endpointId,
            'failing',
            `no delivery succeeded since ${failing.failingSince.toISOString()}; last attempt: ${failing.lastFailure}`,
            attempt,
          );
        }
        return;
      }
    }
  }

  private async disable(
    endpointId: string,
    reason: WebhookDisableReason,
    detail: string,
    attempt: number,
  ): Promise<void> {
    const now = this.clock.now();
    try {
      await this.commands.executePlatformCommand(
        {
          command: {
            type: 'DisableWebhookEndpoint',
            metadata: { actor: WEBHOOK_DISPATCHER_ACTOR, now },
            data: { endpointId, reason, detail },
          },
          context: {
            // One disabling per endpoint, reason and moment: a second dispatcher's attempt writes nothing.
            commandId: uuidv5(`${endpointId}:${reason}:${now.toISOString().slice(0, 16)}:${attempt}`, DISABLE_COMMANDS),
            actor: WEBHOOK_DISPATCHER_ACTOR,
            correlationId: randomUUID(),
          },
        },
        { wait: false },
      );
      this.logger.warn({ msg: 'webhook endpoint disabled', endpointId, reason, detail });
    } catch (error) {
      // Already disabled (by its owner, or by another dispatcher), or deleted: nothing to do.
      if (!(error instanceof DomainError)) throw error;
    }
  }
}
