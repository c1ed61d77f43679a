import { type WithheldEventType } from '../integration-event.js';

// Integrations: an integrator's webhook endpoints (where it receives events, which types, its filter, its
// secrets' rotation, its replays). Configuration of the integrator's own, of no use to any agency, and an
// endpoint's address is not for other integrators to learn: every type is withheld.

const REASON = "an integrator's own webhook configuration: of no use to other agencies, not for other integrators";

export const INTEGRATIONS_WITHHELD_EVENTS: readonly WithheldEventType[] = [
  'WebhookEndpointCreated',
  'WebhookEndpointChanged',
  'WebhookSecretRotated',
  'WebhookEndpointDisabled',
  'WebhookEndpointEnabled',
  'WebhookEndpointDeleted',
  'WebhookReplayRequested',
].map((domainEventType) => ({ context: 'integrations', domainEventType, reason: REASON }));
