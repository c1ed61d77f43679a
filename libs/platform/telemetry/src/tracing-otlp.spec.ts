import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { flushTraces, otlpExportRequested, setupTracing, withSpan } from './tracing.js';

/*
 * Where spans go: OTLP over HTTP to the collector the standard variables name, and nowhere otherwise. The
 * collector here is a stand-in on loopback that keeps what it receives.
 */

describe('when spans are exported', () => {
  it('exports over OTLP when an endpoint is set and OTEL_TRACES_EXPORTER does not say none', () => {
    expect(otlpExportRequested({})).toBe(false);
    expect(otlpExportRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(otlpExportRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(
      otlpExportRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'otlp' }),
    ).toBe(true);
    expect(
      otlpExportRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }),
    ).toBe(false);
    expect(otlpExportRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
    expect(otlpExportRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe(false);
  });
});

describe('a process with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  const requests: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const collector: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    collector.closeAllConnections();
    await new Promise<void>((resolve) => {
      collector.close(() => {
        resolve();
      });
    });
  });

  it('sends its spans, named after the service, to the collector at /v1/traces when flushed', async () => {
    const tracing = setupTracing({ serviceName: 'pamoja-otlp-spec' });
    expect(tracing.exporting).toBe(true);
    await withSpan('command SubmitReferral', { 'pamoja.command.type': 'SubmitReferral' }, () => undefined);
    await flushTraces();
    const sent = requests.filter((request) => request.path === '/v1/traces');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain('pamoja-otlp-spec');
    expect(sent[0]?.body).toContain('command SubmitReferral');
    // A second set-up in the same process is the first one.
    expect(setupTracing({ serviceName: 'another' })).toBe(tracing);
  });
});
