import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { migrate, PostgresDatabase } from '@pamoja/event-store';
import { type WebhookEndpointEvent } from '@pamoja/integrations/domain';
import { createTemporaryDatabase, passesFilter, type ProjectionEvent, recordEvents } from '@pamoja/testing';
import { SqlWebhookDeliveries } from './sql-webhook-deliveries.js';
import { SqlWebhooksReadModel } from './sql-webhooks-read-model.js';
import { WEBHOOK_OUTBOX_SCHEMA, webhookMessageIdFor, webhookOutboxProjection } from './webhook-outbox.projection.js';

/*
 * The webhook outbox on a real PostgreSQL (a database of its own, dropped afterwards): which endpoints a
 * published event makes messages for, what a rebuild does to them, and how the dispatcher leases them. The
 * tests run in order on one outbox, as a dispatcher would go through it: the rebuild comes after deliveries.
 */

const SUBMITTED = 'pamoja.referrals.ReferralSubmitted.v1';
const ACCEPTED = 'pamoja.referrals.ReferralAccepted.v1';
const STATUS_CHANGED = 'pamoja.sites.MineSiteStatusChanged.v1';
const TYPES = [SUBMITTED, ACCEPTED, STATUS_CHANGED];

const CASE_MASISI = '0a5b3c1d-2e4f-4a6b-8c7d-9e0f1a2b3c4d';
const CASE_FIZI = '1b6c4d2e-3f50-4b7c-9d8e-0f1a2b3c4d5e';

const ENDPOINT = {
  all: '11111111-0000-5000-8000-000000000001',
  fizi: '11111111-0000-5000-8000-000000000002',
  northKivu: '11111111-0000-5000-8000-000000000003',
  disabled: '11111111-0000-5000-8000-000000000004',
  deleted: '11111111-0000-5000-8000-000000000005',
} as const;

const integrator = { userId: 'traceability-1', agencyId: 'traceability-demo', agencyType: 'integrator', roles: [] };

function endpointEvent(event: WebhookEndpointEvent): ProjectionEvent {
  return {
    type: event.type,
    data: event.data,
    streamId: `webhook-${event.data.endpointId}`,
    actor: integrator,
  } as ProjectionEvent;
}

function created(endpointId: string, filter: { provinces?: string[]; siteCodes?: string[] } = {}): ProjectionEvent {
  return endpointEvent({
    type: 'WebhookEndpointCreated',
    schemaVersion: 1,
    data: {
      endpointId,
      agencyId: 'traceability-demo',
      secretId: `secret-of-${endpointId}`,
      url: `https://hooks.example.org/${endpointId}`,
      description: null,
      eventTypes: TYPES,
      provinces: (filter.provinces ?? []) as never[],
      siteCodes: filter.siteCodes ?? [],
      createdAt: '2026-03-01T07:00:00.000Z',
    },
  });
}

const site = (siteId: string, code: string, province: string): ProjectionEvent => ({
  type: 'MineSiteRegistered',
  streamId: `site-${siteId}`,
  data: {
    siteId,
    code,
    name: `Site ${code}`,
    province,
    territory: province === 'north_kivu' ? 'masisi' : 'fizi',
    minerals: ['coltan'],
    latitude: -1.5,
    longitude: 28.8,
    status: 'blue',
    registeredAt: '2026-03-01T07:00:00.000Z',
    byAgencyId: 'saemape-nk',
  },
});

const submitted = (referralId: string, jointCaseId: string, siteCode: string): ProjectionEvent => ({
  type: 'ReferralSubmitted',
  schemaVersion: 2,
  streamId: `referral-${referralId}`,
  jointCaseId,
  data: {
    referralId,
    jointCaseId,
    jointCase: 'opened',
    subject: { isChild: false },
    childProtectionBasis: false,
    site: { code: siteCode, description: null },
    indicators: ['debt_bondage'],
    childLabourFlags: [],
    urgency: 'urgent',
    fromAgencyId: 'ngo-kivu-hope',
    fromAgencyType: 'first_responder',
    toAgencyId: 'pnc-masisi',
    toAgencyType: 'police',
    submittedAt: '2026-03-01T08:00:00.000Z',
    dueBy: '2026-03-06T08:00:00.000Z',
    summary: 'Chantal says the pit boss keeps her voter card',
  },
});

