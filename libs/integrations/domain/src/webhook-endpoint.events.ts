import { type DomainEvent } from '@pamoja/contracts';
import { type WebhookDisableReason, type WebhookProvince } from './vocabularies.js';

// An integrator's webhook endpoint, stream `webhook-<endpointId>`. Configuration of the integrator's own,
// never shared with other agencies. The signing secrets are keys, kept in the key store under their
// `secretId` (ADR 0028); no event ever holds one.

/** What an endpoint receives: catalogue types, and optionally only events of these provinces or sites. */
export interface WebhookSubscription {
  readonly url: string;
  readonly description: string | null;
  /** Integration event types, e.g. `pamoja.referrals.ReferralSubmitted.v1`. */
  readonly eventTypes: readonly string[];
  /** Empty: every province. */
  readonly provinces: readonly WebhookProvince[];
  /** Empty: every site. */
  readonly siteCodes: readonly string[];
}

export interface WebhookEndpointCreated extends DomainEvent<
  'WebhookEndpointCreated',
  WebhookSubscription & {
    readonly endpointId: string;
    readonly agencyId: string;
    readonly secretId: string;
    readonly createdAt: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface WebhookEndpointChanged extends DomainEvent<
  'WebhookEndpointChanged',
  WebhookSubscription & { readonly endpointId: string; readonly changedAt: string }
> {
  readonly schemaVersion: 1;
}

export interface WebhookSecretRotated extends DomainEvent<
  'WebhookSecretRotated',
  {
    readonly endpointId: string;
    readonly secretId: string;
    readonly previousSecretId: string;
    /** Until then deliveries are signed with both secrets (the signature header lists both). */
    readonly previousValidUntil: string;
    readonly rotatedAt: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface WebhookEndpointDisabled extends DomainEvent<
  'WebhookEndpointDisabled',
  {
    readonly endpointId: string;
    readonly reason: WebhookDisableReason;
    /** The platform's own words for `gone` and `failing` (e.g. the last status); null when the owner acts. */
    readonly detail: string | null;
    readonly disabledAt: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface WebhookEndpointEnabled extends DomainEvent<
  'WebhookEndpointEnabled',
  { readonly endpointId: string; readonly enabledAt: string }
> {
  readonly schemaVersion: 1;
}

export interface WebhookEndpointDeleted extends DomainEvent<
  'WebhookEndpointDeleted',
  { readonly endpointId: string; readonly deletedAt: string }
> {
  readonly schemaVersion: 1;
}

/**
 * Messages of the endpoint sent again under new ids: those made in a period (`from` to `to`), or one
 * (`messageId`). Each new message records the one it repeats.
 */
export interface WebhookReplayRequested extends DomainEvent<
  'WebhookReplayRequested',
  {
    readonly endpointId: string;
    readonly replayId: string;
    readonly from: string | null;
    readonly to: string | null;
    readonly messageId: string | null;
    readonly requestedAt: string;
  }
> {
  readonly schemaVersion: 1;
}

export type WebhookEndpointEvent =
  | WebhookEndpointCreated
  | WebhookEndpointChanged
  | WebhookSecretRotated
  | WebhookEndpointDisabled
  | WebhookEndpointEnabled
  | WebhookEndpointDeleted
  | WebhookReplayRequested;
export type WebhookEndpointEventType = WebhookEndpointEvent['type'];

export const WEBHOOK_ENDPOINT_EVENT_TYPES = [
  'WebhookEndpointCreated',
  'WebhookEndpointChanged',
  'WebhookSecretRotated',
  'WebhookEndpointDisabled',
  'WebhookEndpointEnabled',
  'WebhookEndpointDeleted',
  'WebhookReplayRequested',
] as const satisfies readonly WebhookEndpointEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: WebhookEndpointEventType extends (typeof WEBHOOK_ENDPOINT_EVENT_TYPES)[number]
  ? true
  : never = true;
