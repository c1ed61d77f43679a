import type { ConsoleWebhookEndpointQuery, ConsoleWebhookEndpointsQuery } from '../../gql/graphql';
import { testSession } from '../../test/render';

export const INTEGRATOR = testSession({
  userId: 'integrator-1',
  agencyId: 'traceability-demo',
  agencyType: 'integrator',
  roles: ['integrator'],
});

export const ENDPOINT_ID = '0b5c7a36-0f52-4f1e-9d3a-6a1d2c3b4e5f';
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5xoXQ3zQ2vY=';

export const EVENT_TYPES = [
  {
    type: 'pamoja.referrals.ReferralAccepted.v1',
    context: 'referrals',
    description: 'The receiving agency accepted a referral',
  },
  {
    type: 'pamoja.referrals.ReferralSubmitted.v1',
    context: 'referrals',
    description: 'A referral was sent to another agency',
  },
  {
    type: 'pamoja.sites.MineSiteStatusChanged.v1',
    context: 'sites',
    description: 'The mining authority changed a site’s status',
  },
];

type ListedEndpoint = ConsoleWebhookEndpointsQuery['webhookEndpoints'][number];
export type Endpoint = ConsoleWebhookEndpointQuery['webhookEndpoint'];
export type Message = Endpoint['messages']['nodes'][number];

export function listed(overrides: Partial<ListedEndpoint> = {}): ListedEndpoint {
  return {
    endpointId: ENDPOINT_ID,
    url: 'https://hooks.example.org/pamoja',
    description: 'Due diligence',
    eventTypes: ['pamoja.referrals.ReferralSubmitted.v1'],
    provinces: [],
    siteCodes: [],
    status: 'ENABLED',
    disabledReason: null,
    disabledDetail: null,
    disabledAt: null,
    failingSince: null,
    lastSuccessAt: '2026-12-05T08:30:00Z',
    pausedUntil: null,
    createdAt: '2026-12-01T07:00:00Z',
    revision: 1,
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    messageId: 'msg_2a1b',
    eventId: 'evt-1',
    eventType: 'pamoja.referrals.ReferralSubmitted.v1',
    createdAt: '2026-12-05T08:00:00Z',
    state: 'DELIVERED',
    attempts: 1,
    nextAttemptAt: null,
    deliveredAt: '2026-12-05T08:00:01Z',
    replayOf: null,
    attemptLog: [{ attempt: 1, attemptedAt: '2026-12-05T08:00:01Z', statusCode: 200, error: null, durationMs: 40 }],
    ...overrides,
  };
}

export function endpoint(overrides: Partial<Endpoint> = {}, messages: readonly Message[] = [message()]): Endpoint {
  return {
    ...listed(),
    secrets: [{ secretId: 'sec-1', createdAt: '2026-12-01T07:00:00Z', validUntil: null }],
    messages: { nodes: [...messages], pageInfo: { hasNextPage: false, endCursor: null } },
    ...overrides,
  };
}
