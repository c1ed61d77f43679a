import { type SubgraphEndpoint } from '@pamoja/gateway';
import { operationsEndpoints, PlatformMetrics, type ReadinessReport } from '@pamoja/platform/telemetry';
import { type NodeHandler } from '@pamoja/platform/web';

/** A subgraph's liveness, beside its GraphQL endpoint: `http://host:port/graphql` → `http://host:port/health/live`. */
function livenessUrl(subgraph: SubgraphEndpoint): string {
  return new URL('/health/live', subgraph.url).toString();
}

/**
 * The gateway is ready when every subgraph answers its liveness probe within `timeoutMs`: it can forward
 * what it is asked. Whether a service is itself ready (its read models level with the log) is that service's
 * own readiness, watched on it.
 */
export async function subgraphReadiness(
  subgraphs: readonly SubgraphEndpoint[],
  timeoutMs = 2000,
): Promise<ReadinessReport> {
  const findings = await Promise.all(
    subgraphs.map(async (subgraph): Promise<[string, ReadinessReport['checks'][string]]> => {
      try {
        const response = await fetch(livenessUrl(subgraph), { signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        return [
          subgraph.name,
          response.ok ? { status: 'up' } : { status: 'down', error: `answered HTTP ${response.status}` },
        ];
      } catch (error) {
        return [subgraph.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
  const down = findings.filter(([, finding]) => finding.status === 'down').map(([name]) => name);
  return {
    ready: down.length === 0,
    checks: {
      subgraphs: {
        status: down.length === 0 ? 'up' : 'down',
        ...(down.length > 0 ? { notAnswering: down } : {}),
        subgraphs: Object.fromEntries(findings),
      },
    },
  };
}

/** `/metrics`, `/health/live` and `/health/ready` of the gateway, in front of everything else it serves. */
export function gatewayOperations(
  subgraphs: readonly SubgraphEndpoint[],
  metrics = new PlatformMetrics('pamoja-gateway'),
): NodeHandler {
  const answer = operationsEndpoints(metrics, () => subgraphReadiness(subgraphs));
  return (req, res, next) => {
    if (!answer(req, res)) next();
  };
}
