import { Injectable } from '@nestjs/common';
import { type DiscoveryService } from '@nestjs/core';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { MapperKind, mapSchema, printSchemaWithDirectives, pruneSchema } from '@graphql-tools/utils';
import {
  GraphQLError,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type GraphQLFieldConfigMap,
  type GraphQLNamedType,
} from 'graphql';

/**
 * Federation v2 subgraph support, our own (ADR 0011): the Apollo subgraph library depends on packages
 * under the Elastic License, so each agency service turns its schema into a subgraph with this small
 * transform, following the public subgraph specification: `_service { sdl }`, `_entities`, `_Any`,
 * `_Entity`, and the `@link` to the federation directives its types use.
 */
const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.5';
const FEDERATION_DIRECTIVES = ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible'];

/** A joint case as an entity: the coordination body owns its stage and timeline, each agency adds its part. */
@ObjectType('JointCase', { description: 'One case as every agency works on it; each agency adds its own part' })
@Directive('@key(fields: "jointCaseId")')
export class JointCaseEntity {
  @Field(() => ID) jointCaseId!: string;
}

type EntityRepresentation = { readonly __typename: string } & Readonly<Record<string, unknown>>;
type EntityResolver = (representation: EntityRepresentation, context: unknown) => Promise<object | null>;

/**
 * How a subgraph finds the entity behind a representation the gateway sends (`_entities`). A type with
 * no resolver registered gets the representation itself, which is all a key-only entity needs.
 */
@Injectable()
export class EntityReferences {
  private readonly resolvers = new Map<string, EntityResolver>();

  register(typename: string, resolver: EntityResolver): void {
    this.resolvers.set(typename, resolver);
  }

  async resolve(representation: EntityRepresentation, context: unknown): Promise<object | null> {
    const resolver = this.resolvers.get(representation.__typename);
    const found = resolver ? await resolver(representation, context) : { ...representation };
    return found === null ? null : { ...found, __typename: representation.__typename };
  }
}

function keyedEntities(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && hasDirective(type, 'key'),
  );
}

function hasDirective(type: GraphQLNamedType, name: string): boolean {
  return (type.astNode?.directives ?? []).some((directive) => directive.name.value === name);
}

/** Entities declared here with their key only, to which each context adds its own fields. */
const SHARED_ENTITIES: ReadonlySet<string> = new Set(['JointCase']);

/** The field names of an entity's keys (`@key(fields: "code")`; simple keys only, as ours are). */
function keyFieldsOf(type: GraphQLObjectType): Set<string> {
  const names = new Set<string>();
  for (const directive of type.astNode?.directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    if (fields?.kind === Kind.STRING) for (const name of fields.value.split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

/** The fields each type gets from this service's own resolvers: type name → field names. */
type ResolvedFields = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * Only this service's part of the API: code-first type metadata is global to a process, so a process
 * that loaded other contexts' classes would otherwise serve their types and their fields of a shared
 * entity too. A shared entity keeps its keys and the fields this service's resolvers add; what no root
 * field reaches goes, except entities this service resolves fields of (the gateway reaches those through
 * `_entities`).
 */
function ownPart(schema: GraphQLSchema, resolved: ResolvedFields): GraphQLSchema {
  const withoutOthersFields = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const type = schema.getType(typeName);
      if (!SHARED_ENTITIES.has(typeName) || !isObjectType(type)) return fieldConfig;
      return keyFieldsOf(type).has(fieldName) || resolved.get(typeName)?.has(fieldName) ? fieldConfig : null;
    },
  });
  return pruneSchema(withoutOthersFields, {
    skipPruning: (type) => isObjectType(type) && hasDirective(type, 'key') && resolved.has(type.name),
  });
}

