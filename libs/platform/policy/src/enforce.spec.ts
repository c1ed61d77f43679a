import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { type Actor } from '@pamoja/contracts';
import { PolicyAccessDecider } from './access-decider.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { applyAccessPolicy } from './enforce.js';

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
