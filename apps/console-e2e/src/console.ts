import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildIfStale, ROOT, startPlatform, type PlatformOptions, type RunningPlatform } from './platform.js';

/** The demo's agencies (as the seed and the development sign-in name them), one person each. */
export const AGENCIES = {
  ngo: { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' },
  police: { agencyId: 'pnc-pmh-masisi', agencyType: 'police', role: 'investigator' },
  prosecutor: { agencyId: 'parquet-goma', agencyType: 'prosecutor', role: 'prosecutor' },
  assistance: { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' },
  mining: { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' },
  coordination: { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' },
  /** An auditor of the coordination body: the audit trail is read by role, whatever the agency. */
  auditor: { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'auditor' },
} as const;
export type AgencyName = keyof typeof AGENCIES;

export const LANGUAGES = ['fr', 'sw', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? 'dist/screenshots';
/** A phone of the kind the people in the field carry. */
const PHONE = { width: 412, height: 915 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Session {
  readonly token: string;
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly roles: readonly string[];
  readonly expiresAt: string;
  readonly development: boolean;
}

export interface GraphqlAnswer<T> {
  readonly data?: T;
  readonly errors?: readonly { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface ConsoleUnderTest {
  /** The platform's origin, e.g. http://127.0.0.1:41234. */
  readonly base: () => string;
  readonly browser: () => Browser;
  /**
   * A new browser context (its own storage: one person's phone), already signed in as `as` when
   * given (the session the sign-in page keeps), showing `path` in `language`.
   */
  readonly open: (options: { as?: AgencyName; path?: string; language?: Language }) => Promise<Page>;
  /** A development token of the agency's person, as the console's sign-in gets it. */
  readonly token: (as: AgencyName) => Promise<string>;
  /** GraphQL as the agency's person; throws on errors. */
  readonly graphql: <T>(as: AgencyName, query: string, variables?: Record<string, unknown>) => Promise<T>;
  /** GraphQL as the agency's person, the errors included. */
  readonly graphqlAnswer: <T>(
    as: AgencyName,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphqlAnswer<T>>;
}

function launchFailure(error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `The browser tests need Chromium at ${CHROMIUM} (or set CHROMIUM_PATH).\n` +
      `Install it on Debian or Ubuntu with: apt-get install chromium\n(${reason})`,
  );
}

/**
 * One platform (started as `npm start` starts it, on its own port and data directory) and one
 * Chromium for the test file, both stopped after it; each test's browser contexts are closed after it.
 * `options` are the platform's (its settings, e.g. an allowance a test needs).
 */
export function useConsole(options: PlatformOptions = {}): ConsoleUnderTest {
  let platform: RunningPlatform | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const tokens = new Map<AgencyName, Promise<string>>();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw launchFailure(new Error(`${CHROMIUM} does not exist`));
    await buildIfStale();
    const [started, launched] = await Promise.all([
      startPlatform(options),
      chromium
        .launch({
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
        })
        .catch((error: unknown) => {
          throw launchFailure(error);
        }),
    ]);
    platform = started;
    browser = launched;
  }, 360_000);

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

  const session = async (as: AgencyName): Promise<Session> => {
    const { agencyId, agencyType, role } = AGENCIES[as];
    const token = await tokenOf(as);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub: string;
      exp: number;
    };
    return {
      token,
      userId: claims.sub,
      agencyId,
      agencyType,
      roles: [role],
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      development: true,
    };
  };

  const tokenOf = (as: AgencyName): Promise<string> => {
    let token = tokens.get(as);
    if (!token) {
      const { agencyId, agencyType, role } = AGENCIES[as];
      token = fetch(`${base()}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agencyId, agencyType, roles: [role] }),
      }).then(async (response) => {
        const body = (await response.json()) as { token?: string };
        if (!body.token) throw new Error(`no development token for ${agencyId}: ${JSON.stringify(body)}`);
        return body.token;
      });
      tokens.set(as, token);
    }
    return token;
  };

  const graphqlAnswer = async <T>(
    as: AgencyName,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlAnswer<T>> => {
    const response = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(as)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlAnswer<T>;
  };

  return {
    base,
    browser: () => {
      if (!browser) throw new Error('the browser did not start');
      return browser;
    },
    token: tokenOf,
    graphqlAnswer,
    graphql: async <T>(as: AgencyName, query: string, variables?: Record<string, unknown>) => {
      const answer = await graphqlAnswer<T>(as, query, variables);
      if (answer.errors?.length || !answer.data) throw new Error(`GraphQL as ${as}: ${JSON.stringify(answer.errors)}`);
      return answer.data;
    },
    open: async ({ as, path = '/', language }) => {
      if (!browser) throw new Error('the browser did not start');
      const storage = [
        ...(as ? [{ name: 'pamoja.session', value: JSON.stringify(await session(as)) }] : []),
        ...(language ? [{ name: 'pamoja.language', value: language }] : []),
      ];
      const context = await browser.newContext({
        baseURL: base(),
        viewport: PHONE,
        locale: 'fr-FR',
        timezoneId: 'Africa/Lubumbashi',
        storageState: { cookies: [], origins: [{ origin: base(), localStorage: storage }] },
      });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      return page;
    },
  };
}

interface AxeResult {
  readonly violations: readonly {
    readonly id: string;
    readonly impact: string | null;
    readonly help: string;
    readonly nodes: readonly { readonly target: unknown }[];
  }[];
}

/**
 * axe-core on the page as it is now (WCAG 2.1 A and AA and best practice): fails listing every
 * serious or critical violation, with the elements it found them on.
 */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  await settled(page);
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<AxeResult>(
    `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })`,
  );
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${view}: ${v.id} (${v.impact ?? ''}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  expect(serious).toEqual([]);
}

/** Switches the console's language with the header's select, and waits for the page to say it. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.getByTestId('language-switch').selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

/** The page has its heading and nothing on it still loads. */
export async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
}

/** Presses Tab until the element has the focus (at most 60 times): how a keyboard user gets there. */
export async function tabTo(target: Locator): Promise<void> {
  const page = target.page();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await target.and(page.locator(':focus')).count()) === 1) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** A screenshot of the whole page into SCREENSHOT_DIR (dist/screenshots unless set), as <name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = isAbsolute(SCREENSHOTS) ? SCREENSHOTS : join(ROOT, SCREENSHOTS);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await settled(page);
  await page.screenshot({ path, fullPage: true, caret: 'hide', animations: 'disabled' });
  return path;
}

/** Screenshots of the view in French, Swahili and English (the language is left as it was). */
export async function screenshotInEveryLanguage(page: Page, view: string): Promise<void> {
  const before = ((await page.locator('html').getAttribute('lang')) ?? 'fr') as Language;
  for (const language of LANGUAGES) {
    await switchLanguage(page, language);
    await screenshot(page, `${view}.${language}`);
  }
  await switchLanguage(page, before);
}

/**
 * The console's catalogue in one language, read from its message files: the tests find elements by
 * the names a person reads, in that language.
 */
export function catalogue(language: Language): (key: string) => string {
  const dir = join(ROOT, 'apps', 'console', 'src', 'i18n', 'messages', language);
  const messages: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    Object.assign(messages, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, string>);
  }
  return (key) => {
    const message = messages[key];
    if (message === undefined) throw new Error(`no message ${key} in the ${language} catalogue`);
    return message;
  };
}
