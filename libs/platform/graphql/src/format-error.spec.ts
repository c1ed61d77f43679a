import { describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { formatGraphqlError, MAX_ERROR_MESSAGE_LENGTH } from './format-error.js';

const schema = buildSchema('input In { count: Int } type Query { ask(input: In!): Boolean }');

describe('the API error format', () => {
  it('does not echo a huge invalid value back whole, in the message or the fields at fault', async () => {
    const huge = 'x'.repeat(200_000);
    const result = await graphql({
      schema,
      source: 'query($input: In!) { ask(input: $input) }',
      variableValues: { input: { count: huge } },
    });
    const error = result.errors?.[0];
    if (!error) throw new Error('GraphQL took the invalid value');
    const reported: unknown[] = [];
    const formatted = formatGraphqlError({ ...error.toJSON(), extensions: { code: 'BAD_USER_INPUT' } }, error, (e) =>
      reported.push(e),
    );
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'count' }] });
    expect(formatted.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH + 10);
    expect(formatted.message).toMatch(/cut\)$/);
    expect(JSON.stringify(formatted).length).toBeLessThan(2 * MAX_ERROR_MESSAGE_LENGTH + 200);
    expect(reported).toEqual([]);
  });
});
