import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  parseServerTiming,
  SERVER_TIMING_HEADER,
  SERVER_TIMING_PHASES,
  serverTiming,
  timedPhase,
} from './server-timing.js';

describe('Server-Timing: where a request’s time went', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const middleware = serverTiming({ ignore: (path) => path !== '/graphql' });
    server = createServer((req, res) => {
      middleware(req, res, () => {
        const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? '0');
        void (async () => {
          await timedPhase(SERVER_TIMING_PHASES.store, () => sleep(ms));
          await timedPhase(SERVER_TIMING_PHASES.wait, () => sleep(ms * 2));
          // A phase met twice adds up.
          await timedPhase(SERVER_TIMING_PHASES.store, () => sleep(ms));
          res.setHeader('content-type', 'application/json');
          res.end('{}');
        })();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('names each phase the request went through and its total, each request its own', async () => {
    // Two at once: each answer carries its own request's durations, not the other's.
    const [slow, quick] = await Promise.all([fetch(`${base}/graphql?ms=60`), fetch(`${base}/graphql?ms=5`)]);
    const slowPhases = parseServerTiming(slow.headers.get(SERVER_TIMING_HEADER));
    const quickPhases = parseServerTiming(quick.headers.get(SERVER_TIMING_HEADER));
    expect([...slowPhases.keys()]).toEqual(['store', 'wait', 'total']);
    expect(slowPhases.get('store')).toBeGreaterThanOrEqual(115);
    expect(slowPhases.get('wait')).toBeGreaterThanOrEqual(115);
    expect(slowPhases.get('total')).toBeGreaterThanOrEqual(
      (slowPhases.get('store') ?? 0) + (slowPhases.get('wait') ?? 0),
    );
    expect(quickPhases.get('store')).toBeLessThan(60);
    expect(quickPhases.get('total')).toBeLessThan(slowPhases.get('total') ?? 0);
  });

  it('leaves other paths alone, and outside a request only runs the work', async () => {
    const other = await fetch(`${base}/health?ms=1`);
    expect(other.headers.get(SERVER_TIMING_HEADER)).toBeNull();
    await expect(timedPhase(SERVER_TIMING_PHASES.audit, () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('reads a header as a client does, skipping what it cannot read', () => {
    expect([...parseServerTiming('checks;dur=1.5, store;desc="x";dur=3, cache, wait;dur=abc, total;dur=10')]).toEqual([
      ['checks', 1.5],
      ['store', 3],
      ['total', 10],
    ]);
    expect(parseServerTiming(null).size).toBe(0);
  });
});
