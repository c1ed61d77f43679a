import { Directive, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { type Type } from '@nestjs/common';
import { InvalidInputError } from '@pamoja/contracts';

/**
 * Relay-style connections (https://relay.dev/graphql/connections.htm) for every list of the API: keyset
 * pagination with opaque cursors, so a page stays correct while agencies keep recording.
 */

/** Served by every subgraph alike, hence shareable. */
@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly nodes: readonly T[];
  readonly pageInfo: PageInfo;
}

/** The connection and edge object types for a node type, named `<Name>Connection` and `<Name>Edge`. */
export function ConnectionType<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String, { description: 'Pass as `after` to read on from here' }) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => [node], { description: 'The nodes of the edges, for clients that need no cursors' }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

/** `first` and `after` of a page; each list's filter input extends this. */
@InputType({ isAbstract: true })
export abstract class PageInput {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'How many, 1 to 200' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

export type CursorKey = readonly (string | number | null)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key a cursor holds; a cursor that is not one of ours is a clear `after` error. */
export function decodeCursor(cursor: string, arity: number, field = 'after'): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length === arity &&
    key.every((part) => part === null || typeof part === 'string' || typeof part === 'number');
  if (!valid) {
    throw new InvalidInputError([{ field, reason: 'is not a cursor of this list; pass an endCursor it returned' }]);
  }
  return key as CursorKey;
}

/**
 * A page from rows fetched with `limit first + 1` after the cursor: the extra row only says there is more.
 * `keyOf` gives the row's sort key, the one a cursor resumes after.
 */
export function toConnection<T>(
  rows: readonly T[],
  first: number,
  keyOf: (row: T) => CursorKey,
  hasPrevious = false,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
