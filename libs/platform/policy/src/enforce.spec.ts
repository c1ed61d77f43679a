import { describe, expect, it } from '@jest/globals';
import {
  assertObjectType,
  buildSchema,
  graphql,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  parse,
  subscribe,
} from 'graphql';
import { type Actor, type CaseMembership, type RecordKind } from '@pamoja/contracts';
import { AccessFactsMemo, PolicyAccessDecider, withQueryFacts } from './access-decider.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { applyAccessPolicy, shareQueryFactsAt } from './enforce.js';

const POLICE: Actor = { userId: 'opj-1', agencyId: 'police-1', agencyType: 'police', roles: [] };

const policy: AccessPolicy = {
  version: 1,
  operations: {
    Query: { cases: { allow: [{ agencyTypes: ['police'] }], why: 'police' } },
    Mutation: { touchCases: { allow: [{ agencyTypes: ['police'] }], why: 'police' } },
    Subscription: {},
  },
  fields: {
    'Case.identity': {
      allow: [{ sameAgency: true }, { consent: 'information_sharing' }],
      facts: { agencyId: 'agencyId', jointCaseId: 'jointCaseId', personId: 'personId' },
      personal: 'victim',
      why: 'victim',
    },
  },
  records: ACCESS_POLICY.records,
  timeline: ACCESS_POLICY.timeline,
};

/** Five records of one case, each of a person the police may read with consent; membership lookups counted. */
function schemaCounting(): { schema: GraphQLSchema; lookups: () => number } {
  let lookups = 0;
  const decider = new PolicyAccessDecider(
    policy,
    { activeConsents: () => Promise.resolve([{ agencyTypes: ['police'], purposes: ['information_sharing'] }]) },
    {
      partiesOf: () => Promise.resolve([]),
      isParty: (jointCaseId, agencyId) => {
        lookups += 1;
        return Promise.resolve(jointCaseId === 'case-1' && agencyId === 'police-1');
      },
      casesOf: () => Promise.resolve([]),
      isPersonOf: () => Promise.resolve(false),
      keepsConsentOf: () => Promise.resolve(false),
    },
  );
  const schema = buildSchema(`
    type Case { id: ID!, identity: String }
    type Query { cases(jointCaseId: ID!): [Case!]! }
    type Mutation { touchCases(jointCaseId: ID!): [Case!]! }
  `);
  const records = (jointCaseId: string) =>
    [1, 2, 3, 4, 5].map((n) => ({
      id: `r-${n}`,
      agencyId: 'ngo-1',
      jointCaseId,
      personId: `p-${n}`,
      identity: `I${n}`,
    }));
  const query = schema.getQueryType()?.getFields()['cases'];
  const mutation = schema.getMutationType()?.getFields()['touchCases'];
  if (!query || !mutation) throw new Error('schema without its fields');
  query.resolve = (_source, args: { jointCaseId: string }) => records(args.jointCaseId);
  mutation.resolve = (_source, args: { jointCaseId: string }) => records(args.jointCaseId);
  return { schema: applyAccessPolicy(schema, decider, undefined), lookups: () => lookups };
}

async function run(schema: GraphQLSchema, source: string, actor: Actor = POLICE): Promise<unknown> {
  const result = await graphql({ schema, source, contextValue: { actor, correlationId: 'c-1' } });
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.data;
}

describe('the access policy in a schema: the facts a query reads', () => {
  it('asks a case’s membership once per query, however many of its fields the query reads', async () => {
    const { schema, lookups } = schemaCounting();
    const data = await run(schema, '{ cases(jointCaseId: "case-1") { id identity } }');
    expect(data).toEqual({
      cases: [1, 2, 3, 4, 5].map((n) => ({ id: `r-${n}`, identity: `I${n}` })),
    });
    expect(lookups()).toBe(1);
    // The next request reads it again: nothing outlives the query that read it.
    await run(schema, '{ cases(jointCaseId: "case-1") { id identity } }');
    expect(lookups()).toBe(2);
  });

  it('answers each reader for itself: a memo is the query’s, not the case’s', async () => {
    const { schema } = schemaCounting();
    const outsider: Actor = { ...POLICE, userId: 'opj-9', agencyId: 'police-9' };
    const read = '{ cases(jointCaseId: "case-1") { identity } }';
    const [party, other] = await Promise.all([run(schema, read), run(schema, read, outsider)]);
    expect(party).toEqual({ cases: [1, 2, 3, 4, 5].map((n) => ({ identity: `I${n}` })) });
    expect(other).toEqual({ cases: [1, 2, 3, 4, 5].map(() => ({ identity: null })) });
  });

  it('keeps no memo in a mutation, whose own write may change what it would hold', async () => {
    const { schema, lookups } = schemaCounting();
    await run(schema, 'mutation { touchCases(jointCaseId: "case-1") { id identity } }');
    expect(lookups()).toBe(5);
  });
});

