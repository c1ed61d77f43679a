import { render, type RenderResult } from '@testing-library/react';
import { type ReactElement } from 'react';
import { vi } from 'vitest';
import { type Language } from '../i18n/catalogue';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider, type Session } from '../session/session';

/** A signed-in person for component tests (the token is not verified in the browser). */
export function testSession(overrides: Partial<Session> = {}): Session {
  return {
    token: 'test-token',
    userId: 'ngo-kivu-hope-user',
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    roles: ['field_worker'],
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    development: true,
    ...overrides,
  };
}

/** Renders a component as the console does: a language, a session. */
export function renderConsole(
  ui: ReactElement,
  options: { language?: Language; session?: Session } = {},
): RenderResult {
  return render(
    <I18nProvider language={options.language ?? 'en'}>
      <SessionProvider initial={options.session ?? testSession()}>{ui}</SessionProvider>
    </I18nProvider>,
  );
}

export interface GraphqlCall {
  readonly operationName: string | undefined;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/**
 * Answers the console's GraphQL requests in a component test: `answer` gets each call (its operation
 * name is read from the document) and returns the response body, or throws to act as a lost link.
 */
export function mockGraphql(answer: (call: GraphqlCall) => unknown): { calls: GraphqlCall[] } {
  const calls: GraphqlCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> };
      const call: GraphqlCall = {
        operationName: /(?:query|mutation|subscription)\s+(\w+)/.exec(body.query)?.[1],
        query: body.query,
        variables: body.variables,
      };
      calls.push(call);
      try {
        const response = answer(call);
        return Promise.resolve(
          new Response(JSON.stringify(response), { headers: { 'content-type': 'application/json' } }),
        );
      } catch (error) {
        return Promise.reject(error instanceof Error ? new TypeError(error.message) : new TypeError('offline'));
      }
    }),
  );
  return { calls };
}
