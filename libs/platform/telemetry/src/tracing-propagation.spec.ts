import { describe, expect, it } from '@jest/globals';
import { isTracedPath, setupTracing, traceContextFrom, traceHeaders, withSpan } from './tracing.js';

/*
 * A process without an exporter (no OTEL_EXPORTER_OTLP_ENDPOINT): nothing is recorded of its own accord, but a
 * caller's sampled trace is passed on, so the services after it (and a collector they export to) see one trace.
 */

describe('tracing without an exporter', () => {
  // Whatever the environment running the tests says.
  delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  delete process.env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  const tracing = setupTracing({ serviceName: 'pamoja-propagation-spec' });

  it('exports nothing', () => {
    expect(tracing.exporting).toBe(false);
  });

  it('records no span for work nobody asked to trace, and passes no sampled trace on', async () => {
    await withSpan('command SubmitReferral', {}, (span) => {
      expect(span.isRecording()).toBe(false);
      expect(traceHeaders().traceparent).toMatch(/-00$/);
    });
  });

  it("continues a caller's sampled trace: the same trace id goes out, with the caller's tracestate", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const caller = traceContextFrom({ traceparent: `00-${traceId}-00f067aa0ba902b7-01`, tracestate: 'vendor=1' });
    await withSpan(
      'mutation Submit',
      {},
      (span) => {
        const out = traceHeaders();
        expect(out.traceparent).toBe(`00-${traceId}-${span.spanContext().spanId}-01`);
        expect(out.tracestate).toBe('vendor=1');
      },
      { parent: caller },
    );
  });

  it('traces the API and the feeds, not probes, scrapes or the console', () => {
    expect(['/graphql', '/feeds/sites.atom', '/feeds/sites/NK-MAS-014.json'].map(isTracedPath)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['/health', '/health/ready', '/metrics', '/', '/referrals/r-1', '/graphqlx'].map(isTracedPath)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
