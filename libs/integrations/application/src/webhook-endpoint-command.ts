import { v5 as uuidv5 } from 'uuid';
import { type RecordedEvent } from '@pamoja/contracts';
import { commandRunner, domainEventReader } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import {
  parseWebhookEndpointCommand,
  WEBHOOK_ENDPOINT_EVENT_TYPES,
  webhookEndpointDecider,
  webhookEndpointStreamId,
  type SentWebhookEndpointCommand,
  type WebhookEndpointEvent,
  type WebhookEndpointState,
} from '@pamoja/integrations/domain';

// Ids the platform derives from the client's command id, so a retry names the same endpoint and secret.
const ENDPOINT_IDS = '0f6c3f0e-5d55-4d7e-9d2a-6a1f0c3b9e11';
const SECRET_IDS = '6d2f1b8a-3c4e-4a5f-8b9c-0d1e2f3a4b5c';
const REPLAY_IDS = 'a3b4c5d6-e7f8-4091-8a2b-3c4d5e6f7081';

export const endpointIdFor = (commandId: string): string => uuidv5(commandId, ENDPOINT_IDS);
export const secretIdFor = (commandId: string): string => uuidv5(commandId, SECRET_IDS);
export const replayIdFor = (commandId: string): string => uuidv5(commandId, REPLAY_IDS);

/** Where a signing secret is kept: the key store holds it like any key (ADR 0028). */
export const webhookSecretSubject = (secretId: string): string => `webhook-secret:${secretId}`;

/** The types an endpoint may subscribe to: every integration event type of the catalogue. */
export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set(DEFAULT_CATALOGUE.definitions().map((d) => d.type));

export const toWebhookEndpointEvent: (event: RecordedEvent) => WebhookEndpointEvent =
  domainEventReader(WEBHOOK_ENDPOINT_EVENT_TYPES);

export interface WebhookEndpointCommandResult {
  readonly endpointId: string;
  readonly status: Exclude<WebhookEndpointState['status'], 'none'>;
  readonly revision: number;
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** An integrator's endpoints: parsed at the edge (the catalogue's types), decided on the endpoint's stream. */
export const webhookEndpointCommands = commandRunner({
  name: 'webhook-endpoint',
  parse: (sent: SentWebhookEndpointCommand) => parseWebhookEndpointCommand(sent, WEBHOOK_EVENT_TYPES),
  decider: webhookEndpointDecider,
  eventTypes: WEBHOOK_ENDPOINT_EVENT_TYPES,
  streamId: (command) => webhookEndpointStreamId(command.data.endpointId),
  // An integrator's configuration belongs to no case.
  jointCaseId: { ofState: () => null },
  result: (outcome): WebhookEndpointCommandResult => {
    const state = outcome.state;
    if (state.status === 'none') throw new Error('a webhook command left no endpoint behind');
    return {
      endpointId: state.endpointId,
      status: state.status,
      revision: outcome.revision,
      replayed: outcome.replayed,
      position: outcome.position,
    };
  },
});
