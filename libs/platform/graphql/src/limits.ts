import { type ApolloArmor } from '@escape.tech/graphql-armor';

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;

/**
 * What one query may ask, the same in every service and at the gateway: deep or costly queries are
 * refused at validation, before a resolver runs, with an error saying which limit and by how much.
 * The deepest query the API needs (a joint case's timeline through its connection, or a case's
 * referrals with their sites) is 7 levels; the limits leave room for clients' own fragments. The cost
 * (2 per object, 1 per scalar, times 1.5 per level of nesting) of the whole joint case with every
 * agency's part is about 20,000; within the depth and token limits a hostile query can reach hundreds
 * of thousands. `production` hides field suggestions.
 */
export function queryLimits(production: boolean) {
  return {
    maxDepth: { n: 12, ignoreIntrospection: true, flattenFragments: true },
    costLimit: { maxCost: 50000, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    maxAliases: { n: 20 },
    maxDirectives: { n: 30 },
    // Token counting happens in the parser instead (MAX_TOKENS): the armor's own check reports every
    // syntax error as a validation failure.
    maxTokens: { enabled: false },
    // Field suggestions ("Did you mean …") teach an outsider the schema: hidden in production.
    blockFieldSuggestion: { enabled: production },
  } as const satisfies ArmorConfig;
}

/** The most tokens one query document may hold: longer documents are refused as they are parsed. */
export const MAX_TOKENS = 4000;

/**
 * The largest operation a client may send, in bytes: an HTTP request body or one WebSocket message. GraphQL
 * operations are small; a large one is an attack, not a referral.
 */
export const MAX_OPERATION_BYTES = 256 * 1024;
