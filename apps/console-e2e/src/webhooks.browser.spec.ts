import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { referral } from './chain.js';
import { AGENCIES, catalogue, expectAccessible, useConsole, type ConsoleUnderTest } from './console.js';

const fr = catalogue('fr');
const SUBMITTED = 'pamoja.referrals.ReferralSubmitted.v1';
/** An integrator of the demo directory: webhooks are theirs alone. */
const INTEGRATOR = { agencyId: 'traceability-demo', agencyType: 'integrator', role: 'integrator' } as const;

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The integrator's receiver, on loopback (which the platform of this file is allowed to reach). */
class Receiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.server)
        this.server.close(() => {
          resolve();
        });
      else resolve();
    });
  }
}

/** The integrator's person signed in on a phone of their own, as the development sign-in leaves them. */
async function openAsIntegrator(app: ConsoleUnderTest, path: string): Promise<Page> {
  const response = await fetch(`${app.base()}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      agencyId: INTEGRATOR.agencyId,
      agencyType: INTEGRATOR.agencyType,
      roles: [INTEGRATOR.role],
    }),
  });
  const { token } = (await response.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
    exp: number;
  };
  const session = {
    token,
    userId: claims.sub,
    agencyId: INTEGRATOR.agencyId,
    agencyType: INTEGRATOR.agencyType,
    roles: [INTEGRATOR.role],
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    development: true,
  };
  const context = await app.browser().newContext({
    baseURL: app.base(),
    locale: 'fr-FR',
    timezoneId: 'Africa/Lubumbashi',
    storageState: {
      cookies: [],
      origins: [{ origin: app.base(), localStorage: [{ name: 'pamoja.session', value: JSON.stringify(session) }] }],
    },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

describe('webhooks in the console', () => {
  const receiver = new Receiver();
  const app = useConsole({ env: { PAMOJA_WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32' } });
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('an integrator subscribes, keeps the secret shown once, and sees a referral’s event delivered, signed', async () => {
    const page = await openAsIntegrator(app, '/webhooks');
    await page
      .getByRole('link', { name: fr('webhooks.nav') })
      .first()
      .waitFor();
    await page.getByText(fr('webhooks.list.none')).waitFor();
    await expectAccessible(page, 'webhooks');

    await page.getByRole('link', { name: fr('webhooks.new') }).click();
    await page.getByRole('checkbox', { name: SUBMITTED }).waitFor();
    await expectAccessible(page, 'webhooks-new');
    await page.getByRole('textbox', { name: fr('webhooks.field.url') }).fill(`${receiver.url}/pamoja`);
    await page.getByRole('textbox', { name: fr('webhooks.field.description') }).fill('Traçabilité');
    await page.getByRole('checkbox', { name: SUBMITTED }).check();
    await page.getByRole('button', { name: fr('webhooks.create.submit') }).click();

    const secretBox = page.getByTestId('webhook-secret');
    await secretBox.waitFor();
    const secret = await secretBox.getByRole('textbox', { name: fr('webhooks.secret.label') }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page, 'webhooks-secret');
    // Nowhere on the device: not in its storage, not in the outbox's IndexedDB.
    const kept = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('pamoja-console');
        open.onsuccess = () => {
          resolve(open.result);
        };
        open.onerror = () => {
          reject(open.error ?? new Error('no database'));
        };
      });
      const all = (store: string) =>
        new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => {
            resolve(request.result as unknown[]);
          };
        });
      return JSON.stringify([
        await all('outbox'),
        await all('snapshots'),
        Object.entries(localStorage),
        Object.entries(sessionStorage),
      ]);
    });
    expect(kept).not.toContain('whsec_');

    await secretBox.getByRole('button', { name: fr('webhooks.secret.done') }).click();
    await page.getByRole('heading', { level: 2, name: `${receiver.url}/pamoja` }).waitFor();

    const { referralId } = await referral(app, {
      consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
      toAgencyId: AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      summary: 'Un creuseur retenu pour dette au puits 3',
    });

    // The log as the integrator reads it, read again until the delivery is there.
    const delivered = page.getByTestId('webhook-message').filter({ hasText: fr('webhooks.messageState.DELIVERED') });
    for (let tries = 0; (await delivered.count()) === 0; tries++) {
      if (tries > 60) throw new Error(`no delivery shown; the receiver got ${String(receiver.received.length)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByTestId('webhook-status').waitFor();
    }
    await expect(delivered.first().textContent()).resolves.toContain(SUBMITTED);
    await expectAccessible(page, 'webhooks-endpoint');

    // What the receiver got is signed with the secret shown once, and names the referral, never its summary.
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const event = new Webhook(secret).verify(request?.body ?? '', {
      'webhook-id': String(request?.headers['webhook-id']),
      'webhook-timestamp': String(request?.headers['webhook-timestamp']),
      'webhook-signature': String(request?.headers['webhook-signature']),
    }) as { type: string; data: { referralId: string } };
    expect(event.type).toBe(SUBMITTED);
    expect(event.data.referralId).toBe(referralId);
    expect(request?.body).not.toContain('creuseur');
  }, 180_000);
});
