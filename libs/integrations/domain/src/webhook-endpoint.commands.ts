import { type Actor, type Text, type Unparsed } from '@pamoja/contracts';
import { type WebhookDisableReason, type WebhookProvince } from './vocabularies.js';

/** The actor comes from the verified token (or is the platform's dispatcher); `now` from the clock. */
export interface WebhookCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: WebhookCommandMetadata;
}

interface SubscriptionInput {
  readonly url: string;
  readonly description: Text | null;
  readonly eventTypes: readonly string[];
  readonly provinces: readonly WebhookProvince[];
  readonly siteCodes: readonly string[];
}

export type CreateWebhookEndpoint = Command<
  'CreateWebhookEndpoint',
  SubscriptionInput & { readonly endpointId: string; readonly secretId: string }
>;

export type ChangeWebhookEndpoint = Command<
  'ChangeWebhookEndpoint',
  SubscriptionInput & { readonly endpointId: string }
>;

export type RotateWebhookSecret = Command<
  'RotateWebhookSecret',
  { readonly endpointId: string; readonly secretId: string; readonly graceHours: number }
>;

export type DisableWebhookEndpoint = Command<
  'DisableWebhookEndpoint',
  { readonly endpointId: string; readonly reason: WebhookDisableReason; readonly detail: string | null }
>;

export type EnableWebhookEndpoint = Command<'EnableWebhookEndpoint', { readonly endpointId: string }>;

export type DeleteWebhookEndpoint = Command<'DeleteWebhookEndpoint', { readonly endpointId: string }>;

export type ReplayWebhookMessages = Command<
  'ReplayWebhookMessages',
  { readonly endpointId: string; readonly replayId: string; readonly from: Date; readonly to: Date }
>;

export type ResendWebhookMessage = Command<
  'ResendWebhookMessage',
  { readonly endpointId: string; readonly replayId: string; readonly messageId: string }
>;

export type WebhookEndpointCommand =
  | CreateWebhookEndpoint
  | ChangeWebhookEndpoint
  | RotateWebhookSecret
  | DisableWebhookEndpoint
  | EnableWebhookEndpoint
  | DeleteWebhookEndpoint
  | ReplayWebhookMessages
  | ResendWebhookMessage;

/** A command as a client sends it (free text not yet trimmed). */
export type SentWebhookEndpointCommand = Unparsed<WebhookEndpointCommand>;
