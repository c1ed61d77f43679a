import { type JsonSchema } from './json-schema.js';

/**
 * One field of an integration event's data: where it is read from in the domain event's data, how it is
 * checked, and its JSON Schema. The payload schema and the mapping are built from the same list of fields,
 * so they cannot drift apart, and a field that is not listed never leaves the agency.
 */
export interface Field<T = unknown> {
  readonly schema: JsonSchema;
  /** Dotted path in the domain event's data; by default the field's own name. */
  readonly from?: string;
  /** Returns the value to publish, or throws an Error saying what is wrong with it. */
  read(value: unknown): T;
}

export type Fields = Readonly<Record<string, Field>>;

/** The type of the value a field carries (`text()`: string, `nullable(list(text()))`: string[] | null). */
export type FieldValue<F> = F extends Field<infer T> ? T : never;

/**
 * The data of an integration event as other agencies receive it, typed from its list of fields: the
 * published language is derived from the catalogue, so the two cannot drift apart.
 */
export type SharedData<F extends Fields> = { readonly [K in keyof F]: FieldValue<F[K]> };

interface FieldOptions {
  readonly from?: string;
  readonly description?: string;
}

function scalar<T>(
  type: 'string' | 'integer' | 'number' | 'boolean',
  check: (value: unknown) => value is T,
  options: FieldOptions,
  extra: JsonSchema = {},
): Field<T> {
  const schema: JsonSchema = { type, ...extra, ...(options.description ? { description: options.description } : {}) };
  return {
    schema,
    ...(options.from ? { from: options.from } : {}),
    read(value) {
      if (!check(value)) throw new Error(`expected ${type}${extra.format ? ` (${extra.format})` : ''}`);
      return value;
    },
  };
}

/** An opaque id, a registry code, a vocabulary id or a name that identifies no person. */
export function text(options: FieldOptions = {}): Field<string> {
  return scalar('string', (v): v is string => typeof v === 'string', options);
}

/** An ISO-8601 UTC instant, as every event's data carries time. */
export function instant(options: FieldOptions = {}): Field<string> {
  return scalar('string', (v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)), options, {
    format: 'date-time',
  });
}

export function integer(options: FieldOptions = {}): Field<number> {
  return scalar('integer', (v): v is number => Number.isInteger(v), options);
}

export function decimal(options: FieldOptions = {}): Field<number> {
  return scalar('number', (v): v is number => typeof v === 'number' && Number.isFinite(v), options);
}

export function bool(options: FieldOptions = {}): Field<boolean> {
  return scalar('boolean', (v): v is boolean => typeof v === 'boolean', options);
}

/** A value that is always the same (e.g. `escalatedTo: coordination_body`). */
export function constant<const V extends string>(value: V, options: FieldOptions = {}): Field<V> {
  return {
    schema: { type: 'string', const: value, ...(options.description ? { description: options.description } : {}) },
    ...(options.from ? { from: options.from } : {}),
    read(actual) {
      if (actual !== value) throw new Error(`expected ${JSON.stringify(value)}`);
      return value;
    },
  };
}

/** The same field, or null (absent values are null in event data, never omitted). */
export function nullable<T>(field: Field<T>): Field<T | null> {
  const { schema } = field;
  const nullableSchema: JsonSchema =
    typeof schema.type === 'string' && schema.const === undefined
      ? { ...schema, type: [schema.type, 'null'] }
      : { anyOf: [schema, { type: 'null' }] };
  return {
    schema: nullableSchema,
    ...(field.from ? { from: field.from } : {}),
    read: (value) => (value === null ? null : field.read(value)),
  };
}

export function list<T>(item: Field<T>, options: FieldOptions = {}): Field<readonly T[]> {
  return {
    schema: {
      type: 'array',
      items: item.schema,
      ...(options.description ? { description: options.description } : {}),
    },
    ...(options.from ? { from: options.from } : {}),
    read(value) {
      if (!Array.isArray(value)) throw new Error('expected array');
      return value.map((element: unknown, i) => {
        try {
          return item.read(element);
        } catch (error) {
          throw new Error(`[${i}]: ${(error as Error).message}`, { cause: error });
        }
      });
    },
  };
}

/** A nested object: only the listed fields are copied. */
export function object<F extends Fields>(fields: F, options: FieldOptions = {}): Field<SharedData<F>> {
  return {
    schema: { ...objectSchema(fields), ...(options.description ? { description: options.description } : {}) },
    ...(options.from ? { from: options.from } : {}),
    read: (value) => readFields(fields, value),
  };
}

export function objectSchema(fields: Fields): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(fields),
    properties: Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.schema])),
  };
}

function at(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Copies the listed fields (and nothing else) out of `source`; throws naming the first field that is wrong. */
export function readFields<F extends Fields>(fields: F, source: unknown): SharedData<F> {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw new Error('expected object');
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const path = field.from ?? name;
    const value = at(source, path);
    if (value === undefined) throw new Error(`${path}: missing`);
    try {
      result[name] = field.read(value);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  // Every listed field was read into it by its own reader.
  return result as SharedData<F>;
}
