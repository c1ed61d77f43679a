import { randomUUID } from 'node:crypto';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { AGENCY_TYPES, type Actor, type AgencyType } from '@pamoja/contracts';
import { type GraphqlClient } from '@pamoja/platform/graphql';
import { ACCESS_POLICY, PolicyAccessDecider, type OperationType } from '@pamoja/platform/policy';

/** The policy's own decider, with no consent and no case: the matrix is about who may issue what at all. */
const decider = new PolicyAccessDecider(
  ACCESS_POLICY,
  { activeConsents: () => Promise.resolve([]) },
  {
    partiesOf: () => Promise.resolve(null),
    isParty: () => Promise.resolve(false),
    casesOf: () => Promise.resolve([]),
    isPersonOf: () => Promise.resolve(false),
    keepsConsentOf: () => Promise.resolve(false),
  },
);

/** The schema a client sees, by introspection (the embedded app, a service or the gateway). */
export async function fetchSchema(client: GraphqlClient): Promise<GraphQLSchema> {
  return buildClientSchema(await client.ok<IntrospectionQuery>(getIntrospectionQuery()));
}

/** One actor per agency type, each with a role the policy does not ask for (roles grant only where named). */
export function actorOf(agencyType: AgencyType): Actor {
  return { userId: `matrix-${agencyType}`, agencyId: `matrix-${agencyType}-agency`, agencyType, roles: ['officer'] };
}

export const MATRIX_AGENCY_TYPES: readonly AgencyType[] = AGENCY_TYPES;

export interface MatrixCell {
  readonly operationType: OperationType;
  readonly operation: string;
  readonly agencyType: AgencyType;
  readonly allowed: boolean;
}

/** Every root field of the schema against every agency type, with the allow or deny the policy gives. */
export function accessMatrix(schema: GraphQLSchema, operationTypes: readonly OperationType[]): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const operationType of operationTypes) {
    const root =
      operationType === 'Mutation'
        ? schema.getMutationType()
        : operationType === 'Query'
          ? schema.getQueryType()
          : schema.getSubscriptionType();
    for (const operation of Object.keys(root?.getFields() ?? {}).filter((name) => !name.startsWith('_'))) {
      for (const agencyType of MATRIX_AGENCY_TYPES) {
        const allowed = decider.mayOperate(actorOf(agencyType), operationType, operation);
        cells.push({ operationType, operation, agencyType, allowed });
      }
    }
  }
  return cells;
}

/**
 * A syntactically valid value for an input type: required fields only, the first enum value, a fresh
 * UUID for ids (so nothing is found and nothing can be changed by accident), plain values for scalars.
 */
export function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.name;
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sampleValue(field.type);
    }
    return value;
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      default:
        return 'x';
    }
  }
  throw new Error(`no sample for input type ${String(type)}`);
}

const typeName = (arg: GraphQLArgument): string => String(arg.type);

/** The operation as a document with variables for its required arguments, asking for `__typename` only. */
export function operationDocument(
  schema: GraphQLSchema,
  operationType: OperationType,
  operation: string,
): { query: string; variables: Record<string, unknown> } {
  const root =
    operationType === 'Mutation'
      ? schema.getMutationType()
      : operationType === 'Query'
        ? schema.getQueryType()
        : schema.getSubscriptionType();
  const field = root?.getFields()[operation];
  if (!field) throw new Error(`${operationType}.${operation} is not in the schema`);
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = required.map((arg) => `$${arg.name}: ${typeName(arg)}`).join(', ');
  const passing = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isScalarOrEnum(field.type) ? '' : ' { __typename }';
  const keyword = operationType.toLowerCase();
  const query = `${keyword}${declarations ? `(${declarations})` : ''} { ${operation}${passing ? `(${passing})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((arg) => [arg.name, sampleValue(arg.type)]));
  return { query, variables };
}

function isScalarOrEnum(type: Parameters<typeof getNamedType>[0]): boolean {
  const named = getNamedType(type);
  return isScalarType(named) || isEnumType(named);
}

/** The policy's refusal, as every service and the gateway must give it. */
export const POLICY_REFUSAL = { code: 'FORBIDDEN', reason: 'access_policy' } as const;
