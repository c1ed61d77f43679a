import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { PlatformMetrics } from '@pamoja/platform/telemetry';
import { gatewayOperations } from './operations.js';

/** A stand-in agency service: answers its liveness probe with `status`. */
async function service(status: number): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/health/live' ? status : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const urlOf = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

describe("the gateway's operations endpoints", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  });

  /** The gateway's handler on a server of its own; what falls through answers 418, to see it did. */
  async function gatewayWith(subgraphs: { name: string; url: string }[]): Promise<string> {
    const handler = gatewayOperations(subgraphs, new PlatformMetrics('pamoja-gateway-spec'));
    const server = createServer((req, res) => {
      handler(req, res, () => {
        res.writeHead(418).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('is ready when every subgraph answers, and names the one that does not', async () => {
    const referrals = await service(200);
    const sites = await service(200);
    servers.push(referrals, sites);
    const gateway = await gatewayWith([
      { name: 'referrals', url: urlOf(referrals) },
      { name: 'sites', url: urlOf(sites) },
    ]);
    expect((await fetch(`${gateway}/health/ready`)).status).toBe(200);

    const sitesUrl = urlOf(sites);
    await new Promise<void>((resolve) => {
      sites.close(() => {
        resolve();
      });
    });
    servers.splice(servers.indexOf(sites), 1);
    const gatewayWithoutSites = await gatewayWith([
      { name: 'referrals', url: urlOf(referrals) },
      { name: 'sites', url: sitesUrl },
    ]);
    const notReady = await fetch(`${gatewayWithoutSites}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: 'error',
      details: { subgraphs: { status: 'down', notAnswering: ['sites'] } },
    });
    // Liveness asks nothing of the subgraphs.
    expect((await fetch(`${gatewayWithoutSites}/health/live`)).status).toBe(200);
  });

  it('counts a subgraph that answers with an error as not answering', async () => {
    const failing = await service(500);
    servers.push(failing);
    const gateway = await gatewayWith([{ name: 'coordination', url: urlOf(failing) }]);
    const response = await fetch(`${gateway}/health/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      details: { subgraphs: { notAnswering: ['coordination'] } },
    });
  });

  it("serves the process's metrics with its service label, and leaves every other path to the gateway", async () => {
    const gateway = await gatewayWith([]);
    const metrics = await fetch(`${gateway}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/^process_cpu_seconds_total\{service="pamoja-gateway-spec"\} /m);
    expect((await fetch(`${gateway}/graphql`)).status).toBe(418);
    expect((await fetch(`${gateway}/`)).status).toBe(418);
  });
});
