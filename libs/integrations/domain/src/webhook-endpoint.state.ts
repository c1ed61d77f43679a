import { type WebhookDisableReason } from './vocabularies.js';

export interface WebhookSecretState {
  readonly secretId: string;
  /** Null: the current secret. */
  readonly validUntil: string | null;
}

export type WebhookEndpointState =
  | { readonly status: 'none' }
  | {
      readonly status: 'enabled' | 'disabled' | 'deleted';
      readonly endpointId: string;
      readonly agencyId: string;
      readonly secrets: readonly WebhookSecretState[];
      readonly disabledReason: WebhookDisableReason | null;
    };

export const NO_WEBHOOK_ENDPOINT: WebhookEndpointState = { status: 'none' };
