import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadAgencyServiceConfig, loadConfig, loadRelayConfig } from './platform-config.js';

const server = { mode: 'server', serviceName: 't' } as const;
const DATABASE_URL = 'postgres://pamoja@127.0.0.1:5432/pamoja';

function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('where the log is kept (PAMOJA_EVENT_STORE, KURRENTDB_URL)', () => {
  it('keeps it in PostgreSQL unless told otherwise', () => {
    expect(loadConfig({ DATABASE_URL }, server)).toMatchObject({ eventStore: 'postgres', kurrentDbUrl: undefined });
  });

  it('keeps it in KurrentDB in server mode, for the services and the relay alike', () => {
    const env = { DATABASE_URL, PAMOJA_EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'esdb://127.0.0.1:2113?tls=false' };
    const expected = { eventStore: 'kurrentdb', kurrentDbUrl: 'esdb://127.0.0.1:2113?tls=false' };
    expect(loadConfig(env, server)).toMatchObject(expected);
    expect(loadRelayConfig(env)).toMatchObject(expected);
    expect(loadAgencyServiceConfig({ ...env, PAMOJA_SERVICE: 'referrals' }, ['referrals']).config).toMatchObject(
      expected,
    );
  });

  it('refuses KurrentDB without its URL, outside server mode, and anything but the two stores', () => {
    expect(problemsOf(() => loadConfig({ DATABASE_URL, PAMOJA_EVENT_STORE: 'kurrentdb' }, server))).toEqual([
      'KURRENTDB_URL is required with PAMOJA_EVENT_STORE=kurrentdb',
    ]);
    expect(
      problemsOf(() =>
        loadConfig(
          { PAMOJA_EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'esdb://127.0.0.1:2113' },
          { mode: 'embedded', serviceName: 't' },
        ),
      ),
    ).toEqual(['PAMOJA_EVENT_STORE=kurrentdb needs PAMOJA_MODE=server: the embedded mode keeps its log in PGlite']);
    expect(problemsOf(() => loadConfig({ DATABASE_URL, PAMOJA_EVENT_STORE: 'eventstore' }, server))).toEqual([
      'PAMOJA_EVENT_STORE must be postgres or kurrentdb, not eventstore',
    ]);
    expect(
      problemsOf(() =>
        loadConfig({ DATABASE_URL, PAMOJA_EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'http://127.0.0.1:2113' }, server),
      ),
    ).toEqual([expect.stringContaining('KURRENTDB_URL')]);
  });
});
