import {
  type Actor,
  type Decider,
  ForbiddenError,
  isPlatformActor,
  NotFoundError,
  RuleViolationError,
} from '@pamoja/contracts';
import { type WebhookEndpointCommand } from './webhook-endpoint.commands.js';
import { type WebhookEndpointEvent } from './webhook-endpoint.events.js';
import { NO_WEBHOOK_ENDPOINT, type WebhookEndpointState } from './webhook-endpoint.state.js';

export function webhookEndpointStreamId(endpointId: string): `webhook-${string}` {
  return `webhook-${endpointId}`;
}

export const webhookEndpointDecider: Decider<WebhookEndpointCommand, WebhookEndpointEvent, WebhookEndpointState> = {
  initialState: NO_WEBHOOK_ENDPOINT,
  decide,
  evolve,
};

type Existing = Exclude<WebhookEndpointState, { status: 'none' }>;

function decide(command: WebhookEndpointCommand, state: WebhookEndpointState): WebhookEndpointEvent[] {
  const { actor, now } = command.metadata;
  const at = now.toISOString();
  if (command.type === 'CreateWebhookEndpoint') {
    if (state.status !== 'none') {
      throw new RuleViolationError('webhook_endpoint_exists', 'This webhook endpoint already exists');
    }
    if (actor.agencyType !== 'integrator') {
      throw new ForbiddenError('Only an integrator subscribes to webhooks');
    }
    const { endpointId, secretId, url, description, eventTypes, provinces, siteCodes } = command.data;
    return [
      {
        type: 'WebhookEndpointCreated',
        schemaVersion: 1,
        data: {
          endpointId,
          agencyId: actor.agencyId,
          secretId,
          url,
          description,
          eventTypes,
          provinces,
          siteCodes,
          createdAt: at,
        },
      },
    ];
  }
  const platformMayAct = command.type === 'DisableWebhookEndpoint' && command.data.reason !== 'by_owner';
  const endpoint = existing(state, actor, platformMayAct, command.data.endpointId);
  const { endpointId } = endpoint;
  switch (command.type) {
    case 'ChangeWebhookEndpoint': {
      const { url, description, eventTypes, provinces, siteCodes } = command.data;
      return [
        {
          type: 'WebhookEndpointChanged',
          schemaVersion: 1,
          data: { endpointId, url, description, eventTypes, provinces, siteCodes, changedAt: at },
        },
      ];
    }
    case 'RotateWebhookSecret': {
      const current = endpoint.secrets.find((s) => s.validUntil === null);
      if (!current) throw new Error(`webhook endpoint ${endpointId} has no current secret`);
      const previousValidUntil = new Date(now.getTime() + command.data.graceHours * 3_600_000).toISOString();
      return [
        {
          type: 'WebhookSecretRotated',
          schemaVersion: 1,
          data: {
            endpointId,
            secretId: command.data.secretId,
            previousSecretId: current.secretId,
            previousValidUntil,
            rotatedAt: at,
          },
        },
      ];
    }
    case 'DisableWebhookEndpoint':
      if (endpoint.status === 'disabled') {
        throw new RuleViolationError('webhook_endpoint_disabled', 'This webhook endpoint is already disabled');
      }
      return [
        {
          type: 'WebhookEndpointDisabled',
          schemaVersion: 1,
          data: { endpointId, reason: command.data.reason, detail: command.data.detail, disabledAt: at },
        },
      ];
    case 'EnableWebhookEndpoint':
      if (endpoint.status === 'enabled') {
        throw new RuleViolationError('webhook_endpoint_enabled', 'This webhook endpoint is already enabled');
      }
      return [{ type: 'WebhookEndpointEnabled', schemaVersion: 1, data: { endpointId, enabledAt: at } }];
    case 'DeleteWebhookEndpoint':
      return [{ type: 'WebhookEndpointDeleted', schemaVersion: 1, data: { endpointId, deletedAt: at } }];
    case 'ReplayWebhookMessages':
      return [
        {
          type: 'WebhookReplayRequested',
          schemaVersion: 1,
          data: {
            endpointId,
            replayId: command.data.replayId,
            from: command.data.from.toISOString(),
            to: command.data.to.toISOString(),
            messageId: null,
            requestedAt: at,
          },
        },
      ];
    case 'ResendWebhookMessage':
      return [
        {
          type: 'WebhookReplayRequested',
          schemaVersion: 1,
          data: {
            endpointId,
            replayId: command.data.replayId,
            from: null,
            to: null,
            messageId: command.data.messageId,
            requestedAt: at,
          },
        },
      ];
  }
}

/**
 * The endpoint, for its owner only: to anyone else it does not exist (probing ids learns nothing). The
 * platform's dispatcher may disable it (410 Gone, failing for days).
 */
function existing(state: WebhookEndpointState, actor: Actor, platformMayAct: boolean, endpointId: string): Existing {
  const owner = state.status !== 'none' && state.status !== 'deleted' && state.agencyId === actor.agencyId;
  const platform = platformMayAct && isPlatformActor(actor);
  if (state.status === 'none' || state.status === 'deleted' || !(owner || platform)) {
    throw new NotFoundError('webhook endpoint', endpointId);
  }
  return state;
}

function evolve(state: WebhookEndpointState, event: WebhookEndpointEvent): WebhookEndpointState {
  if (event.type === 'WebhookEndpointCreated') {
    return {
      status: 'enabled',
      endpointId: event.data.endpointId,
      agencyId: event.data.agencyId,
      secrets: [{ secretId: event.data.secretId, validUntil: null }],
      disabledReason: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'WebhookSecretRotated': {
      const { secretId, previousSecretId, previousValidUntil } = event.data;
      return {
        ...state,
        secrets: [
          ...state.secrets.map((s) => (s.secretId === previousSecretId ? { ...s, validUntil: previousValidUntil } : s)),
          { secretId, validUntil: null },
        ],
      };
    }
    case 'WebhookEndpointDisabled':
      return { ...state, status: 'disabled', disabledReason: event.data.reason };
    case 'WebhookEndpointEnabled':
      return { ...state, status: 'enabled', disabledReason: null };
    case 'WebhookEndpointDeleted':
      return { ...state, status: 'deleted' };
    case 'WebhookEndpointChanged':
    case 'WebhookReplayRequested':
      return state;
  }
}