const accepted = (referralId: string, jointCaseId: string): ProjectionEvent => ({
  type: 'ReferralAccepted',
  streamId: `referral-${referralId}`,
  jointCaseId,
  data: { referralId, byAgencyId: 'pnc-masisi', acceptedAt: '2026-03-01T09:00:00.000Z', note: 'Seen her at the post' },
});

const LOG: RecordedEvent[] = recordEvents([
  site('s-masisi', 'NK-MAS-014', 'north_kivu'),
  site('s-fizi', 'SK-FIZ-001', 'south_kivu'),
  created(ENDPOINT.all),
  created(ENDPOINT.fizi, { siteCodes: ['SK-FIZ-001'] }),
  created(ENDPOINT.northKivu, { provinces: ['north_kivu'] }),
  created(ENDPOINT.disabled),
  endpointEvent({
    type: 'WebhookEndpointDisabled',
    schemaVersion: 1,
    data: { endpointId: ENDPOINT.disabled, reason: 'by_owner', detail: null, disabledAt: '2026-03-01T07:30:00.000Z' },
  }),
  created(ENDPOINT.deleted),
  endpointEvent({
    type: 'WebhookEndpointDeleted',
    schemaVersion: 1,
    data: { endpointId: ENDPOINT.deleted, deletedAt: '2026-03-01T07:30:00.000Z' },
  }),
  submitted('r-masisi', CASE_MASISI, 'NK-MAS-014'),
  submitted('r-fizi', CASE_FIZI, 'SK-FIZ-001'),
  // Names no site: placed at the site its joint case was first placed at.
  accepted('r-masisi', CASE_MASISI),
  accepted('r-fizi', CASE_FIZI),
  // Names the site by id only.
  {
    type: 'MineSiteStatusChanged',
    streamId: 'site-s-fizi',
    data: {
      siteId: 's-fizi',
      from: 'blue',
      to: 'red',
      reason: 'children seen at the washing point',
      remediationDeadline: null,
      changedAt: '2026-03-01T10:00:00.000Z',
      byAgencyId: 'saemape-sk',
    },
  },
]);

const eventOf = (type: string, referralId?: string): RecordedEvent => {
  const found = LOG.find(
    (e) =>
      e.type === type && (referralId === undefined || (e.data as { referralId?: string }).referralId === referralId),
  );
  if (!found) throw new Error(`no ${type} in the log`);
  return found;
};

/** After every event of the log: well past each message's first attempt. */
const LATER = new Date('2026-03-02T08:00:00.000Z');