/** A membership read model that counts its lookups; police-1 is party to case-1. */
function countingMembership(failFirst = false): { membership: CaseMembership; lookups: () => number } {
  let lookups = 0;
  return {
    membership: {
      partiesOf: () => Promise.resolve([]),
      isParty: async (jointCaseId, agencyId) => {
        lookups += 1;
        // An answer from elsewhere, a turn later, as a read model's would be.
        await new Promise((resolve) => setImmediate(resolve));
        if (failFirst && lookups === 1) throw new Error('the read model is not reachable');
        return jointCaseId === 'case-1' && agencyId === 'police-1';
      },
      casesOf: () => Promise.resolve([]),
      isPersonOf: () => Promise.resolve(false),
      keepsConsentOf: () => Promise.resolve(false),
    },
    lookups: () => lookups,
  };
}

/**
 * A case page in small: like the application's query handlers, the resolvers are handed the actor, never the
 * memo, and decide on records at three levels (the case, its investigations' list, each investigation).
 */
function caseSchema(): { schema: GraphQLSchema; decider: PolicyAccessDecider; lookups: () => number } {
  const { membership, lookups } = countingMembership();
  const decider = new PolicyAccessDecider(
    {
      ...policy,
      operations: {
        Query: { case: { allow: [{ agencyTypes: ['police'] }], why: 'police' } },
        Mutation: { touchCase: { allow: [{ agencyTypes: ['police'] }], why: 'police' } },
        Subscription: { caseTouched: { allow: [{ agencyTypes: ['police'] }], why: 'police' } },
      },
    },
    { activeConsents: () => Promise.resolve([]) },
    membership,
  );
  const schema = buildSchema(`
    type Investigation { id: ID!, detail: String }
    type Case { jointCaseId: ID!, investigations: [Investigation!]!, prosecuted: Boolean! }
    type Query { case(id: ID!): Case }
    type Mutation { touchCase(id: ID!): Case }
    type Subscription { caseTouched(id: ID!): Case }
  `);
  const decides = (context: unknown, record: RecordKind, jointCaseId: string): Promise<boolean> =>
    decider.mayAccess((context as { actor: Actor }).actor, record, { jointCaseId });
  const theCase = async (_source: unknown, args: { id: string }, context: unknown) =>
    (await decides(context, 'JointCase', args.id)) ? { jointCaseId: args.id } : null;
  const root = (type: string, name: string) => {
    const field = assertObjectType(schema.getType(type)).getFields()[name];
    if (!field) throw new Error(`schema without ${type}.${name}`);
    return field;
  };
  root('Query', 'case').resolve = theCase;
  root('Mutation', 'touchCase').resolve = theCase;
  root('Subscription', 'caseTouched').subscribe = async function* (_source, args: { id: string }) {
    await Promise.resolve();
    yield { caseTouched: { jointCaseId: args.id } };
    yield { caseTouched: { jointCaseId: args.id } };
  };
  root('Case', 'investigations').resolve = async (parent: { jointCaseId: string }, _args, context) =>
    (await decides(context, 'InvestigationSummary', parent.jointCaseId))
      ? [1, 2, 3].map((n) => ({ id: `inv-${n}`, jointCaseId: parent.jointCaseId }))
      : [];
  root('Investigation', 'detail').resolve = async (parent: { id: string; jointCaseId: string }, _args, context) =>
    (await decides(context, 'Investigation', parent.jointCaseId)) ? `detail of ${parent.id}` : null;
  root('Case', 'prosecuted').resolve = (parent: { jointCaseId: string }, _args, context) =>
    decides(context, 'ProsecutionSummary', parent.jointCaseId);
  return { schema: applyAccessPolicy(schema, decider, undefined), decider, lookups };
}

const CASE_PAGE = '{ case(id: "case-1") { jointCaseId prosecuted investigations { id detail } } }';
const ANSWERED = {
  case: {
    jointCaseId: 'case-1',
    prosecuted: true,
    investigations: [1, 2, 3].map((n) => ({ id: `inv-${n}`, detail: `detail of inv-${n}` })),
  },
};

