import {
  defaultFieldResolver,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  OperationTypeNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { AccessDeniedError, type Actor } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';
import { type RequestContext } from '@pamoja/platform/graphql';
import { type FieldRule, type OperationType } from './access-policy.js';
import { AccessFactsMemo, type PolicyAccessDecider, withQueryFacts } from './access-decider.js';

/** What the access policy tells the audit log: refusals of operations, and every read of personal data. */
export interface AccessAuditor {
  operationDenied(entry: {
    readonly actor: Actor;
    readonly operationType: OperationType;
    readonly operation: string;
    readonly correlationId: string;
    readonly purpose: string | null;
    /** The operation's arguments: only their ids are kept (which case or record it aimed at). */
    readonly args?: unknown;
  }): Promise<void>;
  personalDataRead(entry: {
    readonly actor: Actor;
    /** `Type.field`. */
    readonly field: string;
    readonly person: 'victim' | 'suspect';
    readonly subjectId: string | null;
    readonly jointCaseId: string | null;
    readonly correlationId: string;
    readonly purpose: string | null;
    /** The reader asked for it and was answered null: an attempt, recorded so that probing shows. */
    readonly withheld?: boolean;
  }): Promise<void>;
}

export const ACCESS_AUDITOR = Symbol.for('pamoja.AccessAuditor');

const OPERATION_TYPES: readonly OperationType[] = ['Query', 'Mutation', 'Subscription'];

function contextOf(context: unknown): Partial<RequestContext> & { purpose?: string | null } {
  return typeof context === 'object' && context !== null ? context : {};
}

/** The facts each query has read, by its context (one per request), dropped with it. */
const memos = new WeakMap<object, AccessFactsMemo>();

/** The memo of the query this field belongs to; none for a mutation or a subscription (see `AccessFactsMemo`). */
function memoOf(context: unknown, info: GraphQLResolveInfo): AccessFactsMemo | undefined {
  if (info.operation.operation !== OperationTypeNode.QUERY || typeof context !== 'object' || context === null) {
    return undefined;
  }
  let memo = memos.get(context);
  if (!memo) {
    memo = new AccessFactsMemo();
    memos.set(context, memo);
  }
  return memo;
}

function factOf(source: unknown, path: string | undefined): string | null {
  if (!path || typeof source !== 'object' || source === null) return null;
  const value = (source as Record<string, unknown>)[path];
  return typeof value === 'string' ? value : null;
}

/**
 * Puts the access policy into a built schema, in the service that serves it (each subgraph enforces it
 * for itself; the gateway holds no policy):
 * - every root field checks the caller may perform it, before its arguments are validated or anything
 *   runs; one the policy does not name is refused (deny by default);
 * - every guarded field reads as null for a caller the policy does not allow, and each read of personal
 *   data is audited before it is answered (no audit, no answer);
 * - every decision taken while a query resolves, in its guarded fields and in the handlers its resolvers
 *   call, shares the facts the query has read (`AccessFactsMemo`).
 * Fields this schema does not have are skipped (a service holds its own part of a type only); the
 * embedded app's schema has them all, and a test checks every entry names a real, nullable field there.
 */
export function applyAccessPolicy(
  schema: GraphQLSchema,
  decider: PolicyAccessDecider,
  auditor: AccessAuditor | undefined,
): GraphQLSchema {
  for (const operationType of OPERATION_TYPES) {
    const type =
      operationType === 'Query'
        ? schema.getQueryType()
        : operationType === 'Mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_')) continue;
      guardOperation(field, operationType, decider, auditor);
    }
  }
  for (const [key, rule] of Object.entries(decider.policy.fields)) {
    const [typeName, fieldName] = key.split('.');
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!type || !fieldName) continue;
    if (!isObjectType(type)) throw new Error(`the access policy guards ${key}, but its type is not an object type`);
    const field = type.getFields()[fieldName];
    // A service may hold a type without this field: the field is another service's part of it.
    if (!field) continue;
    if (isNonNullType(field.type)) {
      throw new Error(`the access policy guards ${key}: a guarded field must be nullable, to read as redacted`);
    }
    guardField(field, key, rule, decider, auditor);
  }
  shareQueryFacts(schema);
  return schema;
}

