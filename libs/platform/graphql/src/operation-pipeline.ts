import { type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { MAX_TOKENS, queryLimits } from './limits.js';
import { admit, RateLimiter, rateLimitPlugin, type RateLimitSettings } from './rate-limit.js';
import { type RequestContext } from './request-context.js';
import { graphqlTracingPlugin } from '@pamoja/platform/telemetry';

interface OperationPipelineSettings {
  /** Production refuses introspection and hides field suggestions. */
  readonly production: boolean;
  readonly rateLimit: RateLimitSettings;
}

type ArmorPlugin = ReturnType<ApolloArmor['protect']>['plugins'][number];

/**
 * What every operation passes before it runs, whichever the transport: the parser's token limit, the
 * armor's depth, cost, alias and directive limits, production's ban on introspection and on field
 * suggestions, and the per-user rate limit (one bucket per user for HTTP and WebSocket together). Apollo
 * Server applies it to HTTP requests (`apolloPlugins`, `validationRules`, `parseOptions`); the WebSocket
 * server applies the same objects to each graphql-ws message (`prepare`, `admit`).
 */
export class OperationPipeline {
  readonly limiter: RateLimiter;
  readonly parseOptions: ParseOptions = { maxLexicalTokens: MAX_TOKENS };
  readonly validationRules: readonly ValidationRule[];
  private readonly armorPlugins: readonly ArmorPlugin[];

  constructor(settings: OperationPipelineSettings) {
    const armor = new ApolloArmor(queryLimits(settings.production)).protect();
    this.armorPlugins = armor.plugins;
    this.limiter = new RateLimiter(settings.rateLimit);
    // graphql-js's own rule, for both transports (Apollo's `introspection: false` would cover HTTP only).
    this.validationRules = [
      ...armor.validationRules,
      ...(settings.production ? [NoSchemaIntrospectionCustomRule] : []),
    ];
  }

  /**
   * For Apollo Server (HTTP): the armor's plugins (field suggestions), the rate limit, and the operation's name
   * and type on the request's span (ADR 0029).
   */
  apolloPlugins(): ApolloServerPlugin<RequestContext>[] {
    // The armor package's typings point at Apollo Server's CommonJS build, ours at its ESM build: the same
    // plugin objects under two declarations.
    return [
      ...(this.armorPlugins as unknown as ApolloServerPlugin<RequestContext>[]),
      rateLimitPlugin(this.limiter),
      graphqlTracingPlugin(),
    ];
  }

  /** One operation of a caller (`callerKeyOf` a user, or the gateway's caller): a refusal when over the limit. */
  admit(callerKey: string): GraphQLError | undefined {
    return admit(this.limiter, callerKey);
  }

  /**
   * Parses and validates one operation as Apollo Server does for HTTP: the same parser limits, the same
   * rules, the same error codes (`GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`) and, in production,
   * the same suggestions hidden by the same armor plugin.
   */
  async prepare(
    schema: GraphQLSchema,
    source: string,
  ): Promise<{ document: DocumentNode } | { errors: GraphQLError[] }> {
    let document: DocumentNode;
    try {
      document = parse(source, this.parseOptions);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { errors: [withCode(error, 'GRAPHQL_PARSE_FAILED')] };
    }
    const problems = validate(schema, document, [...specifiedRules, ...this.validationRules]);
    if (problems.length === 0) return { document };
    const errors = problems.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
    await this.maskLikeHttp(errors);
    return { errors };
  }

  /** Runs the armor's Apollo plugins' error hooks (field suggestions hidden in production) on these errors. */
  private async maskLikeHttp(errors: readonly GraphQLError[]): Promise<void> {
    for (const plugin of this.armorPlugins as unknown as ApolloServerPlugin[]) {
      // The armor's hooks read only the errors they are given.
      const listener = await plugin.requestDidStart?.(undefined as never);
      await listener?.didEncounterErrors?.({ errors } as never);
    }
  }
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
