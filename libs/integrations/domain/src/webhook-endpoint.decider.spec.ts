import { describe, expect, it } from '@jest/globals';
import {
  type Actor,
  DEADLINE_WATCHER_ACTOR,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  parsingDecider,
  RuleViolationError,
  type Unparsed,
  WEBHOOK_DISPATCHER_ACTOR,
} from '@pamoja/contracts';
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type ChangeWebhookEndpoint,
  type CreateWebhookEndpoint,
  parseWebhookEndpointCommand,
  type ReplayWebhookMessages,
  type SentWebhookEndpointCommand,
  WEBHOOK_LIMITS,
  webhookEndpointDecider,
  type WebhookEndpointCreated,
  type WebhookEndpointDeleted,
  type WebhookEndpointDisabled,
  type WebhookEndpointEnabled,
  type WebhookEndpointEvent,
  type WebhookDisableReason,
  type WebhookProvince,
  type WebhookSecretRotated,
  webhookEndpointStreamId,
} from './index.js';

const SUBMITTED = 'pamoja.referrals.ReferralSubmitted.v1';
const ACCEPTED = 'pamoja.referrals.ReferralAccepted.v1';
// The application passes the catalogue's types; the domain knows none.
const KNOWN = new Set([SUBMITTED, ACCEPTED]);

const spec = DeciderSpecification.for(
  parsingDecider(webhookEndpointDecider, (sent: SentWebhookEndpointCommand) =>
    parseWebhookEndpointCommand(sent, KNOWN),
  ),
);
const fold = (events: readonly WebhookEndpointEvent[]) =>
  events.reduce(webhookEndpointDecider.evolve, webhookEndpointDecider.initialState);

const ENDPOINT_ID = '3f1e2d4c-5b6a-5798-8a9b-0c1d2e3f4a5b';
const SECRET_ID = '7a8b9c0d-1e2f-5a3b-8c4d-5e6f7a8b9c0d';
const NEW_SECRET_ID = '9c0d1e2f-3a4b-5c5d-8e6f-7a8b9c0d1e2f';
const REPLAY_ID = '1e2f3a4b-5c6d-5e7f-8a9b-0c1d2e3f4a5b';
const MESSAGE_ID = '2f3a4b5c-6d7e-5f80-9a1b-2c3d4e5f6a7b';
const NOW = new Date('2026-11-02T09:00:00.000Z');
const LATER = new Date('2026-11-03T09:00:00.000Z');

