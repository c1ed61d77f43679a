import { type WebhookDisableReason, type WebhookProvince } from '@pamoja/integrations/domain';

export interface WebhookSecretView {
  readonly secretId: string;
  readonly createdAt: Date;
  /** Null: the current secret. */
  readonly validUntil: Date | null;
}

/** An integrator's endpoint as its owner reads it, with how its deliveries go. */
export interface WebhookEndpointView {
  readonly endpointId: string;
  readonly agencyId: string;
  readonly url: string;
  readonly description: string | null;
  readonly eventTypes: readonly string[];
  readonly provinces: readonly WebhookProvince[];
  readonly siteCodes: readonly string[];
  readonly status: 'enabled' | 'disabled';
  readonly disabledReason: WebhookDisableReason | null;
  readonly disabledDetail: string | null;
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
  readonly revision: number;
  readonly secrets: readonly WebhookSecretView[];
}

export type WebhookMessageState = 'pending' | 'delivered' | 'failed';

export interface WebhookMessageView {
  readonly messageId: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly jointCaseId: string | null;
  readonly createdAt: Date;
  readonly state: WebhookMessageState;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
  /** The message this one repeats (a replay), or null. */
  readonly replayOf: string | null;
  /** The CloudEvent as sent (JSON text). */
  readonly payload: string;
  readonly seq: number;
}

export interface WebhookAttemptView {
  readonly messageId: string;
  readonly attempt: number;
  readonly attemptedAt: Date;
  /** The HTTP status, or null when no answer came (refused target, timeout, connection error). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

export interface WebhookEndpointHealthView {
  readonly failingSince: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly pausedUntil: Date | null;
}

/** What the owner reads: only its own endpoints (the handlers pass the caller's agency). */
export interface WebhooksReadModel {
  endpoints(agencyId: string): Promise<readonly WebhookEndpointView[]>;
  endpoint(agencyId: string, endpointId: string): Promise<WebhookEndpointView | null>;
  health(endpointId: string): Promise<WebhookEndpointHealthView>;
  /** Newest first, after `afterSeq` (a page's last), at most `limit`. */
  messages(
    endpointId: string,
    options: { readonly state?: WebhookMessageState; readonly afterSeq?: number; readonly limit: number },
  ): Promise<readonly WebhookMessageView[]>;
  message(endpointId: string, messageId: string): Promise<WebhookMessageView | null>;
  attempts(messageId: string): Promise<readonly WebhookAttemptView[]>;
}

export const WEBHOOKS_READ_MODEL = Symbol.for('pamoja.WebhooksReadModel');
