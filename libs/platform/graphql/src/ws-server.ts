import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
} from 'graphql';
import { type Context, type ServerOptions, type SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { RATE_LIMITED } from './rate-limit.js';

/** What a user may hold over WebSocket, and from where a browser may open a connection. */
export interface WebSocketLimits {
  /** The largest message, in bytes (the same as an HTTP body); a larger one closes the socket with 1009. */
  readonly maxMessageBytes: number;
  /** Open connections per user (per caller at the gateway); one more is closed with 4429. */
  readonly maxConnectionsPerUser: number;
  /** Active subscriptions per user, over all their connections; one more is refused with RATE_LIMITED. */
  readonly maxSubscriptionsPerUser: number;
  /**
   * Origins a browser may connect from, besides the service's own (the `Host` it was reached at). A request
   * without `Origin` (not a browser) is allowed; any other origin is refused with HTTP 403.
   */
  readonly allowedOrigins: readonly string[];
  /** Development: also any http(s)://localhost, 127.0.0.1 or [::1] origin. */
  readonly allowLocalhost: boolean;
}

/** Closes a connection over the user's cap: graphql-ws's "too many" code, on which its clients do not retry. */
const CLOSE_TOO_MANY_CONNECTIONS = 4429;

type ConnectionParams = Record<string, unknown> | undefined;
/** A graphql-ws connection: its parameters and the socket with its upgrade request. */
type WsContext = Context<ConnectionParams, Extra>;

/** What each transport (a service, the gateway) brings: who a connection is, and how it runs an operation. */
interface GraphqlWsHooks {
  /** The caller's key at `connection_init` (the same key the HTTP rate limit uses). */
  callerOf(ctx: WsContext): Promise<string> | string;
  /** The per-caller rate limit shared with HTTP: a refusal when over it. */
  admit(callerKey: string): GraphQLError | undefined;
  /** Parses and validates the operation with the transport's HTTP pipeline: execution arguments or refusals. */
  prepare(ctx: WsContext, id: string, payload: SubscribePayload): Promise<ExecutionArgs | readonly GraphQLError[]>;
  execute?: ServerOptions['execute'];
  subscribe?: ServerOptions['subscribe'];
  /** The API's error format (a code, a reason, never a stack trace). */
  formatError(error: GraphQLError): GraphQLFormattedError;
  /**
   * Asked before each result of a running subscription is sent: why the caller may no longer receive it
   * (its token expired, its agency was suspended), or undefined. A reason closes the connection.
   */
  refusalOf?(ctx: WsContext, args: ExecutionArgs): Promise<string | undefined>;
}

/** Closes a connection whose caller may no longer receive what it subscribed to (graphql-ws: Forbidden). */
const CLOSE_FORBIDDEN = 4403;

export interface GraphqlWsServer {
  dispose(): Promise<void>;
}

interface SocketState {
  readonly caller: string;
  readonly subscriptions: Set<string>;
}

const LOCALHOST = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a browser at `origin` may open a WebSocket to this service. */
export function originAllowed(origin: string | undefined, host: string | undefined, limits: WebSocketLimits): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  if (limits.allowLocalhost && LOCALHOST.has(url.hostname)) return true;
  return limits.allowedOrigins.includes(url.origin);
}

/**
 * graphql-ws on `path` of an HTTP server, with the limits of the HTTP API: messages no larger than an HTTP
 * body, an `Origin` allow-list checked at the upgrade, connections and subscriptions capped per user, and
 * every operation through the transport's own pipeline (rate limit, parse, validate) before it runs.
 */
