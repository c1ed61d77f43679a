import { type Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { formatGraphqlError } from './format-error.js';
import { OperationPipeline } from './operation-pipeline.js';
import { callerKeyOf } from './rate-limit.js';
import { type RequestContext } from './request-context.js';
import { serveGraphqlWs, type GraphqlWsServer, type WebSocketLimits } from './ws-server.js';

/** How a WebSocket connection's parameters become the request context resolvers see (token, purpose). */
export interface WsContextFactory {
  (connectionParams: Readonly<Record<string, unknown>> | undefined): Promise<RequestContext>;
}
export const WS_CONTEXT_FACTORY = Symbol.for('pamoja.WsContextFactory');
export const WS_LIMITS = Symbol.for('pamoja.WebSocketLimits');

/**
 * Subscriptions (and any operation a client sends over WebSocket) on `/graphql`, through the same
 * pipeline as HTTP: the same rate-limit bucket per user, the same parser and validation rules. The
 * platform runs graphql-ws itself rather than through the GraphQL module, whose WebSocket server takes
 * neither a message size limit nor an Origin check.
 */
@Injectable()
export class GraphqlWsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('GraphQL');
  private server: GraphqlWsServer | undefined;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly pipeline: OperationPipeline,
    @Inject(WS_CONTEXT_FACTORY) private readonly contextOf: WsContextFactory,
    @Inject(WS_LIMITS) private readonly limits: WebSocketLimits,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter.getHttpServer() as Server | undefined;
    if (!httpServer) return;
    const report = (error: unknown): void => {
      this.logger.error(error instanceof Error ? error.stack : error);
    };
    this.server = serveGraphqlWs(httpServer, '/graphql', this.limits, {
      callerOf: async (ctx) => {
        const { actor } = await this.contextOf(ctx.connectionParams);
        // Without a valid token nothing runs (UNAUTHENTICATED); such connections still count, per address.
        return actor ? callerKeyOf(actor) : `address:${ctx.extra.request.socket.remoteAddress ?? 'unknown'}`;
      },
      admit: (caller) => this.pipeline.admit(caller),
      prepare: async (ctx, _id, payload) => {
        const schema = this.schemaHost.schema;
        const prepared = await this.pipeline.prepare(schema, payload.query);
        if ('errors' in prepared) return prepared.errors;
        return {
          schema,
          document: prepared.document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: await this.contextOf(ctx.connectionParams),
        };
      },
      formatError: (error: GraphQLError) => formatGraphqlError(error.toJSON(), error, report),
      // The token and its agency again, before each result of an operation that started signed in: a
      // suspension (or the token's expiry) stops a running subscription at once. An operation refused from the
      // start already carries its UNAUTHENTICATED error.
      refusalOf: async (ctx, args) => {
        if (!(args.contextValue as RequestContext | undefined)?.actor) return undefined;
        return (await this.contextOf(ctx.connectionParams)).authError?.message;
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.dispose();
    this.server = undefined;
  }
}
