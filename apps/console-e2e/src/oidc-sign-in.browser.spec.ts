import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { ensureKeycloak, KEYCLOAK_DEMO_PASSWORD } from '@pamoja/testing';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { catalogue, expectAccessible } from './console.js';
import { buildIfStale, startPlatform, type RunningPlatform } from './platform.js';

const fr = catalogue('fr');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/**
 * The console's origins the realm's `pamoja-console` client allows (its web origins, for the token
 * requests the console makes itself): the platform runs on the first of them that is free.
 */
const PORTS = [4690, 4691, 4692, 4693, 4694, 4695, 4696, 4697, 4698, 4699];
/** The NGO field worker of the demonstration realm (infra/keycloak/README.md). */
const FIELD_WORKER = { username: 'neema.field', agencyId: 'ngo-kivu-hope', role: 'field_worker' } as const;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () =>
      server.close(() => {
        resolve(true);
      }),
    );
  });
}

/** The platform as `npm start` runs it, its tokens from the provider, on a port the provider's client allows. */
async function startWithProvider(issuer: string): Promise<RunningPlatform> {
  for (const port of PORTS) {
    if (await isFree(port)) {
      return startPlatform({
        port,
        env: { PAMOJA_OIDC_ISSUER: issuer, PAMOJA_JWKS_URL: undefined, PAMOJA_JWT_ISSUER: undefined },
      });
    }
  }
  throw new Error(`no free port among ${PORTS.join(', ')} for the platform`);
}

