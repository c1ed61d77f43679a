import { mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  isListType,
  isNonNullType,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLSchema,
} from 'graphql';
import { type AgencyDirectory, type AgencyEntry } from '@pamoja/contracts';
import { agencyObjectOf, type AgencyObject } from './agency.types.js';

/** `toAgencyId` → `toAgency`, `participantAgencyIds` → `participantAgencies`, `agencyId` → `agency`. */
function nameFieldOf(idField: string): { name: string; list: boolean } | null {
  const single = /^(.*)AgencyId$|^agencyId$/.exec(idField);
  if (single) return { name: `${single[1] ?? ''}${single[1] ? 'Agency' : 'agency'}`, list: false };
  const many = /^(.*)AgencyIds$|^agencyIds$/.exec(idField);
  if (many) return { name: `${many[1] ?? ''}${many[1] ? 'Agencies' : 'agencies'}`, list: true };
  return null;
}

interface Waiter {
  resolve(entry: AgencyEntry | undefined): void;
  reject(error: Error): void;
}

/** The directory's lookups of one request, batched: every agency a response names is read at once. */
class AgencyBatch {
  private pending: Map<string, Waiter[]> | undefined;

  constructor(private readonly directory: AgencyDirectory) {}

  load(agencyId: string): Promise<AgencyEntry | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        const batch = new Map<string, Waiter[]>();
        this.pending = batch;
        // Resolvers of one level run in the same tick: gather them, then read once.
        setImmediate(() => {
          this.pending = undefined;
          this.directory.findMany([...batch.keys()]).then(
            (found) => {
              for (const [id, waiting] of batch) for (const waiter of waiting) waiter.resolve(found.get(id));
            },
            (error: unknown) => {
              const failure = error instanceof Error ? error : new Error(String(error));
              for (const waiting of batch.values()) for (const waiter of waiting) waiter.reject(failure);
            },
          );
        });
      }
      const waiting = this.pending.get(agencyId) ?? [];
      waiting.push({ resolve, reject });
      this.pending.set(agencyId, waiting);
    });
  }
}

const batches = new WeakMap<object, AgencyBatch>();

/**
 * Beside every field that shows an agency's id (`toAgencyId`, `participantAgencyIds`), the agency itself
 * from the directory (`toAgency: Agency`, `participantAgencies: [Agency!]`), so that every screen can show a
 * name where it shows an id. The id is read through its own field's resolver, so an id the access policy
 * redacts leaves the agency null too. An id no longer in the directory reads as null.
 */
export function withAgencyNames(schema: GraphQLSchema, directory: AgencyDirectory): GraphQLSchema {
  const agency = schema.getType('Agency');
  if (!(agency instanceof GraphQLObjectType)) return schema;
  const batchOf = (context: unknown): AgencyBatch => {
    const key = typeof context === 'object' && context !== null ? context : batches;
    let batch = batches.get(key);
    if (!batch) {
      batch = new AgencyBatch(directory);
      batches.set(key, batch);
    }
    return batch;
  };
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      if (type.name.startsWith('_') || type.name === 'Agency' || type === schema.getQueryType()) return type;
      if (type === schema.getMutationType() || type === schema.getSubscriptionType()) return type;
      const config = type.toConfig();
      const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
      let added = false;
      for (const [fieldName, field] of Object.entries(config.fields)) {
        fields[fieldName] = field;
        const target = nameFieldOf(fieldName);
        if (!target || config.fields[target.name] || getNamedType(field.type).name !== 'String') continue;
        if (target.list !== isListType(isNonNullType(field.type) ? field.type.ofType : field.type)) continue;
        fields[target.name] = nameField(fieldName, field, target.list, agency, batchOf);
        added = true;
      }
      return added ? new GraphQLObjectType({ ...config, fields }) : type;
    },
  });
}

function nameField(
  idFieldName: string,
  idField: GraphQLFieldConfig<unknown, unknown>,
  list: boolean,
  agency: GraphQLObjectType,
  batchOf: (context: unknown) => AgencyBatch,
): GraphQLFieldConfig<unknown, unknown> {
  const readId = idField.resolve ?? defaultFieldResolver;
  return {
    type: list ? new GraphQLList(new GraphQLNonNull(agency)) : agency,
    description: `The agency of \`${idFieldName}\`, as the directory names it (null if it is not in the directory)`,
    resolve: async (parent, _args, context, info): Promise<AgencyObject | AgencyObject[] | null> => {
      const ids: unknown = await readId(parent, {}, context, { ...info, fieldName: idFieldName });
      const batch = batchOf(context);
      if (list) {
        if (!Array.isArray(ids)) return null;
        const found = await Promise.all(
          ids.filter((id): id is string => typeof id === 'string').map((id) => batch.load(id)),
        );
        return found.filter((entry): entry is AgencyEntry => entry !== undefined).map(agencyObjectOf);
      }
      if (typeof ids !== 'string') return null;
      const entry = await batch.load(ids);
      return entry ? agencyObjectOf(entry) : null;
    },
  };
}

/** A subgraph keeps the agency beside each id field its resolvers add to a shared entity (`JointCase`). */
export function withAgencyNameFields(resolved: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [type, fields] of resolved) {
    const names = new Set(fields);
    for (const field of fields) {
      const target = nameFieldOf(field);
      if (target) names.add(target.name);
    }
    out.set(type, names);
  }
  return out;
}
