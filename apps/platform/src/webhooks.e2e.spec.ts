import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { type AgencyType } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { ACCEPT, submit, submitInput, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * Webhooks as an integrator lives them: a receiver on loopback (allowed explicitly, as an operator would for
 * a test), subscriptions made through the API, signatures checked with the Standard Webhooks reference
 * library, failures answered by the receiver and a clock the platform reads moved past each retry.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}
const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const FIZI_POLICE: Agency = { agencyId: 'pnc-fizi', agencyType: 'police', role: 'investigator' };
const INTEGRATOR: Agency = { agencyId: 'traceability-demo', agencyType: 'integrator', role: 'integrator' };
const OTHER_INTEGRATOR: Agency = { agencyId: 'buyer-due-diligence', agencyType: 'integrator', role: 'integrator' };

const SUBMITTED = 'pamoja.referrals.ReferralSubmitted.v1';
const ACCEPTED = 'pamoja.referrals.ReferralAccepted.v1';
const SUMMARY = 'Chantal Mukendi says the pit boss at shaft 7 keeps her voter card';

class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An integrator's receiver: records every request, answers what the test scripted per path (200 by default). */
class Receiver {
  readonly received: Received[] = [];
  private readonly scripted = new Map<string, { status: number; headers?: Record<string, string> }[]>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = this.scripted.get(path)?.shift() ?? { status: 200 };
        res.writeHead(answer.status, answer.headers).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answers to requests on `path`, in order. */
  answer(path: string, ...answers: { status: number; headers?: Record<string, string> }[]): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...answers]);
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }
}

