import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { variableProblems } from './variable-problems.js';

const schema = buildSchema(`
  enum Purpose { ASSISTANCE INVESTIGATION }
  input Consent { purposes: [Purpose!]! givenBy: String! }
  input Submit { commandId: ID! count: Int consent: Consent }
  type Query { submit(input: Submit!): Boolean }
`);
const source = 'query($input: Submit!) { submit(input: $input) }';

async function messageFor(input: unknown): Promise<string> {
  const result = await graphql({ schema, source, variableValues: { input } });
  return result.errors?.[0]?.message ?? '';
}

describe("the fields at fault in GraphQL's refusal of a variable", () => {
  it('names a field of the wrong type, an unknown enum value in a list, a missing and an unknown field', async () => {
    expect(variableProblems(await messageFor({ commandId: 'x', count: 'many' }))).toEqual([
      { field: 'count', reason: expect.stringMatching(/Int cannot represent/) },
    ]);
    expect(
      variableProblems(
        await messageFor({ commandId: 'x', consent: { givenBy: 'SELF', purposes: ['ASSISTANCE', 'X'] } }),
      ),
    ).toEqual([{ field: 'consent.purposes.1', reason: expect.stringMatching(/does not exist in "Purpose"/) }]);
    expect(variableProblems(await messageFor({ commandId: 'x', consent: { purposes: [] } }))).toEqual([
      { field: 'consent.givenBy', reason: expect.stringMatching(/Field "givenBy" of required type/) },
    ]);
    expect(variableProblems(await messageFor({ commandId: 'x', admin: true }))).toEqual([
      { field: 'admin', reason: expect.stringMatching(/is not defined by type "Submit"/) },
    ]);
    expect(variableProblems(await messageFor({ commandId: null }))).toEqual([
      { field: 'commandId', reason: expect.stringMatching(/not to be null/) },
    ]);
  });

  it('names the argument itself when it is missing or null', async () => {
    for (const input of [null, undefined]) {
      expect(variableProblems(await messageFor(input))).toEqual([{ field: 'input', reason: expect.any(String) }]);
    }
    expect(variableProblems('Variable "$input" of required type "Submit!" was not provided.')).toEqual([
      { field: 'input', reason: 'is required' },
    ]);
  });

  it('is not misled by a value that imitates a path', async () => {
    const message = await messageFor({ commandId: 'x', count: ' at "input.commandId"; fake' });
    expect(variableProblems(message)).toEqual([
      { field: 'count', reason: expect.stringMatching(/Int cannot represent/) },
    ]);
  });

  it('finds nothing in other messages', () => {
    expect(variableProblems('Cannot query field "x" on type "Query".')).toEqual([]);
  });
});
