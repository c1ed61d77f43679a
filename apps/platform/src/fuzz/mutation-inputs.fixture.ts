import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import {
  BAD_DATES,
  BAD_FLOATS,
  BAD_INTS,
  FORBIDDEN_STRINGS,
  INJECTION_STRINGS,
  MALFORMED_IDS,
  wrongTypesFor,
  type HostileValue,
  type Json,
} from './hostile-values.fixture.js';

/**
 * Schema-driven inputs for the fuzz test: a valid-looking input for every mutation, built from its
 * argument types (and, where a field needs a real value, from the field's name), and the hostile
 * variants of each field. A mutation whose arguments use a type with no generator here fails the test,
 * so a new scalar is noticed instead of silently skipped.
 */

export type JsonObject = { [key: string]: Json };

/** Real ids by kind (`referralId`, `siteId`, ...), as an agency's own seeded state holds them. */
export type IdPool = Readonly<Record<string, string>>;

export interface BaseContext {
  /** The caller's own ids: the base input points at these. */
  readonly own: IdPool;
  /** The agencies' ids by agency type (upper case, as the API writes it), for fields naming an agency. */
  readonly agencyIdOf: (agencyType: string) => string;
  readonly siteCode: string;
}

export class NoGeneratorError extends Error {}

let siteCodes = 0;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Field names whose value must be an agency id, and which agency type it names. */
const AGENCY_FIELDS: Record<string, string> = {
  toAgencyId: 'POLICE',
  fromPoliceAgencyId: 'POLICE',
  toProsecutorOfficeId: 'PROSECUTOR',
  ownerAgencyId: 'POLICE',
  providerAgencyId: 'ASSISTANCE_PROVIDER',
  agencyId: 'POLICE',
};

/** Values a field needs to be valid beyond its type (patterns, coherent pairs); by `Type.field` or `field`. */
function knownValue(typeName: string, field: string, context: BaseContext): Json | undefined {
  // An admission names an agency that takes no other part in the fuzz: admitting one of the sides' agencies
  // to the other side's case would make it a party there, and change what its other attempts may do.
  if (typeName === 'AdmitCasePartyInput' && field === 'agencyId') return 'pnc-fuzz-admitted';
  const agencyType = AGENCY_FIELDS[field];
  if (agencyType) return context.agencyIdOf(agencyType);
  switch (`${typeName}.${field}`) {
    case 'RegisterMineSiteInput.code':
      siteCodes += 1;
      return `NK-MAS-${String(200 + (siteCodes % 800))}`;
    case 'RegisterMineSiteInput.territory':
      return 'MASISI';
    case 'RegisterMineSiteInput.province':
      return 'NORTH_KIVU';
    case 'ChangeMineSiteStatusInput.to':
      return 'GREEN';
    case 'SubmitReferralInput.toAgencyType':
    case 'RecordActionPointInput.ownerAgencyType':
      return 'POLICE';
    case 'SubmitReferralInput.urgency':
      return 'URGENT';
    case 'ReferralSubjectInput.isChild':
      return true;
    case 'RecordMineSiteInspectionInput.recommendedStatus':
      return 'YELLOW';
    case 'ImposeSentenceInput.imprisonmentMonths':
      return 12;
    case 'ClassifySiteIncidentInput.level':
      return 2;
    case 'RegisterVictimInput.agreementToManagePersonalData':
      return true;
    case 'ScheduleMeetingInput.participantAgencyTypes':
      return ['POLICE'];
    case 'RecordEvidenceCustodyTransferInput.to':
      return { agencyId: context.agencyIdOf('PROSECUTOR'), officerId: 'clerk-fuzz-02' };
    case 'IdentifySuspectInput.alias':
      return 'Chef Fictif';
    case 'ProsecutionSuspectInput.role':
      return 'recruiter';
    default:
      break;
  }
  switch (field) {
    case 'siteCode':
    case 'code':
      return context.siteCode;
    case 'sha256':
      return 'a'.repeat(64);
    case 'leadOfficerId':
    case 'officerId':
    case 'collectedBy':
      return 'opj-fuzz-01';
    case 'nationality':
      return 'CD';
    case 'dateOfBirth':
      return '1990-04-12';
    case 'phone':
      return '+243 970 000 000';
    case 'victimRef':
      return context.own['assistanceId'] ?? randomUUID();
    case 'indicatorsObserved':
      return ['debt_bondage'];
    case 'latitude':
      return -1.45;
    case 'longitude':
      return 28.85;
    case 'amount':
      return 100;
    default:
      break;
  }
  return undefined;
}