export function serveGraphqlWs(
  server: Server,
  path: string,
  limits: WebSocketLimits,
  hooks: GraphqlWsHooks,
): GraphqlWsServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }, done) => {
      if (originAllowed(origin || undefined, req.headers.host, limits)) done(true);
      else done(false, 403, 'Origin not allowed');
    },
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      wss.emit('connection', ws, req);
    });
  };
  server.on('upgrade', onUpgrade);

  const states = new WeakMap<WebSocket, SocketState>();
  const connections = new Map<string, number>();
  const subscriptions = new Map<string, number>();
  const add = (counts: Map<string, number>, key: string, by: number): void => {
    const next = (counts.get(key) ?? 0) + by;
    if (next > 0) counts.set(key, next);
    else counts.delete(key);
  };
  const release = (state: SocketState | undefined, id: string): void => {
    if (state?.subscriptions.delete(id)) add(subscriptions, state.caller, -1);
  };
  const refusal = (message: string, reason: string): GraphQLError =>
    new GraphQLError(message, { extensions: { code: RATE_LIMITED, reason } });

  const cleanup = useServer<ConnectionParams>(
    {
      ...(hooks.execute ? { execute: hooks.execute } : {}),
      ...(hooks.subscribe ? { subscribe: hooks.subscribe } : {}),
      onConnect: async (ctx) => {
        const caller = await hooks.callerOf(ctx);
        if ((connections.get(caller) ?? 0) >= limits.maxConnectionsPerUser) {
          ctx.extra.socket.close(
            CLOSE_TOO_MANY_CONNECTIONS,
            `too many connections for this user (at most ${limits.maxConnectionsPerUser})`,
          );
          return false;
        }
        add(connections, caller, 1);
        states.set(ctx.extra.socket, { caller, subscriptions: new Set() });
        return true;
      },
      onClose: (ctx) => {
        const state = states.get(ctx.extra.socket);
        if (!state) return;
        states.delete(ctx.extra.socket);
        add(connections, state.caller, -1);
        for (const id of [...state.subscriptions]) release(state, id);
      },
      onSubscribe: async (ctx, id, payload) => {
        const state = states.get(ctx.extra.socket);
        if (!state) return [new GraphQLError('connection not initialised')];
        const limited = hooks.admit(state.caller);
        if (limited) return [limited];
        const prepared = await hooks.prepare(ctx, id, payload);
        if (Array.isArray(prepared)) return prepared as readonly GraphQLError[];
        const args = prepared as ExecutionArgs;
        const operation = getOperationAST(args.document, args.operationName)?.operation;
        if (operation === OperationTypeNode.SUBSCRIPTION) {
          if ((subscriptions.get(state.caller) ?? 0) >= limits.maxSubscriptionsPerUser) {
            return [
              refusal(
                `too many subscriptions for this user (at most ${limits.maxSubscriptionsPerUser}): complete one first`,
                'subscriptions_per_user',
              ),
            ];
          }
          state.subscriptions.add(id);
          add(subscriptions, state.caller, 1);
        }
        return args;
      },
      onComplete: (ctx, id) => {
        release(states.get(ctx.extra.socket), id);
      },
      onError: (ctx, id, _payload, errors) => {
        release(states.get(ctx.extra.socket), id);
        return errors.map((e) => hooks.formatError(e));
      },
      // Errors of an operation that ran get the API's format too (a code, the fields at fault). A running
      // subscription delivers only while its caller may still act: a suspended agency or an expired token
      // closes the connection before the next result leaves.
      onNext: async (ctx, _id, _payload, args, result) => {
        const refused = hooks.refusalOf ? await hooks.refusalOf(ctx, args) : undefined;
        if (refused !== undefined) {
          ctx.extra.socket.close(CLOSE_FORBIDDEN, refused.slice(0, 120));
          return {
            errors: [hooks.formatError(new GraphQLError(refused, { extensions: { code: 'UNAUTHENTICATED' } }))],
          };
        }
        return result.errors ? { ...result, errors: result.errors.map((e) => hooks.formatError(e)) } : undefined;
      },
    },
    wss,
  );

  return {
    async dispose() {
      server.off('upgrade', onUpgrade);
      await cleanup.dispose();
      await new Promise<void>((resolve) => {
        wss.close(() => {
          resolve();
        });
      });
    },
  };
}