describe('the webhook outbox on PostgreSQL', () => {
  const projection = webhookOutboxProjection();
  let temporary: { url: string; drop: () => Promise<void> };
  let db: PostgresDatabase;
  let deliveries: SqlWebhookDeliveries;
  let readModel: SqlWebhooksReadModel;

  const apply = async (events: readonly RecordedEvent[]) => {
    for (const event of events.filter((e) => passesFilter(projection.filter, e))) {
      await db.transaction((tx) => projection.apply(tx, event));
    }
  };
  const messages = () =>
    db.query<{ message_id: string; endpoint_id: string; event_id: string; event_type: string; state: string }>(
      `SELECT message_id, endpoint_id, event_id, event_type, state FROM ${WEBHOOK_OUTBOX_SCHEMA}.messages ORDER BY seq`,
    );
  const typesFor = async (endpointId: string) =>
    (await readModel.messages(endpointId, { limit: 100 })).map((m) => m.eventType).reverse();

  beforeAll(async () => {
    temporary = await createTemporaryDatabase('webhook_outbox');
    db = new PostgresDatabase({ connectionString: temporary.url, applicationName: 'webhook-outbox-spec' });
    await migrate(db, projection.schema, projection.migrations);
    deliveries = new SqlWebhookDeliveries(db);
    readModel = new SqlWebhooksReadModel(db);
    await apply(LOG);
  });

  afterAll(async () => {
    await db.close();
    await temporary.drop();
  });

  it('makes one message per matching endpoint, in log order', async () => {
    expect(await typesFor(ENDPOINT.all)).toEqual([SUBMITTED, SUBMITTED, ACCEPTED, ACCEPTED, STATUS_CHANGED]);
    const forAll = [...(await readModel.messages(ENDPOINT.all, { limit: 100 }))].reverse();
    expect(forAll.map((m) => m.eventId)).toEqual([
      eventOf('ReferralSubmitted', 'r-masisi').eventId,
      eventOf('ReferralSubmitted', 'r-fizi').eventId,
      eventOf('ReferralAccepted', 'r-masisi').eventId,
      eventOf('ReferralAccepted', 'r-fizi').eventId,
      eventOf('MineSiteStatusChanged').eventId,
    ]);
    expect(forAll.every((m) => m.state === 'pending' && m.attempts === 0 && m.replayOf === null)).toBe(true);
  });

  it('makes none for a disabled or a deleted endpoint', async () => {
    const rows = await messages();
    expect(rows.filter((m) => m.endpoint_id === ENDPOINT.disabled)).toEqual([]);
    expect(rows.filter((m) => m.endpoint_id === ENDPOINT.deleted)).toEqual([]);
  });

  it('filters by site: the events naming it, the later events of cases placed there, a status change by site id', async () => {
    expect(await typesFor(ENDPOINT.fizi)).toEqual([SUBMITTED, ACCEPTED, STATUS_CHANGED]);
    const fizi = await readModel.messages(ENDPOINT.fizi, { limit: 100 });
    expect(fizi.filter((m) => m.jointCaseId !== null).every((m) => m.jointCaseId === CASE_FIZI)).toBe(true);
  });

  it('filters by province through the site’s province, the joint case’s first site included', async () => {
    const northKivu = await readModel.messages(ENDPOINT.northKivu, { limit: 100 });
    expect(northKivu.map((m) => [m.eventType, m.jointCaseId]).reverse()).toEqual([
      [SUBMITTED, CASE_MASISI],
      [ACCEPTED, CASE_MASISI],
    ]);
  });

  it('sends the catalogue’s CloudEvent: no free text, no personal data', async () => {
    const [message] = await readModel.messages(ENDPOINT.fizi, { limit: 1, state: 'pending' });
    const body = JSON.parse(message!.payload) as Record<string, unknown>;
    expect(body).toMatchObject({
      specversion: '1.0',
      id: eventOf('MineSiteStatusChanged').eventId,
      type: STATUS_CHANGED,
      source: '/pamoja/sites-service',
      data: { siteId: 's-fizi', to: 'red' },
    });
    const all = (await messages()).map((m) => m.message_id);
    for (const id of all) {
      const payload = (
        await db.query<{ payload: string }>(
          `SELECT payload FROM ${WEBHOOK_OUTBOX_SCHEMA}.messages WHERE message_id = $1`,
          [id],
        )
      )[0]!.payload;
      expect(payload).not.toContain('Chantal');
      expect(payload).not.toContain('voter card');
      expect(payload).not.toContain('washing point');
      expect(payload).not.toContain('Seen her');
    }
  });

  it('derives each message id from the endpoint and the event', async () => {
    const rows = await messages();
    expect(rows.every((m) => m.message_id === webhookMessageIdFor(m.endpoint_id, m.event_id))).toBe(true);
  });

  describe('leasing', () => {
    it('leases at most one message per endpoint and case, the first of each', async () => {
      const leased = await deliveries.leaseDue(LATER, 60_000, 100);
      const rows = await messages();
      const eventIdOf = (messageId: string) => rows.find((m) => m.message_id === messageId)?.event_id;
      const forAll = leased.filter((m) => m.endpointId === ENDPOINT.all).map((m) => eventIdOf(m.messageId));
      // Case Masisi's and case Fizi's submissions, and the site's status change (a stream of its own).
      expect(forAll.sort()).toEqual(
        [
          eventOf('ReferralSubmitted', 'r-masisi').eventId,
          eventOf('ReferralSubmitted', 'r-fizi').eventId,
          eventOf('MineSiteStatusChanged').eventId,
        ].sort(),
      );
      expect(leased.find((m) => m.endpointId === ENDPOINT.all)).toMatchObject({
        url: `https://hooks.example.org/${ENDPOINT.all}`,
        attempts: 0,
        secretIds: [`secret-of-${ENDPOINT.all}`],
      });
      // While leased, nothing of these cases is leased again, the later messages included.
      expect(await deliveries.leaseDue(LATER, 60_000, 100)).toEqual([]);
      for (const message of leased) await deliveries.release(message.messageId);
    });

    it('holds a case’s later message until the earlier is delivered', async () => {
      const submittedId = webhookMessageIdFor(ENDPOINT.northKivu, eventOf('ReferralSubmitted', 'r-masisi').eventId);
      const acceptedId = webhookMessageIdFor(ENDPOINT.northKivu, eventOf('ReferralAccepted', 'r-masisi').eventId);
      const first = (await deliveries.leaseDue(LATER, 60_000, 100)).filter((m) => m.endpointId === ENDPOINT.northKivu);
      expect(first.map((m) => m.messageId)).toEqual([submittedId]);
      // A failure with a later attempt keeps the case's next message waiting.
      await deliveries.record({
        messageId: submittedId,
        endpointId: ENDPOINT.northKivu,
        attempt: 1,
        attemptedAt: LATER,
        statusCode: 404,
        error: null,
        durationMs: 12,
        delivered: false,
        nextAttemptAt: new Date(LATER.getTime() + 5_000),
        pauseEndpointUntil: null,
      });
      const meanwhile = await deliveries.leaseDue(LATER, 60_000, 100);
      expect(meanwhile.filter((m) => m.endpointId === ENDPOINT.northKivu)).toEqual([]);
      for (const message of meanwhile) await deliveries.release(message.messageId);

      const retry = new Date(LATER.getTime() + 10_000);
      const again = (await deliveries.leaseDue(retry, 60_000, 100)).filter((m) => m.endpointId === ENDPOINT.northKivu);
      expect(again).toEqual([expect.objectContaining({ messageId: submittedId, attempts: 1 })]);
      await deliveries.record({
        messageId: submittedId,
        endpointId: ENDPOINT.northKivu,
        attempt: 2,
        attemptedAt: retry,
        statusCode: 200,
        error: null,
        durationMs: 9,
        delivered: true,
        nextAttemptAt: null,
        pauseEndpointUntil: null,
      });
      const next = await deliveries.leaseDue(retry, 60_000, 100);
      expect(next.filter((m) => m.endpointId === ENDPOINT.northKivu).map((m) => m.messageId)).toEqual([acceptedId]);
      for (const message of next) await deliveries.release(message.messageId);
      expect((await readModel.attempts(submittedId)).map((a) => a.statusCode)).toEqual([404, 200]);
    });

    it('never gives the same message to two leases running at once', async () => {
      const now = new Date(LATER.getTime() + 60_000);
      const due = await deliveries.leaseDue(now, 60_000, 100);
      for (const message of due) await deliveries.release(message.messageId);
      expect(due.length).toBeGreaterThan(2);

      const rounds = await Promise.all(Array.from({ length: 4 }, () => deliveries.leaseDue(now, 60_000, 100)));
      const ids = rounds.flat().map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(due.map((m) => m.messageId).sort());
      for (const id of ids) await deliveries.release(id);
    });
  });

  it('makes no new message on a rebuild, and keeps what was delivered', async () => {
    const before = await messages();
    const delivered = before.filter((m) => m.state === 'delivered');
    expect(delivered).toHaveLength(1);
    const attemptsBefore = await db.query(
      `SELECT * FROM ${WEBHOOK_OUTBOX_SCHEMA}.attempts ORDER BY message_id, attempt`,
    );

    await db.transaction((tx) => projection.reset(tx));
    await apply(LOG);

    const after = await messages();
    expect(after).toEqual(before);
    expect(await db.query(`SELECT * FROM ${WEBHOOK_OUTBOX_SCHEMA}.attempts ORDER BY message_id, attempt`)).toEqual(
      attemptsBefore,
    );
    expect(await readModel.health(ENDPOINT.northKivu)).toMatchObject({ failingSince: null });
    // The subscriptions and secrets the rebuild made again lease what still waits, and only that.
    const acceptedId = webhookMessageIdFor(ENDPOINT.northKivu, eventOf('ReferralAccepted', 'r-masisi').eventId);
    const leased = await deliveries.leaseDue(new Date(LATER.getTime() + 120_000), 60_000, 100);
    expect(leased.filter((m) => m.endpointId === ENDPOINT.northKivu)).toEqual([
      expect.objectContaining({ messageId: acceptedId, secretIds: [`secret-of-${ENDPOINT.northKivu}`] }),
    ]);
    for (const message of leased) await deliveries.release(message.messageId);
  });
});