/** The subgraph's SDL as composition reads it: the schema with its directives, linked to the federation spec. */
function printSubgraphSdl(schema: GraphQLSchema): string {
  const printed = printSchemaWithDirectives(schema);
  const used = FEDERATION_DIRECTIVES.filter((directive) => new RegExp(`${directive}\\b`).test(printed));
  const imports = used.map((directive) => JSON.stringify(directive)).join(', ');
  return `extend schema @link(url: "${FEDERATION_SPEC}", import: [${imports}])\n\n${printed}`;
}

const AnyScalar = new GraphQLScalarType({
  name: '_Any',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => valueFromASTUntyped(ast),
});

function isRepresentation(value: unknown): value is EntityRepresentation {
  return (
    typeof value === 'object' && value !== null && typeof (value as { __typename?: unknown }).__typename === 'string'
  );
}

/**
 * Adds what the gateway needs to a service's schema; the SDL it serves leaves those additions out.
 * `_entities` is an entry point like any query, so `authorize` (the service's own check of the caller)
 * runs before it resolves anything: the field resolvers behind it trust their parent.
 */
export function toSubgraphSchema(
  schema: GraphQLSchema,
  references: EntityReferences,
  authorize: (context: unknown) => void,
  resolved: ResolvedFields,
): GraphQLSchema {
  schema = ownPart(schema, resolved);
  const sdl = printSubgraphSdl(schema);
  const config = schema.toConfig();
  const query = schema.getQueryType();
  if (!query) throw new Error('a subgraph needs a Query type');
  const entities = keyedEntities(schema);
  const entityNames = new Set(entities.map((type) => type.name));

  const serviceType = new GraphQLObjectType({
    name: '_Service',
    fields: { sdl: { type: new GraphQLNonNull(GraphQLString) } },
  });
  const fields: GraphQLFieldConfigMap<unknown, unknown> = {
    ...query.toConfig().fields,
    _service: { type: new GraphQLNonNull(serviceType), resolve: () => ({ sdl }) },
  };
  if (entities.length > 0) {
    const entityUnion = new GraphQLUnionType({
      name: '_Entity',
      types: entities,
      resolveType: (value: { __typename?: string }) => value.__typename,
    });
    fields['_entities'] = {
      type: new GraphQLNonNull(new GraphQLList(entityUnion)),
      args: { representations: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AnyScalar))) } },
      resolve: (_source, args: { representations: unknown[] }, context) => {
        authorize(context);
        return args.representations.map((representation) => {
          if (!isRepresentation(representation) || !entityNames.has(representation.__typename)) {
            return new GraphQLError('each representation must name an entity type of this subgraph in __typename');
          }
          return references.resolve(representation, context);
        });
      },
    };
  }
  const newQuery = new GraphQLObjectType({ ...query.toConfig(), fields });
  return new GraphQLSchema({
    ...config,
    query: newQuery,
    types: config.types.filter((type) => type.name !== query.name),
  });
}

/** Nest's own metadata of a resolver class: the type it resolves, and which methods are field resolvers. */
const RESOLVER_TYPE = 'graphql:resolver_type';
const RESOLVER_NAME = 'graphql:resolver_name';
const RESOLVE_PROPERTY = 'graphql:resolve_property';

/** The fields this application's resolvers (its providers, not every class loaded) add to each type. */
export function resolvedFieldsOf(discovery: DiscoveryService): ResolvedFields {
  const fields = new Map<string, Set<string>>();
  for (const wrapper of discovery.getProviders()) {
    const metatype: unknown = wrapper.metatype;
    if (typeof metatype !== 'function') continue;
    const typeName: unknown = Reflect.getMetadata(RESOLVER_TYPE, metatype);
    if (typeof typeName !== 'string') continue;
    const prototype = (metatype as { prototype: Record<string, unknown> }).prototype;
    const names = fields.get(typeName) ?? new Set<string>();
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const method = prototype[key];
      if (typeof method !== 'function' || Reflect.getMetadata(RESOLVE_PROPERTY, method) !== true) continue;
      const name: unknown = Reflect.getMetadata(RESOLVER_NAME, method);
      names.add(typeof name === 'string' ? name : key);
    }
    fields.set(typeName, names);
  }
  return fields;
}