describe("the console's sign-in through the identity provider (Keycloak), in a browser", () => {
  let issuer = '';
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`The browser tests need Chromium at ${CHROMIUM} (or CHROMIUM_PATH)`);
    const [started] = await Promise.all([ensureKeycloak(), buildIfStale()]);
    issuer = started;
    [platform, browser] = await Promise.all([
      startWithProvider(issuer),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--lang=fr-FR',
        ],
      }),
    ]);
  }, 600_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 30_000);

  const base = () => {
    if (!platform) throw new Error('the platform did not start');
    return platform.base;
  };

  /** One person's phone: its own storage, in French, in Kivu time. */
  const phone = async (): Promise<Page> => {
    if (!browser) throw new Error('the browser did not start');
    const context = await browser.newContext({
      baseURL: base(),
      viewport: { width: 412, height: 915 },
      locale: 'fr-FR',
      timezoneId: 'Africa/Lubumbashi',
    });
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    return context.newPage();
  };

  /** From the console's sign-in page to the provider's login form, filled and sent. */
  const signInAtProvider = async (page: Page, username: string, password: string) => {
    await page.getByRole('button', { name: fr('auth.oidc.submit') }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/protocol/openid-connect/auth`));
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(password);
    await page.locator('#kc-login').click();
  };

  it('offers the organisation’s account only, and passes axe', async () => {
    const config = (await (await fetch(`${base()}/auth/config`)).json()) as Record<string, unknown>;
    expect(config).toEqual({
      signIn: 'oidc',
      oidc: { issuer, clientId: 'pamoja-console', scopes: ['openid', 'profile'] },
    });
    const page = await phone();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: fr('auth.oidc.submit') }).waitFor();
    expect(await page.getByRole('combobox', { name: fr('signIn.agency'), exact: true }).count()).toBe(0);
    await expectAccessible(page, 'sign-in-oidc');
  });

  it('signs the field worker in at Keycloak, back where the link pointed, with the agency shown; renews silently; sign-out ends it there', async () => {
    // The outbox reads nothing from the API: the page shows the console's session as the sign-in left it.
    const page = await phone();
    // The page's clock, to move it on to the access token's renewal (time otherwise flows as usual).
    await page.clock.install();
    await page.goto('/outbox');
    await page.waitForURL(/\/sign-in\?next=%2Foutbox$/);
    await signInAtProvider(page, FIELD_WORKER.username, KEYCLOAK_DEMO_PASSWORD);

    await page.waitForURL(`${base()}/outbox`);
    await page.getByRole('heading', { level: 1, name: fr('outbox.title') }).waitFor({ state: 'visible' });
    // The agency by its name in the directory.
    const signedInAs = page.getByText(`Kivu Hope – équipe mobile de Masisi (${FIELD_WORKER.role})`);
    await signedInAs.waitFor({ state: 'visible' });
    // A real sign-in: no development banner.
    expect(await page.getByText(fr('signIn.developmentBanner')).count()).toBe(0);

    // The provider's tokens are this tab's (sessionStorage), never in localStorage.
    const kept = await page.evaluate(() => ({
      session: sessionStorage.getItem('pamoja.oidc.session'),
      local: JSON.stringify(Object.fromEntries(Object.entries(localStorage))),
    }));
    const signedIn = JSON.parse(kept.session ?? 'null') as {
      tokens: { accessToken: string; refreshToken: string };
    } | null;
    const refreshToken = signedIn?.tokens.refreshToken ?? '';
    expect(refreshToken).not.toBe('');
    expect(kept.local).not.toContain(refreshToken);
    const claims = JSON.parse(
      Buffer.from(signedIn?.tokens.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as { iss: string; aud: string | string[]; agency_id: string };
    expect(claims.iss).toBe(issuer);
    expect(claims.agency_id).toBe(FIELD_WORKER.agencyId);
    expect([claims.aud].flat()).toContain('pamoja-api');

    // A reload keeps the sign-in.
    await page.reload();
    await signedInAs.waitFor({ state: 'visible' });

    // Four minutes and ten seconds later (the realm's access tokens last five), the console has renewed
    // the access token at Keycloak with the refresh token, silently: still signed in, on the same page.
    const accessToken = signedIn?.tokens.accessToken ?? '';
    await page.clock.fastForward('04:10');
    await page.waitForFunction(
      (before) =>
        (
          JSON.parse(sessionStorage.getItem('pamoja.oidc.session') ?? 'null') as {
            tokens: { accessToken: string };
          } | null
        )?.tokens.accessToken !== before,
      accessToken,
    );
    const renewed = await page.evaluate(
      () =>
        (JSON.parse(sessionStorage.getItem('pamoja.oidc.session') ?? 'null') as { tokens: { accessToken: string } })
          .tokens.accessToken,
    );
    expect(renewed).not.toBe(accessToken);
    expect(JSON.parse(Buffer.from(renewed.split('.')[1] ?? '', 'base64url').toString('utf8'))).toMatchObject({
      iss: issuer,
      agency_id: FIELD_WORKER.agencyId,
    });
    expect(new URL(page.url()).pathname).toBe('/outbox');
    await signedInAs.waitFor({ state: 'visible' });

    // The API accepts the provider's token: the agency and its type are the directory's.
    const answer = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${renewed}` },
      body: JSON.stringify({ query: '{ outgoingReferrals { __typename } }' }),
    });
    expect(await answer.json()).toEqual({ data: { outgoingReferrals: { __typename: 'ReferralConnection' } } });

    // Signing out ends the session at the provider too: signing in again asks for the password.
    await signedInAs.click();
    await page.getByRole('button', { name: fr('nav.signOut') }).click();
    await page.waitForURL((url) => url.href.startsWith(`${base()}/sign-in`));
    expect(await page.evaluate(() => sessionStorage.getItem('pamoja.oidc.session'))).toBeNull();
    await page.getByRole('button', { name: fr('auth.oidc.submit') }).click();
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/protocol/openid-connect/auth`));
    await page.locator('#password').waitFor({ state: 'visible' });
  });

  it("keeps a wrong password on Keycloak's page, with its error", async () => {
    const page = await phone();
    await page.goto('/sign-in');
    await signInAtProvider(page, FIELD_WORKER.username, 'not-the-password');
    // Keycloak's own sentence, in the console's language (French).
    await page.getByText("Nom d'utilisateur ou mot de passe invalide.").waitFor({ state: 'visible' });
    expect(page.url().startsWith(issuer)).toBe(true);
    await page.locator('#password').waitFor({ state: 'visible' });
  });
});