describe('the webhook outbox applied a page at a time', () => {
  const projection = webhookOutboxProjection();
  // The log above, then an endpoint disabled between two runs, a second site under a code already known in
  // another province, and cases placed through it.
  const PAGED_LOG = recordEvents([
    ...LOG,
    endpointEvent({
      type: 'WebhookEndpointDisabled',
      schemaVersion: 1,
      data: { endpointId: ENDPOINT.fizi, reason: 'by_owner', detail: null, disabledAt: '2026-03-01T11:00:00.000Z' },
    }),
    site('s-other', 'NK-MAS-014', 'south_kivu'),
    submitted('r-later', CASE_FIZI, 'NK-MAS-014'),
    accepted('r-later', CASE_FIZI),
    submitted('r-new', '2c7d5e3f-4061-4c8d-8e9f-1a2b3c4d5e6f', 'SK-FIZ-001'),
    accepted('r-new', '2c7d5e3f-4061-4c8d-8e9f-1a2b3c4d5e6f'),
  ]).filter((e) => passesFilter(projection.filter, e));
  let temporary: { url: string; drop: () => Promise<void> };
  let db: PostgresDatabase;

  beforeAll(async () => {
    temporary = await createTemporaryDatabase('webhook_outbox_pages');
    db = new PostgresDatabase({ connectionString: temporary.url, applicationName: 'webhook-outbox-pages-spec' });
    await migrate(db, projection.schema, projection.migrations);
  });

  afterAll(async () => {
    await db.close();
    await temporary.drop();
  });

  /** Every row the projection writes; messages in the order they were made, without the number that orders them. */
  const rows = async () => {
    const table = (name: string, order: string) =>
      db.query(`SELECT * FROM ${WEBHOOK_OUTBOX_SCHEMA}.${name} ORDER BY ${order}`);
    return {
      sites: await table('sites', 'site_id'),
      caseSites: await table('case_sites', 'joint_case_id'),
      subscriptions: await table('subscriptions', 'endpoint_id'),
      secrets: await table('secrets', 'endpoint_id, secret_id'),
      messages: (await table('messages', 'seq')).map(({ seq: _seq, ...message }) => message),
    };
  };
  const empty = () =>
    db.exec(
      `TRUNCATE ${['subscriptions', 'secrets', 'sites', 'case_sites', 'messages', 'attempts', 'endpoint_health']
        .map((t) => `${WEBHOOK_OUTBOX_SCHEMA}.${t}`)
        .join(', ')}`,
    );

  it('makes the same messages, sites and case places in pages of any size as one event at a time', async () => {
    for (const event of PAGED_LOG) await db.transaction((tx) => projection.apply(tx, event));
    const expected = await rows();
    // The disabled endpoint gets nothing after it was disabled; the second site's cases reach the endpoints
    // of its own province, as the table answers for a code two sites share.
    expect(expected.messages.length).toBeGreaterThan(10);
    expect(expected.sites).toHaveLength(3);

    for (const size of [PAGED_LOG.length, 5, 2, 1]) {
      await empty();
      for (let start = 0; start < PAGED_LOG.length; start += size) {
        await db.transaction(
          (tx) => projection.applyPage?.(tx, PAGED_LOG.slice(start, start + size)) ?? Promise.resolve(),
        );
      }
      expect({ size, rows: await rows() }).toEqual({ size, rows: expected });
    }
  });
});