/** Instants named like deadlines are ahead; instants named like facts (`...At`, `at`) are behind. */
function instantFor(field: string): string {
  const past = field === 'at' || field.endsWith('At');
  return new Date(Date.now() + (past ? -2 * HOUR_MS : 3 * DAY_MS)).toISOString();
}

/** The valid-looking value of one input field (required fields always; optional ones when useful). */
export function baseValue(type: GraphQLInputType, field: string, parentType: string, context: BaseContext): Json {
  const inner = isNonNullType(type) ? type.ofType : type;
  const known = knownValue(parentType, field, context);
  if (known !== undefined) return known;
  if (isListType(inner)) return [baseValue(inner.ofType, field, parentType, context)];
  if (isInputObjectType(inner)) return baseObject(inner.name, inner, context);
  if (isEnumType(inner)) {
    const [first] = inner.getValues();
    if (!first) throw new NoGeneratorError(`enum ${inner.name} has no values`);
    return first.name;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'ID': {
        if (field === 'commandId') return randomUUID();
        const own = context.own[field] ?? context.own[field.replace(/s$/, '')];
        return own ?? randomUUID();
      }
      case 'String':
        return 'Fuzz: a note without personal data';
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return instantFor(field);
      default:
        throw new NoGeneratorError(`no generator for the scalar ${inner.name} (field ${parentType}.${field})`);
    }
  }
  throw new NoGeneratorError(`no generator for the type of ${parentType}.${field}`);
}

/**
 * Optional fields in the base input: nested objects (so their fields are fuzzed too) and fields that need
 * a real value; optional ids that name a new aggregate or item are left to the server.
 */
function includeOptional(field: string, type: GraphQLInputType, parentType: string, context: BaseContext): boolean {
  if (knownValue(parentType, field, context) !== undefined) return true;
  const named = getNamedType(type);
  if (isInputObjectType(named)) return true;
  if (named.name === 'ID') return field === 'jointCaseId' || field === 'referralId' ? field in context.own : false;
  return false;
}

export function baseObject(typeName: string, type: GraphQLInputType, context: BaseContext): JsonObject {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) throw new NoGeneratorError(`${typeName} is not an input object`);
  const value: JsonObject = {};
  for (const field of Object.values(named.getFields())) {
    const required = isNonNullType(field.type) && field.defaultValue === undefined;
    if (required || includeOptional(field.name, field.type, named.name, context)) {
      value[field.name] = baseValue(field.type, field.name, named.name, context);
    }
  }
  return value;
}

/** One place in an input that can be replaced: `["input", "consent", "agencyTypes"]`. */
export interface FieldSite {
  readonly path: readonly (string | number)[];
  readonly type: GraphQLInputType;
  /** Non-null without a default: null and absence must be refused. */
  readonly required: boolean;
  readonly parentType: string;
  readonly name: string;
}

/** Every field of an argument, nested ones included (the first item of a list of objects). */
export function fieldSites(type: GraphQLInputType, path: readonly (string | number)[] = []): FieldSite[] {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return [];
  return Object.values(named.getFields()).flatMap((field) => {
    const here: FieldSite = {
      path: [...path, field.name],
      type: field.type,
      required: isNonNullType(field.type) && field.defaultValue === undefined,
      parentType: named.name,
      name: field.name,
    };
    const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
    const nestedPath = isListType(inner) ? [...here.path, 0] : here.path;
    return [here, ...fieldSites(field.type, nestedPath)];
  });
}

