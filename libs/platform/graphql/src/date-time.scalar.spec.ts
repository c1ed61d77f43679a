import { describe, expect, it } from '@jest/globals';
import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { parseDateTime, StrictDateTimeScalar } from './date-time.scalar.js';

describe('DateTime: only a full ISO-8601 date-time with a time zone', () => {
  it('reads the instant written, in UTC or with an offset', () => {
    expect(parseDateTime('2025-06-01T09:30:00Z').toISOString()).toBe('2025-06-01T09:30:00.000Z');
    expect(parseDateTime('2025-06-01T09:30Z').toISOString()).toBe('2025-06-01T09:30:00.000Z');
    expect(parseDateTime('2025-06-01T11:30:00.123+02:00').toISOString()).toBe('2025-06-01T09:30:00.123Z');
    expect(parseDateTime('2024-02-29T00:00:00Z').toISOString()).toBe('2024-02-29T00:00:00.000Z');
    // Absurd but well-formed: for the domain to judge.
    expect(parseDateTime('0000-01-01T00:00:00Z').getUTCFullYear()).toBe(0);
  });

  it.each([
    true,
    0,
    1735689600,
    null,
    {},
    ['2025-06-01T09:30:00Z'],
    '',
    'tomorrow',
    '1',
    '2025-06-01',
    '2030-01-01T10:00:00',
    '2025-02-30T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-06-01T24:00:00Z',
    '2025-06-01T09:30:00+25:00',
    "2025-01-01T00:00:00Z'; DROP TABLE x; --",
    '+275760-09-13T00:00:00.001Z',
  ])('refuses %p as the client’s error', (value) => {
    expect(() => parseDateTime(value)).toThrow(/DateTime cannot represent .*expected an ISO-8601 date-time/);
  });

  it('refuses a wrong variable while coercing it, before any resolver runs', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          echo: {
            type: GraphQLString,
            args: { at: { type: StrictDateTimeScalar } },
            resolve: (_root, args: { at: Date }) => args.at.toISOString(),
          },
        },
      }),
    });
    const source = 'query($at: DateTime) { echo(at: $at) }';
    const ok = await graphql({ schema, source, variableValues: { at: '2025-06-01T09:30:00Z' } });
    expect(ok.data).toEqual({ echo: '2025-06-01T09:30:00.000Z' });
    const refused = await graphql({ schema, source, variableValues: { at: true } });
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.message).toMatch(
      /got invalid value true; Expected type "DateTime". DateTime cannot represent a boolean/,
    );
  });
});