/**
 * Each of the schema's own resolvers (not the default one, which reads a property) runs with its query's
 * memo around it, so that the record decisions of the handlers it calls share the query's facts; in a
 * mutation or a subscription, with none. Every resolver, not the root fields' alone: graphql-js resolves a
 * field's children from a continuation it registers itself, outside the parent's resolver, so nothing the
 * parent ran in reaches them. Wrapped last, around the guards: a guarded field's own resolver is covered too.
 * Fields added to the schema after the policy (a subgraph's `_entities`) are given theirs by
 * `shareQueryFactsAt`.
 */
function shareQueryFacts(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) shareQueryFactsOf(field);
  }
}

function shareQueryFactsOf(field: GraphQLField<unknown, unknown>): void {
  const resolve = field.resolve;
  if (!resolve || resolve === defaultFieldResolver) return;
  field.resolve = (source, args, context, info) =>
    withQueryFacts(memoOf(context, info), () => resolve(source, args, context, info));
}

/**
 * For root query fields added after `applyAccessPolicy` (a subgraph's `_entities`, which looks up the entities
 * the gateway asks for): their resolvers share their query's facts too, as the schema's own do. Without it the
 * entity look-up reads the case's membership once more per request (a fresh read, never a wider answer).
 */
export function shareQueryFactsAt(schema: GraphQLSchema, rootFields: readonly string[]): GraphQLSchema {
  const query = schema.getQueryType();
  for (const name of rootFields) {
    const field = query?.getFields()[name];
    if (!field) throw new Error(`the schema has no query field ${name} to share a query's facts with`);
    shareQueryFactsOf(field);
  }
  return schema;
}

function guardOperation(
  field: GraphQLField<unknown, unknown>,
  operationType: OperationType,
  decider: PolicyAccessDecider,
  auditor: AccessAuditor | undefined,
): void {
  const check = async (context: unknown, args: unknown): Promise<void> => {
    const { actor, authError, correlationId, purpose } = contextOf(context);
    if (!actor) throw authError ?? new AuthenticationError('a bearer token is required');
    if (decider.mayOperate(actor, operationType, field.name)) return;
    await auditor?.operationDenied({
      actor,
      operationType,
      operation: field.name,
      correlationId: correlationId ?? '',
      purpose: purpose ?? null,
      args,
    });
    throw new AccessDeniedError(
      `the access policy does not let a ${actor.agencyType} ${
        operationType === 'Mutation' ? 'issue' : 'use'
      } ${field.name}`,
    );
  };
  if (operationType === 'Subscription') {
    const subscribe = field.subscribe;
    if (!subscribe) return;
    field.subscribe = async (source, args, context, info) => {
      await check(context, args);
      return subscribe(source, args, context, info);
    };
    return;
  }
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, context, info) => {
    await check(context, args);
    return resolve(source, args, context, info);
  };
}

function guardField(
  field: GraphQLField<unknown, unknown>,
  key: string,
  rule: FieldRule,
  decider: PolicyAccessDecider,
  auditor: AccessAuditor | undefined,
): void {
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  field.resolve = async (source, args, context, info) => {
    const { actor, correlationId, purpose } = contextOf(context);
    if (!actor) return null;
    const jointCaseId = factOf(source, rule.facts?.jointCaseId);
    const allowed = await decider.mayRead(
      actor,
      key,
      {
        agencyId: factOf(source, rule.facts?.agencyId),
        jointCaseId,
        personId: factOf(source, rule.facts?.personId),
      },
      memoOf(context, info),
    );
    // Every read of personal data is audited, and so is every attempt the policy withheld: probing shows.
    const audit = async (withheld: boolean): Promise<void> => {
      if (!rule.personal || !auditor) return;
      await auditor.personalDataRead({
        actor,
        field: key,
        person: rule.personal,
        subjectId: factOf(source, rule.facts?.subjectId),
        jointCaseId,
        correlationId: correlationId ?? '',
        purpose: purpose ?? null,
        ...(withheld ? { withheld } : {}),
      });
    };
    if (!allowed) {
      await audit(true);
      return null;
    }
    const value: unknown = await resolve(source, args, context, info);
    if (value !== null && value !== undefined) await audit(false);
    return value;
  };
}