// Fictional agencies only.
const integrator: Actor = {
  userId: 'user-traceability-1',
  agencyId: 'traceability-demo',
  agencyType: 'integrator',
  roles: ['integrator'],
};
const otherIntegrator: Actor = {
  userId: 'user-buyer-1',
  agencyId: 'buyer-due-diligence',
  agencyType: 'integrator',
  roles: ['integrator'],
};
const police: Actor = { userId: 'user-pnc-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] };

type SubscriptionData = Unparsed<CreateWebhookEndpoint>['data'];

function create(overrides: Partial<SubscriptionData> = {}, actor: Actor = integrator): Unparsed<CreateWebhookEndpoint> {
  return {
    type: 'CreateWebhookEndpoint',
    data: {
      endpointId: ENDPOINT_ID,
      secretId: SECRET_ID,
      url: ' https://hooks.example.org/pamoja ',
      description: '  Due diligence  ',
      eventTypes: [SUBMITTED],
      provinces: [],
      siteCodes: [],
      ...overrides,
    },
    metadata: { actor, now: NOW },
  };
}

function change(
  overrides: Partial<Unparsed<ChangeWebhookEndpoint>['data']> = {},
  actor: Actor = integrator,
): Unparsed<ChangeWebhookEndpoint> {
  return {
    type: 'ChangeWebhookEndpoint',
    data: {
      endpointId: ENDPOINT_ID,
      url: 'https://hooks.example.org/v2',
      description: null,
      eventTypes: [SUBMITTED, ACCEPTED],
      provinces: ['south_kivu'],
      siteCodes: ['SK-FIZ-001'],
      ...overrides,
    },
    metadata: { actor, now: LATER },
  };
}

const rotate = (graceHours: number, actor: Actor = integrator): SentWebhookEndpointCommand => ({
  type: 'RotateWebhookSecret',
  data: { endpointId: ENDPOINT_ID, secretId: NEW_SECRET_ID, graceHours },
  metadata: { actor, now: LATER },
});

const disable = (
  reason: WebhookDisableReason = 'by_owner',
  actor: Actor = integrator,
  detail: string | null = null,
): SentWebhookEndpointCommand => ({
  type: 'DisableWebhookEndpoint',
  data: { endpointId: ENDPOINT_ID, reason, detail },
  metadata: { actor, now: LATER },
});

const enable = (actor: Actor = integrator): SentWebhookEndpointCommand => ({
  type: 'EnableWebhookEndpoint',
  data: { endpointId: ENDPOINT_ID },
  metadata: { actor, now: LATER },
});

const remove = (actor: Actor = integrator): SentWebhookEndpointCommand => ({
  type: 'DeleteWebhookEndpoint',
  data: { endpointId: ENDPOINT_ID },
  metadata: { actor, now: LATER },
});

function replay(from: Date, to: Date, actor: Actor = integrator): Unparsed<ReplayWebhookMessages> {
  return {
    type: 'ReplayWebhookMessages',
    data: { endpointId: ENDPOINT_ID, replayId: REPLAY_ID, from, to },
    metadata: { actor, now: LATER },
  };
}

const resend = (actor: Actor = integrator): SentWebhookEndpointCommand => ({
  type: 'ResendWebhookMessage',
  data: { endpointId: ENDPOINT_ID, replayId: REPLAY_ID, messageId: MESSAGE_ID },
  metadata: { actor, now: LATER },
});

const created: WebhookEndpointCreated = {
  type: 'WebhookEndpointCreated',
  schemaVersion: 1,
  data: {
    endpointId: ENDPOINT_ID,
    agencyId: 'traceability-demo',
    secretId: SECRET_ID,
    url: 'https://hooks.example.org/pamoja',
    description: 'Due diligence',
    eventTypes: [SUBMITTED],
    provinces: [],
    siteCodes: [],
    createdAt: '2026-11-02T09:00:00.000Z',
  },
};

const disabledBy = (reason: WebhookDisableReason, detail: string | null = null): WebhookEndpointDisabled => ({
  type: 'WebhookEndpointDisabled',
  schemaVersion: 1,
  data: { endpointId: ENDPOINT_ID, reason, detail, disabledAt: '2026-11-03T09:00:00.000Z' },
});

const enabled: WebhookEndpointEnabled = {
  type: 'WebhookEndpointEnabled',
  schemaVersion: 1,
  data: { endpointId: ENDPOINT_ID, enabledAt: '2026-11-03T09:00:00.000Z' },
};

const deleted: WebhookEndpointDeleted = {
  type: 'WebhookEndpointDeleted',
  schemaVersion: 1,
  data: { endpointId: ENDPOINT_ID, deletedAt: '2026-11-03T09:00:00.000Z' },
};

const notFound = (error: NotFoundError) => error.id === ENDPOINT_ID;

it('names the stream of an endpoint', () => {
  expect(webhookEndpointStreamId(ENDPOINT_ID)).toBe(`webhook-${ENDPOINT_ID}`);
});

describe('CreateWebhookEndpoint', () => {
  it('creates an enabled endpoint owned by the integrator’s agency, its URL and description trimmed', () => {
    spec.given([]).when(create()).then([created]);
    expect(fold([created])).toEqual({
      status: 'enabled',
      endpointId: ENDPOINT_ID,
      agencyId: 'traceability-demo',
      secrets: [{ secretId: SECRET_ID, validUntil: null }],
      disabledReason: null,
    });
  });

  it('keeps a province and site filter', () => {
    spec
      .given([])
      .when(create({ provinces: ['north_kivu'], siteCodes: ['NK-MAS-014', 'SK-FIZ-001'] }))
      .then([
        { ...created, data: { ...created.data, provinces: ['north_kivu'], siteCodes: ['NK-MAS-014', 'SK-FIZ-001'] } },
      ]);
  });

  it.each<[string, Actor]>([
    ['police', police],
    ['a first responder', { ...police, agencyId: 'ngo-kivu-hope', agencyType: 'first_responder' }],
    ['the coordination body', { ...police, agencyId: 'cdc-goma', agencyType: 'coordination_body' }],
    ['the deadline watcher', DEADLINE_WATCHER_ACTOR],
  ])('refuses %s: only integrators subscribe', (_label, actor) => {
    spec.given([]).when(create({}, actor)).thenThrows(ForbiddenError);
  });

  it('refuses an endpoint id already used', () => {
    spec.given([created]).when(create()).thenThrows(RuleViolationError, rule('webhook_endpoint_exists'));
  });

  it('refuses a deleted endpoint’s id: an id is never reused', () => {
    spec.given([created, deleted]).when(create()).thenThrows(RuleViolationError, rule('webhook_endpoint_exists'));
  });
});

describe('the subscription’s parse', () => {
  it.each([
    ['an ftp URL', 'ftp://hooks.example.org/pamoja', 'must be an http or https URL'],
    ['a user name and password', 'https://user:secret@hooks.example.org/', 'must not carry a user name or password'],
    ['a user name alone', 'https://token@hooks.example.org/', 'must not carry a user name or password'],
    ['a fragment', 'https://hooks.example.org/pamoja#part', 'must not have a fragment (#...)'],
    ['a relative URL', '/pamoja', 'must be an absolute http or https URL'],
    ['no URL', '   ', 'must be an absolute http or https URL'],
    [
      'a URL too long',
      `https://hooks.example.org/${'a'.repeat(WEBHOOK_LIMITS.maxUrlLength)}`,
      `must be at most ${WEBHOOK_LIMITS.maxUrlLength} characters`,
    ],
  ])('refuses %s, naming url', (_label, url, reason) => {
    const error = spec.given([]).when(create({ url })).thenThrows(InvalidInputError, fields('url'));
    expect(error.problems).toEqual([{ field: 'url', reason }]);
  });

  it('takes a URL of exactly the longest length', () => {
    const prefix = 'https://hooks.example.org/';
    const url = `${prefix}${'a'.repeat(WEBHOOK_LIMITS.maxUrlLength - prefix.length)}`;
    spec
      .given([])
      .when(create({ url }))
      .then([{ ...created, data: { ...created.data, url } }]);
  });

  it('takes plain http (a receiver behind the operator’s own network, allowed by the sender’s guard)', () => {
    spec
      .given([])
      .when(create({ url: 'http://hooks.example.org:8080/in' }))
      .then([{ ...created, data: { ...created.data, url: 'http://hooks.example.org:8080/in' } }]);
  });

  it('refuses an unknown event type, naming it', () => {
    const error = spec
      .given([])
      .when(create({ eventTypes: [SUBMITTED, 'pamoja.referrals.Nothing.v1'] }))
      .thenThrows(InvalidInputError, fields('eventTypes'));
    expect(error.problems[0]?.reason).toBe(
      'pamoja.referrals.Nothing.v1 is not an integration event type (see webhookEventTypes)',
    );
  });

  it('refuses a domain event type that is not in the catalogue (the context’s own, e.g. a webhook event)', () => {
    spec
      .given([])
      .when(create({ eventTypes: ['WebhookEndpointCreated'] }))
      .thenThrows(InvalidInputError, fields('eventTypes'));
  });

  it('refuses no event type, and an event type listed twice', () => {
    spec
      .given([])
      .when(create({ eventTypes: [] }))
      .thenThrows(InvalidInputError, fields('eventTypes'));
    const error = spec
      .given([])
      .when(create({ eventTypes: [SUBMITTED, ACCEPTED, SUBMITTED] }))
      .thenThrows(InvalidInputError, fields('eventTypes'));
    expect(error.problems[0]?.reason).toBe(`${SUBMITTED} is listed twice`);
  });

  it('refuses an unknown province and a province twice', () => {
    spec
      .given([])
      .when(create({ provinces: ['ituri' as WebhookProvince] }))
      .thenThrows(InvalidInputError, fields('provinces'));
    spec
      .given([])
      .when(create({ provinces: ['south_kivu', 'south_kivu'] }))
      .thenThrows(InvalidInputError, fields('provinces'));
  });

  it.each(['NK-MAS-14', 'nk-mas-014', 'XX-MAS-014', 'NK MAS 014', ''])('refuses site code %p', (code) => {
    spec
      .given([])
      .when(create({ siteCodes: [code] }))
      .thenThrows(InvalidInputError, fields('siteCodes'));
  });

  it('refuses a site code twice and more sites than the limit', () => {
    spec
      .given([])
      .when(create({ siteCodes: ['NK-MAS-014', 'NK-MAS-014'] }))
      .thenThrows(InvalidInputError, fields('siteCodes'));
    const many = Array.from(
      { length: WEBHOOK_LIMITS.maxSiteCodes + 1 },
      (_, i) => `NK-MAS-${String(i).padStart(3, '0')}`,
    );
    spec
      .given([])
      .when(create({ siteCodes: many }))
      .thenThrows(InvalidInputError, fields('siteCodes'));
  });

  it('refuses a description too long', () => {
    spec
      .given([])
      .when(create({ description: 'x'.repeat(WEBHOOK_LIMITS.maxDescriptionLength + 1) }))
      .thenThrows(InvalidInputError, fields('description'));
  });

  it('reports every problem at once', () => {
    spec
      .given([])
      .when(
        create({ url: 'ftp://x', eventTypes: ['nothing'], provinces: ['ituri' as WebhookProvince], siteCodes: ['x'] }),
      )
      .thenThrows(InvalidInputError, fields('url', 'eventTypes', 'provinces', 'siteCodes'));
  });

  it('parses a change as a creation: a bad URL is refused and nothing changes', () => {
    spec
      .given([created])
      .when(change({ url: 'https://hooks.example.org/#frag' }))
      .thenThrows(InvalidInputError, fields('url'));
  });
});

describe('ChangeWebhookEndpoint', () => {
  it('changes the URL, the event types and the filter, for the owner', () => {
    spec
      .given([created])
      .when(change())
      .then([
        {
          type: 'WebhookEndpointChanged',
          schemaVersion: 1,
          data: {
            endpointId: ENDPOINT_ID,
            url: 'https://hooks.example.org/v2',
            description: null,
            eventTypes: [SUBMITTED, ACCEPTED],
            provinces: ['south_kivu'],
            siteCodes: ['SK-FIZ-001'],
            changedAt: '2026-11-03T09:00:00.000Z',
          },
        },
      ]);
  });

  it('is NOT_FOUND to another integrator, as if the endpoint did not exist', () => {
    spec.given([created]).when(change({}, otherIntegrator)).thenThrows(NotFoundError, notFound);
  });

  it('is NOT_FOUND to the platform’s dispatcher: it may only disable', () => {
    spec.given([created]).when(change({}, WEBHOOK_DISPATCHER_ACTOR)).thenThrows(NotFoundError, notFound);
  });

  it('is NOT_FOUND before it exists and after it is deleted', () => {
    spec.given([]).when(change()).thenThrows(NotFoundError, notFound);
    spec.given([created, deleted]).when(change()).thenThrows(NotFoundError, notFound);
  });
});

describe('RotateWebhookSecret', () => {
  const rotated: WebhookSecretRotated = {
    type: 'WebhookSecretRotated',
    schemaVersion: 1,
    data: {
      endpointId: ENDPOINT_ID,
      secretId: NEW_SECRET_ID,
      previousSecretId: SECRET_ID,
      previousValidUntil: '2026-11-04T09:00:00.000Z',
      rotatedAt: '2026-11-03T09:00:00.000Z',
    },
  };

  it('keeps the previous secret valid until the grace period ends, and makes the new one current', () => {
    spec.given([created]).when(rotate(24)).then([rotated]);
    expect(fold([created, rotated])).toMatchObject({
      secrets: [
        { secretId: SECRET_ID, validUntil: '2026-11-04T09:00:00.000Z' },
        { secretId: NEW_SECRET_ID, validUntil: null },
      ],
    });
  });

  it('ends the previous secret at once with a grace of 0, and at most 7 days later', () => {
    spec
      .given([created])
      .when(rotate(0))
      .then([{ ...rotated, data: { ...rotated.data, previousValidUntil: '2026-11-03T09:00:00.000Z' } }]);
    spec
      .given([created])
      .when(rotate(WEBHOOK_LIMITS.maxGraceHours))
      .then([{ ...rotated, data: { ...rotated.data, previousValidUntil: '2026-11-10T09:00:00.000Z' } }]);
  });

  it('rotates from the current secret, not from one still in its grace period', () => {
    const third = '4b5c6d7e-8f90-5a1b-8c2d-3e4f5a6b7c8d';
    const command = rotate(1);
    const again = { ...command, data: { ...command.data, secretId: third } } as SentWebhookEndpointCommand;
    spec
      .given([created, rotated])
      .when(again)
      .then([
        {
          ...rotated,
          data: {
            ...rotated.data,
            secretId: third,
            previousSecretId: NEW_SECRET_ID,
            previousValidUntil: '2026-11-03T10:00:00.000Z',
          },
        },
      ]);
  });

  it.each([-1, WEBHOOK_LIMITS.maxGraceHours + 1, 1.5, Number.NaN])('refuses a grace period of %p hours', (hours) => {
    const error = spec.given([created]).when(rotate(hours)).thenThrows(InvalidInputError, fields('gracePeriodHours'));
    expect(error.problems[0]?.reason).toBe(`must be a whole number from 0 to ${WEBHOOK_LIMITS.maxGraceHours}`);
  });

  it('is NOT_FOUND to another integrator and to the dispatcher', () => {
    spec.given([created]).when(rotate(24, otherIntegrator)).thenThrows(NotFoundError, notFound);
    spec.given([created]).when(rotate(24, WEBHOOK_DISPATCHER_ACTOR)).thenThrows(NotFoundError, notFound);
  });
});

describe('DisableWebhookEndpoint and EnableWebhookEndpoint', () => {
  it('lets the owner disable, then enable again', () => {
    spec
      .given([created])
      .when(disable())
      .then([disabledBy('by_owner')]);
    expect(fold([created, disabledBy('by_owner')])).toMatchObject({ status: 'disabled', disabledReason: 'by_owner' });
    spec
      .given([created, disabledBy('by_owner')])
      .when(enable())
      .then([enabled]);
    expect(fold([created, disabledBy('by_owner'), enabled])).toMatchObject({ status: 'enabled', disabledReason: null });
  });

  it.each<WebhookDisableReason>(['gone', 'failing'])(
    'lets the platform’s dispatcher disable an endpoint for %s, with what it saw',
    (reason) => {
      spec
        .given([created])
        .when(disable(reason, WEBHOOK_DISPATCHER_ACTOR, 'the endpoint answered 410 Gone'))
        .then([disabledBy(reason, 'the endpoint answered 410 Gone')]);
    },
  );

  it('does not let the dispatcher disable as if it were the owner, nor enable or delete', () => {
    spec.given([created]).when(disable('by_owner', WEBHOOK_DISPATCHER_ACTOR)).thenThrows(NotFoundError, notFound);
    spec
      .given([created, disabledBy('gone')])
      .when(enable(WEBHOOK_DISPATCHER_ACTOR))
      .thenThrows(NotFoundError, notFound);
    spec.given([created]).when(remove(WEBHOOK_DISPATCHER_ACTOR)).thenThrows(NotFoundError, notFound);
  });

  it('is NOT_FOUND to another integrator, whatever the reason given', () => {
    spec.given([created]).when(disable('by_owner', otherIntegrator)).thenThrows(NotFoundError, notFound);
    spec.given([created]).when(disable('gone', otherIntegrator)).thenThrows(NotFoundError, notFound);
    spec
      .given([created, disabledBy('by_owner')])
      .when(enable(otherIntegrator))
      .thenThrows(NotFoundError, notFound);
  });

  it('refuses to disable twice (a second dispatcher, or the owner after the platform)', () => {
    spec
      .given([created, disabledBy('gone')])
      .when(disable('failing', WEBHOOK_DISPATCHER_ACTOR))
      .thenThrows(RuleViolationError, rule('webhook_endpoint_disabled'));
    spec
      .given([created, disabledBy('failing')])
      .when(disable())
      .thenThrows(RuleViolationError, rule('webhook_endpoint_disabled'));
  });

  it('refuses to enable an enabled endpoint', () => {
    spec.given([created]).when(enable()).thenThrows(RuleViolationError, rule('webhook_endpoint_enabled'));
    spec
      .given([created, disabledBy('gone'), enabled])
      .when(enable())
      .thenThrows(RuleViolationError, rule('webhook_endpoint_enabled'));
  });

  it('refuses an unknown reason, naming it', () => {
    spec
      .given([created])
      .when(disable('tired' as WebhookDisableReason))
      .thenThrows(InvalidInputError, fields('reason'));
  });

  it('is NOT_FOUND once deleted', () => {
    spec.given([created, deleted]).when(disable()).thenThrows(NotFoundError, notFound);
    spec.given([created, deleted]).when(disable('gone', WEBHOOK_DISPATCHER_ACTOR)).thenThrows(NotFoundError, notFound);
    spec
      .given([created, disabledBy('by_owner'), deleted])
      .when(enable())
      .thenThrows(NotFoundError, notFound);
  });
});

describe('DeleteWebhookEndpoint', () => {
  it('deletes for the owner, enabled or disabled', () => {
    spec.given([created]).when(remove()).then([deleted]);
    spec
      .given([created, disabledBy('gone')])
      .when(remove())
      .then([deleted]);
  });

  it('is NOT_FOUND to another integrator, and when deleted already', () => {
    spec.given([created]).when(remove(otherIntegrator)).thenThrows(NotFoundError, notFound);
    spec.given([created, deleted]).when(remove()).thenThrows(NotFoundError, notFound);
  });
});

describe('ReplayWebhookMessages and ResendWebhookMessage', () => {
  const from = new Date('2026-10-01T00:00:00.000Z');

  it('records a replay of a period', () => {
    const to = new Date('2026-10-08T00:00:00.000Z');
    spec
      .given([created])
      .when(replay(from, to))
      .then([
        {
          type: 'WebhookReplayRequested',
          schemaVersion: 1,
          data: {
            endpointId: ENDPOINT_ID,
            replayId: REPLAY_ID,
            from: '2026-10-01T00:00:00.000Z',
            to: '2026-10-08T00:00:00.000Z',
            messageId: null,
            requestedAt: '2026-11-03T09:00:00.000Z',
          },
        },
      ]);
  });

  it('takes a period of exactly 31 days', () => {
    const to = new Date(from.getTime() + WEBHOOK_LIMITS.maxReplayDays * 86_400_000);
    const [event] = webhookEndpointDecider.decide(
      parseWebhookEndpointCommand(replay(from, to), KNOWN),
      fold([created]),
    );
    expect(event?.data).toMatchObject({ to: '2026-11-01T00:00:00.000Z' });
  });

  it.each([
    ['to before from', new Date(from.getTime() - 1), 'must be after from'],
    ['to equal to from', from, 'must be after from'],
    [
      'longer than 31 days',
      new Date(from.getTime() + WEBHOOK_LIMITS.maxReplayDays * 86_400_000 + 1),
      `must be at most ${WEBHOOK_LIMITS.maxReplayDays} days after from`,
    ],
  ])('refuses %s, naming to', (_label, to, reason) => {
    const error = spec.given([created]).when(replay(from, to)).thenThrows(InvalidInputError, fields('to'));
    expect(error.problems[0]?.reason).toBe(reason);
  });

  it('refuses an invalid date, naming it', () => {
    spec
      .given([created])
      .when(replay(new Date(Number.NaN), from))
      .thenThrows(InvalidInputError, (e) => e.problems[0]?.field === 'from');
  });

  it('records a resend of one message', () => {
    spec
      .given([created])
      .when(resend())
      .then([
        {
          type: 'WebhookReplayRequested',
          schemaVersion: 1,
          data: {
            endpointId: ENDPOINT_ID,
            replayId: REPLAY_ID,
            from: null,
            to: null,
            messageId: MESSAGE_ID,
            requestedAt: '2026-11-03T09:00:00.000Z',
          },
        },
      ]);
  });

  it('is NOT_FOUND to another integrator, and once deleted', () => {
    const to = new Date('2026-10-08T00:00:00.000Z');
    spec
      .given([created])
      .when(replay(from, to, otherIntegrator))
      .thenThrows(NotFoundError, notFound);
    spec.given([created]).when(resend(otherIntegrator)).thenThrows(NotFoundError, notFound);
    spec.given([created, deleted]).when(resend()).thenThrows(NotFoundError, notFound);
  });
});