describe('the access policy in a schema: the record decisions of a query’s handlers', () => {
  it('asks a case’s membership once per query, for every record decided at every level of it', async () => {
    const { schema, lookups } = caseSchema();
    // Six decisions: the case, the investigations' list, each of three investigations, the prosecutions.
    expect(await run(schema, CASE_PAGE)).toEqual(ANSWERED);
    expect(lookups()).toBe(1);
    // The next request reads it again: nothing outlives the query that read it.
    expect(await run(schema, CASE_PAGE)).toEqual(ANSWERED);
    expect(lookups()).toBe(2);
  });

  it('keeps each query’s facts to itself, when queries of two readers run at once', async () => {
    const { schema, lookups } = caseSchema();
    const outsider: Actor = { ...POLICE, userId: 'opj-9', agencyId: 'police-9' };
    const [party, other] = await Promise.all([run(schema, CASE_PAGE), run(schema, CASE_PAGE, outsider)]);
    expect(party).toEqual(ANSWERED);
    expect(other).toEqual({ case: null });
    expect(lookups()).toBe(2);
  });

  it('keeps no memo in a mutation: each of its decisions reads the membership', async () => {
    const { schema, lookups } = caseSchema();
    const data = await run(schema, `mutation ${CASE_PAGE.replace('case(', 'touchCase(')}`);
    expect(data).toEqual({ touchCase: ANSWERED.case });
    expect(lookups()).toBe(6);
  });

  it('keeps no memo in a mutation even where one is around it: a mutation never inherits a query’s facts', async () => {
    const { schema, lookups } = caseSchema();
    const mutation = `mutation ${CASE_PAGE.replace('case(', 'touchCase(')}`;
    const data = await withQueryFacts(new AccessFactsMemo(), () => run(schema, mutation));
    expect(data).toEqual({ touchCase: ANSWERED.case });
    expect(lookups()).toBe(6);
  });

  it('keeps no memo in a subscription, which lives on: each event’s decisions read it again', async () => {
    const { schema, lookups } = caseSchema();
    const results = await subscribe({
      schema,
      document: parse(
        'subscription { caseTouched(id: "case-1") { jointCaseId prosecuted investigations { detail } } }',
      ),
      contextValue: { actor: POLICE, correlationId: 'c-1' },
    });
    if (!(Symbol.asyncIterator in results)) throw new Error(JSON.stringify(results.errors));
    let events = 0;
    for await (const result of results) {
      expect(result.errors).toBeUndefined();
      events += 1;
    }
    expect(events).toBe(2);
    // Five decisions an event (the list, three investigations, the prosecutions), none of them shared.
    expect(lookups()).toBe(10);
  });

  it('gives none to a decision outside any query, even after queries ran', async () => {
    const { schema, decider, lookups } = caseSchema();
    await run(schema, CASE_PAGE);
    expect(lookups()).toBe(1);
    expect(await decider.mayAccess(POLICE, 'JointCase', { jointCaseId: 'case-1' })).toBe(true);
    expect(await decider.mayAccess(POLICE, 'JointCase', { jointCaseId: 'case-1' })).toBe(true);
    expect(lookups()).toBe(3);
  });

  it('does not keep a read that failed: the next decision of the query asks again', async () => {
    const { membership, lookups } = countingMembership(true);
    const decider = new PolicyAccessDecider(policy, { activeConsents: () => Promise.resolve([]) }, membership);
    const facts = { jointCaseId: 'case-1' };
    await withQueryFacts(new AccessFactsMemo(), async () => {
      await expect(decider.mayAccess(POLICE, 'JointCase', facts)).rejects.toThrow('not reachable');
      expect(await decider.mayAccess(POLICE, 'JointCase', facts)).toBe(true);
      expect(await decider.mayAccess(POLICE, 'InvestigationSummary', facts)).toBe(true);
    });
    expect(lookups()).toBe(2);
  });

  it('gives a root field added after the policy (a subgraph’s entity look-up) its query’s facts when asked to', async () => {
    // As a subgraph's schema is made: the guarded schema, then a new Query type with `_entities` beside its fields.
    const withEntities = (): { schema: GraphQLSchema; lookups: () => number } => {
      const { schema: guarded, decider, lookups } = caseSchema();
      const config = guarded.toConfig();
      const query = guarded.getQueryType();
      if (!query) throw new Error('no Query type');
      const entities = {
        type: new GraphQLNonNull(new GraphQLList(guarded.getType('Case') as GraphQLObjectType)),
        args: { ids: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLID))) } },
        resolve: (_source: unknown, args: { ids: string[] }, context: unknown) =>
          args.ids.map(async (id) =>
            (await decider.mayAccess((context as { actor: Actor }).actor, 'JointCase', { jointCaseId: id }))
              ? { jointCaseId: id }
              : null,
          ),
      };
      const newQuery = new GraphQLObjectType({
        ...query.toConfig(),
        fields: { ...query.toConfig().fields, _entities: entities },
      });
      const schema = new GraphQLSchema({
        ...config,
        query: newQuery,
        types: config.types.filter((t) => t.name !== query.name),
      });
      return { schema, lookups };
    };
    const page = '{ _entities(ids: ["case-1"]) { jointCaseId prosecuted investigations { id detail } } }';
    const plain = withEntities();
    expect(await run(plain.schema, page)).toEqual({ _entities: [ANSWERED.case] });
    // The look-up outside the memo, its fields sharing one.
    expect(plain.lookups()).toBe(2);
    const shared = withEntities();
    expect(await run(shareQueryFactsAt(shared.schema, ['_entities']), page)).toEqual({ _entities: [ANSWERED.case] });
    expect(shared.lookups()).toBe(1);
    expect(() => shareQueryFactsAt(shared.schema, ['_nothing'])).toThrow('no query field _nothing');
  });
});