/** The hostile values one field is tried with; ids also with real ids of other kinds and agencies. */
export function hostileValuesFor(site: FieldSite, foreignIds: readonly string[]): HostileValue[] {
  const { type } = site;
  const nullable = !isNonNullType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  const values: HostileValue[] = [{ label: 'null', value: null, expect: nullable ? 'either' : 'fail' }];
  if (isListType(inner)) {
    const item = inner.ofType;
    const itemSite: FieldSite = { ...site, type: item, required: isNonNullType(item) };
    const hostileItems = hostileValuesFor(itemSite, foreignIds).map((h): HostileValue => ({
      label: `[${h.label}]`,
      value: [h.value],
      expect: h.expect,
    }));
    return [
      ...values,
      { label: 'empty list', value: [], expect: 'either' },
      { label: 'object instead of a list', value: { length: 1 }, expect: 'fail' },
      ...hostileItems,
    ];
  }
  if (isInputObjectType(inner)) {
    return [
      ...values,
      {
        label: 'empty object',
        value: {},
        expect: Object.values(inner.getFields()).some((f) => isNonNullType(f.type) && f.defaultValue === undefined)
          ? 'fail'
          : 'either',
      },
      { label: 'unknown field', value: { __proto__x: 1, constructor: 'x' }, expect: 'fail' },
      ...wrongTypesFor('object'),
    ];
  }
  if (isEnumType(inner)) {
    const [first] = inner.getValues();
    return [
      ...values,
      { label: 'unknown enum value', value: 'NOT_A_VALUE', expect: 'fail' },
      { label: 'lower-case enum value', value: (first?.name ?? 'x').toLowerCase(), expect: 'fail' },
      { label: 'enum value with sql', value: `${first?.name ?? 'X'}' OR '1'='1`, expect: 'fail' },
      { label: 'enum value with NUL', value: `${first?.name ?? 'X'}\u0000`, expect: 'fail' },
      ...wrongTypesFor('string').filter((h) => h.label !== 'a list of lists instead'),
    ];
  }
  if (!isScalarType(inner)) throw new NoGeneratorError(`no hostile values for ${site.parentType}.${site.name}`);
  switch (inner.name) {
    case 'ID':
      return [
        ...values,
        ...MALFORMED_IDS,
        { label: 'unknown uuid', value: randomUUID(), expect: 'either' },
        { label: 'nil uuid', value: '00000000-0000-0000-0000-000000000000', expect: 'either' },
        ...foreignIds.map((id, i): HostileValue => ({ label: `another real id #${i}`, value: id, expect: 'either' })),
        { label: 'an object instead', value: { id: randomUUID() }, expect: 'fail' },
        { label: 'a boolean instead', value: false, expect: 'fail' },
      ];
    case 'String':
      return [...values, ...INJECTION_STRINGS, ...FORBIDDEN_STRINGS, ...wrongTypesFor('string')];
    case 'Int':
      return [...values, ...BAD_INTS, ...wrongTypesFor('number').filter((h) => h.label !== 'a string instead')];
    case 'Float':
      return [...values, ...BAD_FLOATS, ...wrongTypesFor('number').filter((h) => h.label !== 'a string instead')];
    case 'Boolean':
      return [...values, { label: 'string "false"', value: 'false', expect: 'fail' }, ...wrongTypesFor('boolean')];
    case 'DateTime':
      return [...values, ...BAD_DATES, { label: 'a boolean instead', value: true, expect: 'fail' }];
    default:
      throw new NoGeneratorError(`no hostile values for the scalar ${inner.name} (${site.parentType}.${site.name})`);
  }
}

/** A copy of `input` with the value at `path` replaced (parents created where the base left them out). */
export function withValueAt(input: JsonObject, path: readonly (string | number)[], value: Json): JsonObject {
  const copy = structuredClone(input);
  let node: Json = copy;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    if (node === null || typeof node !== 'object') return;
    const container = node as Record<string | number, Json>;
    if (last) {
      container[key] = value;
      return;
    }
    if (container[key] === undefined || container[key] === null)
      container[key] = typeof path[i + 1] === 'number' ? [{}] : {};
    node = container[key];
  });
  return copy;
}

export interface MutationShape {
  readonly name: string;
  /** The argument (always `input` in this API) and its type as written in a document. */
  readonly argName: string;
  readonly argType: GraphQLInputType;
  readonly document: string;
}

/** Every mutation of the schema, with a document selecting every scalar field of its payload. */
export function mutationsOf(schema: GraphQLSchema): MutationShape[] {
  const mutation = schema.getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields()).map((field: GraphQLField<unknown, unknown>) => {
    const [arg, ...more] = field.args;
    if (!arg || more.length > 0) {
      throw new NoGeneratorError(`${field.name}: the fuzz test expects exactly one argument`);
    }
    const payload = getNamedType(field.type);
    const selection = isObjectType(payload)
      ? Object.values(payload.getFields())
          .filter((f) => isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)))
          .filter((f) => f.args.length === 0)
          .map((f) => f.name)
          .join(' ')
      : '';
    const document = `mutation Fuzz($${arg.name}: ${String(arg.type)}) { ${field.name}(${arg.name}: $${arg.name})${
      selection ? ` { ${selection} }` : ''
    } }`;
    return { name: field.name, argName: arg.name, argType: arg.type, document };
  });
}