async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpointId status revision replayed secret } }`;
const ROTATE = `mutation($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) { endpointId revision secret } }`;
const ENABLE = `mutation($input: WebhookEndpointCommandInput!) { enableWebhookEndpoint(input: $input) { status } }`;
const REPLAY = `mutation($input: ReplayWebhookMessagesInput!) { replayWebhookMessages(input: $input) { revision } }`;
const RESEND = `mutation($input: ResendWebhookMessageInput!) { resendWebhookMessage(input: $input) { revision } }`;
const ENDPOINT = `query($id: ID!, $filter: WebhookMessagesFilter) { webhookEndpoint(endpointId: $id) {
  endpointId url status disabledReason disabledDetail failingSince lastSuccessAt pausedUntil
  secrets { secretId validUntil }
  messages(filter: $filter) { nodes { messageId eventId eventType state attempts nextAttemptAt deliveredAt replayOf
    attemptLog { attempt statusCode error } } } } }`;

interface Message {
  messageId: string;
  eventId: string;
  eventType: string;
  state: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  replayOf: string | null;
  attemptLog: { attempt: number; statusCode: number | null; error: string | null }[];
}
interface Endpoint {
  endpointId: string;
  url: string;
  status: 'ENABLED' | 'DISABLED';
  disabledReason: string | null;
  disabledDetail: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  pausedUntil: string | null;
  secrets: { secretId: string; validUntil: string | null }[];
  messages: { nodes: Message[] };
}

describe('webhooks: an integrator subscribes, receives signed CloudEvents in order, and sees every attempt', () => {
  const clock = new MovableClock();
  const receiver = new Receiver();
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-webhooks-e2e',
    env: { PAMOJA_WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32' },
    overrides: () => [{ provide: CLOCK, useValue: clock }],
  });
  const as = (agency: Agency): GraphqlTestClient => platform.as({ ...agency, roles: [agency.role] });
  // Known to the directory before the platform starts (the harness registers the agencies named now).
  for (const agency of [NGO, POLICE, FIZI_POLICE, INTEGRATOR, OTHER_INTEGRATOR]) as(agency);
  const create = async (input: Record<string, unknown>, agency = INTEGRATOR) =>
    (
      await as(agency).ok<{
        createWebhookEndpoint: {
          endpointId: string;
          status: string;
          revision: number;
          replayed: boolean;
          secret: string;
        };
      }>(CREATE, { input: { commandId: randomUUID(), ...input } })
    ).createWebhookEndpoint;
  const endpoint = async (endpointId: string, filter?: Record<string, unknown>) =>
    (await as(INTEGRATOR).ok<{ webhookEndpoint: Endpoint }>(ENDPOINT, { id: endpointId, filter })).webhookEndpoint;
  const verified = (secret: string, r: Received) =>
    new Webhook(secret).verify(r.body, {
      'webhook-id': String(r.headers['webhook-id']),
      'webhook-timestamp': String(r.headers['webhook-timestamp']),
      'webhook-signature': String(r.headers['webhook-signature']),
    }) as { id: string; type: string; data: Record<string, unknown>; jointcaseid?: string };
  const accept = (referralId: string) => as(POLICE).ok(ACCEPT, { input: { commandId: randomUUID(), referralId } });

  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  let main = { endpointId: '', secret: '' };

  it('delivers each event of a case once, signed, in log order, as the catalogue’s CloudEvent and nothing more', async () => {
    main = await create({
      url: `${receiver.url}/main`,
      eventTypes: [SUBMITTED, ACCEPTED],
      description: 'Due diligence',
    });
    expect(main.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const { referralId, jointCaseId } = (await submit(as(NGO), submitInput({ summary: SUMMARY }))) as {
      referralId: string;
      jointCaseId: string;
    };
    await accept(referralId);

    const requests = await eventually(
      () => receiver.on('/main'),
      (r) => r.length >= 2,
    );
    const events = requests.map((r) => verified(main.secret, r));
    expect(events.map((e) => e.type)).toEqual([SUBMITTED, ACCEPTED]);
    expect(events.every((e) => e.jointcaseid === jointCaseId)).toBe(true);
    expect(events[0]?.data).toMatchObject({ referralId, siteCode: 'NK-MAS-014' });
    expect(requests[0]?.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    // Never free text or personal data: the summary and the name in it stay with the agencies.
    for (const r of requests) {
      expect(r.body).not.toContain('Chantal');
      expect(r.body).not.toContain('voter card');
    }

    const log = await eventually(
      () => endpoint(main.endpointId),
      (e) => e.messages.nodes.length === 2 && e.messages.nodes.every((m) => m.state === 'DELIVERED'),
    );
    expect(log.messages.nodes.map((m) => m.eventType)).toEqual([ACCEPTED, SUBMITTED]); // newest first
    expect(log.messages.nodes.map((m) => m.messageId).sort()).toEqual(
      requests.map((r) => String(r.headers['webhook-id'])).sort(),
    );
    expect(log.messages.nodes[0]?.attemptLog).toEqual([{ attempt: 1, statusCode: 200, error: null }]);
    expect(log.lastSuccessAt).not.toBeNull();
    // Nothing twice, however often the dispatcher looks.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.on('/main')).toHaveLength(2);
  });

  it('sends an endpoint that filters by site only the events placed there, a case’s later events included', async () => {
    const fizi = await create({
      url: `${receiver.url}/fizi`,
      eventTypes: [SUBMITTED, ACCEPTED],
      siteCodes: ['SK-FIZ-001'],
    });
    await submit(as(NGO), submitInput({ summary: 'Masisi' }));
    const there = await submit(
      as(NGO),
      submitInput({ site: { code: 'SK-FIZ-001' }, toAgencyId: FIZI_POLICE.agencyId, summary: 'Fizi' }),
    );
    await as(FIZI_POLICE).ok(ACCEPT, { input: { commandId: randomUUID(), referralId: there.referralId } });
    const requests = await eventually(
      () => receiver.on('/fizi'),
      (r) => r.length >= 2,
    );
    const events = requests.map((r) => verified(fizi.secret, r));
    expect(events.map((e) => [e.type, e.data['referralId']])).toEqual([
      [SUBMITTED, there.referralId],
      [ACCEPTED, there.referralId],
    ]);
  });

  it('signs with the old and the new secret through the grace period of a rotation, then with the new only', async () => {
    const { rotateWebhookSecret } = await as(INTEGRATOR).ok<{ rotateWebhookSecret: { secret: string } }>(ROTATE, {
      input: { commandId: randomUUID(), endpointId: main.endpointId, gracePeriodHours: 1 },
    });
    const fresh = rotateWebhookSecret.secret;
    expect(fresh).not.toBe(main.secret);
    const { secrets } = await endpoint(main.endpointId);
    expect(secrets).toHaveLength(2);
    expect(secrets.filter((s) => s.validUntil === null)).toHaveLength(1);

    const before = receiver.on('/main').length;
    await submit(as(NGO), submitInput());
    const [during] = (
      await eventually(
        () => receiver.on('/main'),
        (r) => r.length > before,
      )
    ).slice(before);
    expect(String(during?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(fresh, during!).type).toBe(SUBMITTED);
    expect(verified(main.secret, during!).type).toBe(SUBMITTED);

    clock.advance(2 * 3_600_000);
    const after = receiver.on('/main').length;
    await submit(as(NGO), submitInput());
    const [later] = (
      await eventually(
        () => receiver.on('/main'),
        (r) => r.length > after,
      )
    ).slice(after);
    expect(verified(fresh, later!).type).toBe(SUBMITTED);
    expect(() => verified(main.secret, later!)).toThrow();
    main = { ...main, secret: fresh };
  });

  it('retries after Retry-After on a 503, holds the case’s next event behind it, and logs each attempt', async () => {
    const slow = await create({ url: `${receiver.url}/slow`, eventTypes: [SUBMITTED, ACCEPTED] });
    receiver.answer('/slow', { status: 503, headers: { 'retry-after': '600' } });
    const { referralId } = await submit(as(NGO), submitInput());
    await eventually(
      () => receiver.on('/slow'),
      (r) => r.length === 1,
    );
    await accept(referralId);

    const waiting = await eventually(
      () => endpoint(slow.endpointId),
      (e) => e.messages.nodes.length === 2 && e.pausedUntil !== null,
    );
    const [acceptedMessage, submittedMessage] = waiting.messages.nodes;
    expect(submittedMessage).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(submittedMessage?.attemptLog).toEqual([{ attempt: 1, statusCode: 503, error: null }]);
    expect(new Date(submittedMessage!.nextAttemptAt!).getTime()).toBeGreaterThanOrEqual(
      clock.now().getTime() + 590_000,
    );
    expect(acceptedMessage).toMatchObject({ state: 'PENDING', attempts: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.on('/slow')).toHaveLength(1);

    clock.advance(11 * 60_000);
    const requests = await eventually(
      () => receiver.on('/slow'),
      (r) => r.length === 3,
    );
    expect(requests.map((r) => verified(slow.secret, r).type)).toEqual([SUBMITTED, SUBMITTED, ACCEPTED]);
    // A retry is the same message: the same webhook-id, for the receiver to deduplicate.
    expect(requests[1]?.headers['webhook-id']).toBe(requests[0]?.headers['webhook-id']);
    const done = await eventually(
      () => endpoint(slow.endpointId),
      (e) => e.messages.nodes.every((m) => m.state === 'DELIVERED'),
    );
    expect(done.messages.nodes[1]?.attemptLog.map((a) => a.statusCode)).toEqual([503, 200]);
    expect(done.failingSince).toBeNull();
  });

  it('disables an endpoint that answers 410 Gone, tells its owner why, and sends what waited once enabled', async () => {
    const gone = await create({ url: `${receiver.url}/gone`, eventTypes: [SUBMITTED] });
    receiver.answer('/gone', { status: 410 });
    await submit(as(NGO), submitInput());
    const disabled = await eventually(
      () => endpoint(gone.endpointId),
      (e) => e.status === 'DISABLED',
    );
    expect(disabled.disabledReason).toBe('GONE');
    expect(disabled.disabledDetail).toContain('410');
    await submit(as(NGO), submitInput());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.on('/gone')).toHaveLength(1);

    await as(INTEGRATOR).ok(ENABLE, { input: { commandId: randomUUID(), endpointId: gone.endpointId } });
    await eventually(
      () => receiver.on('/gone'),
      (r) => r.length === 2,
    );
    const back = await endpoint(gone.endpointId);
    expect(back).toMatchObject({ status: 'ENABLED', disabledReason: null });
    // The one that waited went; what happened while disabled was not made for it.
    expect(back.messages.nodes.map((m) => m.state)).toEqual(['DELIVERED']);
  });

  it('replays a period and resends one message under new ids that record their origin', async () => {
    const before = await endpoint(main.endpointId);
    const originals = before.messages.nodes.filter((m) => m.replayOf === null);
    const count = receiver.on('/main').length;
    await as(INTEGRATOR).ok(REPLAY, {
      input: {
        commandId: randomUUID(),
        endpointId: main.endpointId,
        from: new Date(clock.now().getTime() - 86_400_000).toISOString(),
        to: new Date(clock.now().getTime() + 60_000).toISOString(),
      },
    });
    const replayed = (
      await eventually(
        () => receiver.on('/main'),
        (r) => r.length === count + originals.length,
      )
    ).slice(count);
    const ids = replayed.map((r) => String(r.headers['webhook-id']));
    expect(ids.some((id) => originals.some((m) => m.messageId === id))).toBe(false);
    expect(replayed.map((r) => verified(main.secret, r).id).sort()).toEqual(originals.map((m) => m.eventId).sort());

    const one = originals[0]!;
    await as(INTEGRATOR).ok(RESEND, {
      input: { commandId: randomUUID(), endpointId: main.endpointId, messageId: one.messageId },
    });
    const log = await eventually(
      () => endpoint(main.endpointId, { first: 200 }),
      (e) => e.messages.nodes.filter((m) => m.replayOf === one.messageId).length === 2,
    );
    expect(log.messages.nodes.filter((m) => m.replayOf !== null)).toHaveLength(originals.length + 1);
  });

  it('loses nothing in a restart: a message waiting for its retry goes once the platform is back, under the same id', async () => {
    const restart = await create({ url: `${receiver.url}/restart`, eventTypes: [SUBMITTED] });
    receiver.answer('/restart', { status: 500 });
    await submit(as(NGO), submitInput());
    await eventually(
      () => receiver.on('/restart'),
      (r) => r.length === 1,
    );
    await platform.shutdown();
    // An event recorded while nobody dispatches, the moment the platform is back.
    await platform.start();
    await submit(as(NGO), submitInput());
    clock.advance(60_000);
    const requests = await eventually(
      () => receiver.on('/restart'),
      (r) => r.length === 3,
    );
    // The retry is the message tried before the restart, under its id; the new event is another message.
    const firstId = requests[0]?.headers['webhook-id'];
    expect(requests.filter((r) => r.headers['webhook-id'] === firstId)).toHaveLength(2);
    expect(requests.map((r) => verified(restart.secret, r).type)).toEqual([SUBMITTED, SUBMITTED, SUBMITTED]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.on('/restart')).toHaveLength(3);
    const log = await endpoint(restart.endpointId);
    expect(log.messages.nodes.map((m) => m.state)).toEqual(['DELIVERED', 'DELIVERED']);
  });

  it('disables an endpoint with no successful delivery for five days', async () => {
    const down = await create({ url: `${receiver.url}/down`, eventTypes: [SUBMITTED] });
    receiver.answer('/down', ...Array.from({ length: 10 }, () => ({ status: 500 })));
    await submit(as(NGO), submitInput());
    await eventually(
      () => receiver.on('/down'),
      (r) => r.length === 1,
    );
    const failing = await endpoint(down.endpointId);
    expect(failing.failingSince).not.toBeNull();
    expect(failing.status).toBe('ENABLED');
    clock.advance(5 * 86_400_000 + 60_000);
    const off = await eventually(
      () => endpoint(down.endpointId),
      (e) => e.status === 'DISABLED',
    );
    expect(off.disabledReason).toBe('FAILING');
    expect(off.disabledDetail).toMatch(/no delivery succeeded since .*HTTP 500/);
  });

  it('refuses bad subscriptions naming the field, and private targets, and creates nothing', async () => {
    const count = (await as(INTEGRATOR).ok<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { endpointId } }'))
      .webhookEndpoints.length;
    const refused = async (input: Record<string, unknown>) => {
      const result = await as(INTEGRATOR).request(CREATE, { input: { commandId: randomUUID(), ...input } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return result.errors?.[0]?.extensions?.['fields'];
    };
    expect(await refused({ url: 'ftp://example.org/hook', eventTypes: [SUBMITTED] })).toEqual([
      { field: 'url', reason: 'must be an http or https URL' },
    ]);
    expect(await refused({ url: 'https://example.org/hook', eventTypes: ['pamoja.referrals.Nothing.v1'] })).toEqual([
      {
        field: 'eventTypes',
        reason: 'pamoja.referrals.Nothing.v1 is not an integration event type (see webhookEventTypes)',
      },
    ]);
    expect(await refused({ url: 'http://169.254.169.254/latest/meta-data', eventTypes: [SUBMITTED] })).toEqual([
      { field: 'url', reason: 'must not be a private, loopback, link-local or reserved address' },
    ]);
    expect(await refused({ url: 'http://[::1]:8080/', eventTypes: [SUBMITTED] })).toEqual([
      { field: 'url', reason: 'must not be a private, loopback, link-local or reserved address' },
    ]);
    const after = (await as(INTEGRATOR).ok<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { endpointId } }'))
      .webhookEndpoints.length;
    expect(after).toBe(count);
  });

  it('keeps each integrator to its own endpoints, and webhooks to integrators', async () => {
    const other = as(OTHER_INTEGRATOR);
    const read = await other.request(ENDPOINT, { id: main.endpointId });
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const disable = await other.request(
      `mutation($input: WebhookEndpointCommandInput!) { disableWebhookEndpoint(input: $input) { status } }`,
      { input: { commandId: randomUUID(), endpointId: main.endpointId } },
    );
    expect(disable.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(
      (await other.ok<{ webhookEndpoints: unknown[] }>('{ webhookEndpoints { endpointId } }')).webhookEndpoints,
    ).toEqual([]);
    const police = await as(POLICE).request(CREATE, {
      input: { commandId: randomUUID(), url: 'https://example.org/hook', eventTypes: [SUBMITTED] },
    });
    expect(police.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The case API stays closed to integrators.
    const queue = await as(INTEGRATOR).request('{ incomingReferrals { nodes { referralId } } }');
    expect(queue.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await endpoint(main.endpointId)).status).toBe('ENABLED');
  });
});
