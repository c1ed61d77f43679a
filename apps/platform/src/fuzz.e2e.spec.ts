import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { compareLogPositions, type LogPosition, type RecordedEvent } from '@pamoja/contracts';
import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import { useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';
import { type Expectation, type HostileValue } from './fuzz/hostile-values.fixture.js';
import {
  baseObject,
  fieldSites,
  hostileValuesFor,
  mutationsOf,
  withValueAt,
  type FieldSite,
  type JsonObject,
  type MutationShape,
} from './fuzz/mutation-inputs.fixture.js';
import { seedSide, type SeedAgencyType } from './fuzz/seed-state.fixture.js';

/*
 * Fuzz test over every mutation of the API (issue 6): malformed and hostile inputs (wrong types, null
 * for required fields, huge strings, injection strings, control characters, numbers and dates out of
 * range, bad lists and enums, unknown, malformed and other agencies' ids) against the embedded app.
 * Every attempt must be answered with a clear error in the API's format and leave the event store as
 * it was; an attempt whose value is in fact acceptable (an emoji in a note) may succeed, and then it
 * must have recorded only the caller's own events, with the text as sent.
 *
 * The mutations come from the schema: a new mutation is fuzzed without editing this file, and a type
 * without a generator fails the test. Seeded: PAMOJA_FUZZ_SEED=<n> replays a run, PAMOJA_FUZZ_RUNS=<n>
 * sets the random attempts per mutation.
 */

const SEED = Number(process.env['PAMOJA_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env['PAMOJA_FUZZ_RUNS'] ?? 15);
const BODY_LIMIT_BYTES = 256 * 1024;

type AgencyType = SeedAgencyType | 'integrator';
const AGENCY_TYPES: readonly AgencyType[] = [
  'first_responder',
  'police',
  'prosecutor',
  'assistance_provider',
  'mining_authority',
  'coordination_body',
  'integrator',
];

/**
 * Who issues each mutation in the ordinary course; a mutation not listed is sent by the first agency type
 * the access policy lets through.
 */
const ISSUER: Readonly<Record<string, AgencyType>> = {
  submitReferral: 'first_responder',
  assessTraffickingScreening: 'first_responder',
  recordConsent: 'first_responder',
  withdrawConsent: 'first_responder',
  revokeReferral: 'first_responder',
  reportSiteIncident: 'first_responder',
  acceptReferral: 'police',
  declineReferral: 'police',
  completeReferral: 'police',
  openInvestigation: 'police',
  recordEvidence: 'police',
  recordEvidenceCustodyTransfer: 'police',
  identifySuspect: 'police',
  recordArrest: 'police',
  transmitCaseFile: 'police',
  closeInvestigation: 'police',
  receiveCaseFile: 'prosecutor',
  fileCharges: 'prosecutor',
  scheduleHearing: 'prosecutor',
  recordHearingHeld: 'prosecutor',
  renderVerdict: 'prosecutor',
  imposeSentence: 'prosecutor',
  orderRestitution: 'prosecutor',
  fileAppeal: 'prosecutor',
  closeProsecution: 'prosecutor',
  registerVictim: 'assistance_provider',
  assessNeeds: 'assistance_provider',
  provideService: 'assistance_provider',
  applyProtectionMeasure: 'assistance_provider',
  closeAssistance: 'assistance_provider',
  registerMineSite: 'mining_authority',
  recordMineSiteInspection: 'mining_authority',
  changeMineSiteStatus: 'mining_authority',
  classifySiteIncident: 'mining_authority',
  closeSiteIncident: 'mining_authority',
  scheduleMeeting: 'coordination_body',
  recordActionPoint: 'coordination_body',
  completeActionPoint: 'coordination_body',
  recordDecision: 'coordination_body',
  recordMinutes: 'coordination_body',
  closeMeeting: 'coordination_body',
};

/**
 * Mutations another agency of the same type may issue on agency A's ids: the shared site registry, and
 * the coordination body's, whose mandate covers every case (it schedules meetings, admits an agency to any
 * case; another coordination body records in A's meeting, an open question for the access policy). An
 * agency that creates something of its own in A's case (a referral joining it, a victim, an investigation,
 * an incident) must be party to it: agency B is not, so that is refused (not_a_party) like every other
 * mutation on A's ids by agency B of the same type.
 */
const SHARED_WITH_SAME_TYPE = new Set([
  'registerMineSite',
  'recordMineSiteInspection',
  'scheduleMeeting',
  'admitCaseParty',
  'recordActionPoint',
  'recordDecision',
  'recordMinutes',
]);

/** Mutations that end an aggregate's life run last, so the others still find it open. */
const ENDS = /^(close|revoke|decline|withdraw|complete|renderVerdict|imposeSentence|fileAppeal)/;

/** The mutation list as committed; the running app's schema must list the same (checked below). */
const COMMITTED_SCHEMA = buildSchema(
  readFileSync(new URL('../../../docs/api/schema.graphql', import.meta.url), 'utf8'),
);
const MUTATION_NAMES = mutationsOf(COMMITTED_SCHEMA)
  .map((m) => m.name)
  .sort((a, b) => Number(ENDS.test(a)) - Number(ENDS.test(b)) || a.localeCompare(b));

/** Codes a refusal may carry: each is one a client can act on. */
const CLEAR_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'RULE_VIOLATION',
]);
const STACK_TRACE = /\n\s+at\s|\bat\s\S+\s\(.*:\d+:\d+\)|node_modules|\.[cm]?[jt]s:\d+/;
const SQL_LEAK =
  /syntax error at or near|relation "|column "|violates \S+ constraint|duplicate key|invalid input syntax|unsupported Unicode escape|Unicode (low|high) surrogate|invalid byte sequence|current transaction is aborted|\bpg_|pglite|event_store\.|SqlEventStore/i;
/** What the API refuses in any text: control characters other than tab and line breaks, lone surrogates. */
const FORBIDDEN_TEXT =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface ErrorBody {
  readonly message?: unknown;
  readonly extensions?: Record<string, unknown>;
}
interface ResponseBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly ErrorBody[];
}

interface Attempt {
  readonly mutation: MutationShape;
  readonly caller: AgencyType;
  readonly side: 'A' | 'B';
  readonly input: JsonObject;
  /** What was changed from the base input, if anything. */
  readonly site?: FieldSite;
  readonly hostile?: HostileValue;
  readonly expect: Expectation;
}

const short = (value: unknown, max = 600): string => {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
};

function describeAttempt(attempt: Attempt): string {
  const field = attempt.site ? attempt.site.path.join('.') : '(base input)';
  const value = attempt.hostile ? `${attempt.hostile.label} ${short(attempt.hostile.value, 120)}` : '';
  return `${attempt.mutation.name} as ${attempt.caller} ${attempt.side}, ${field} = ${value}\n  input: ${short(attempt.input)}`;
}

/** A field a BAD_USER_INPUT error names must be the field that was changed, or one inside or around it. */
function namesField(reported: string, changed: readonly (string | number)[]): boolean {
  const strip = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '').replace(/^input\.?/, '');
  const a = strip(reported);
  const b = strip(changed.join('.'));
  return a === b || b.startsWith(`${a}.`) || a.startsWith(`${b}.`) || a === '' || b === '';
}

describe('fuzz: hostile input to every mutation', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-fuzz-e2e',
    env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
  });
  let url: string;
  let store: EventStore;
  let database: SqlDatabase;
  let schema: GraphQLSchema;
  const tokens = new Map<string, string>();
  const agencyId = (type: AgencyType, side: 'A' | 'B') => `${type.replace(/_/g, '-')}-fuzz-${side.toLowerCase()}`;
  const ids: Record<'A' | 'B', Record<string, string>> = { A: {}, B: {} };
  const issuerOf = new Map<string, AgencyType>();
  /** Hostile values that were accepted (they were allowed to be): printed at the end for review. */
  const accepted: string[] = [];

  const tokenOf = (type: AgencyType, side: 'A' | 'B'): string => {
    const token = tokens.get(`${type}/${side}`);
    if (!token) throw new Error(`no token for ${type} ${side}`);
    return token;
  };

  const head = async (): Promise<{ position: LogPosition; count: number }> => {
    const [rows, position] = await Promise.all([
      database.query<{ n: number | string }>('SELECT count(*) AS n FROM event_store.events'),
      store.headPosition(),
    ]);
    return { position, count: Number(rows[0]?.n ?? -1) };
  };

  const post = async (
    token: string,
    body: string,
    correlationId = randomUUID(),
  ): Promise<{ status: number; text: string }> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-correlation-id': correlationId,
      },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

  /** Waits until nothing more is appended (reactors answering a success), so the next attempt starts still. */
  const settle = async (): Promise<void> => {
    let last = await head();
    for (let i = 0; i < 40; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = await head();
      if (now.count === last.count) return;
      last = now;
    }
  };

  /** The problems with one error of a refusal; empty when it is clear and safe. */
  const problemsOf = (error: ErrorBody, attempt: Attempt): string[] => {
    const problems: string[] = [];
    const code = error.extensions?.['code'];
    let message = typeof error.message === 'string' ? error.message : '';
    if (!message.trim()) problems.push('an error without a message');
    // The value sent may be echoed back (GraphQL quotes a value it cannot coerce): that is not a leak.
    const sent = attempt.hostile?.value;
    if (typeof sent === 'string' && sent.length > 0)
      message = message.split(sent).join('').split(short(sent, 1e9)).join('');
    if (typeof code !== 'string') problems.push('an error without a code');
    else if (!CLEAR_CODES.has(code)) problems.push(`code ${code}`);
    if (
      STACK_TRACE.test(message) ||
      'stacktrace' in (error.extensions ?? {}) ||
      'exception' in (error.extensions ?? {})
    ) {
      problems.push('a stack trace');
    }
    if (SQL_LEAK.test(message)) problems.push('SQL or storage details in the message');
    if (code === 'BAD_USER_INPUT') {
      const fields = error.extensions?.['fields'];
      const named = Array.isArray(fields)
        ? fields.filter(
            (f): f is { field: string; reason: string } =>
              typeof (f as { field?: unknown }).field === 'string' &&
              typeof (f as { reason?: unknown }).reason === 'string' &&
              (f as { reason: string }).reason.length > 0,
          )
        : [];
      if (named.length === 0) problems.push('BAD_USER_INPUT without the fields at fault and their reasons');
      // A value that must be refused is refused for itself; an acceptable one may make another field wrong
      // (no fine now makes the missing imprisonment the problem).
      else if (
        attempt.site &&
        attempt.expect === 'fail' &&
        !named.some((f) => namesField(f.field, attempt.site?.path ?? []))
      ) {
        problems.push(`BAD_USER_INPUT names ${named.map((f) => f.field).join(', ')}, not the field that was changed`);
      }
    }
    return problems;
  };

  /** Sends one attempt and checks the answer and the event store; throws a description on any problem. */
  const tryOnce = async (attempt: Attempt): Promise<void> => {
    const before = await head();
    const correlationId = randomUUID();
    const response = await post(
      tokenOf(attempt.caller, attempt.side),
      JSON.stringify({ query: attempt.mutation.document, variables: { [attempt.mutation.argName]: attempt.input } }),
      correlationId,
    );
    const fail = (problem: string): never => {
      throw new Error(
        `${problem}\n  ${describeAttempt(attempt)}\n  HTTP ${response.status}: ${short(response.text, 1500)}`,
      );
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      return fail('the response is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || (!('data' in parsed) && !('errors' in parsed))) {
      fail('the response is not a GraphQL response');
    }
    const body = parsed as ResponseBody;
    if (![200, 400].includes(response.status)) fail(`HTTP status ${response.status}`);
    const errors = body.errors ?? [];
    if (errors.length > 0) {
      const problems = errors.flatMap((error) => problemsOf(error, attempt));
      if (problems.length > 0) fail(`an unclear or unsafe error: ${problems.join('; ')}`);
      const after = await head();
      if (after.count !== before.count || compareLogPositions(after.position, before.position) !== 0) {
        fail(`a refused attempt changed the event store: ${before.count} -> ${after.count} events`);
      }
      return;
    }
    const payload = body.data?.[attempt.mutation.name];
    if (!payload) fail('neither an error nor a payload');
    if (attempt.expect === 'fail') fail('a value that must be refused was accepted');
    // Accepted: only the caller's own events (and reactions caused by them), the text stored as sent.
    await settle();
    const { events } = await store.readAll({ after: before.position });
    // The caller's own events carry the request's correlation id; a reactor's answer is caused by one of them.
    const batch = new Set(events.map((e) => e.eventId));
    const caused = (e: RecordedEvent) => e.metadata.causationId !== null && batch.has(e.metadata.causationId);
    const own = events.filter((e) => e.metadata.correlationId === correlationId && !caused(e));
    const stranger = events.find((e) => !own.includes(e) && !caused(e));
    if (stranger) fail(`an event that is not the caller's: ${stranger.type} by ${stranger.metadata.actor.agencyId}`);
    const wrongActor = own.find((e) => e.metadata.actor.agencyId !== agencyId(attempt.caller, attempt.side));
    if (wrongActor) fail(`an event recorded for ${wrongActor.metadata.actor.agencyId}`);
    const sent = attempt.hostile?.value;
    if (
      typeof sent === 'string' &&
      sent.trim().length > 0 &&
      attempt.site &&
      getNamedTypeName(attempt.site) === 'String'
    ) {
      const stored = JSON.stringify(own.map((e) => e.data));
      if (!stored.includes(JSON.stringify(sent.trim()).slice(1, -1))) fail('the text was not stored as sent');
    }
    accepted.push(
      `${attempt.mutation.name} ${attempt.site?.path.join('.') ?? '(base)'} = ${attempt.hostile?.label ?? ''} (${attempt.caller} ${attempt.side})`,
    );
  };

  const shapeOf = (name: string): MutationShape => {
    const shape = mutationsOf(schema).find((m) => m.name === name);
    if (!shape) throw new Error(`the running app has no mutation ${name}`);
    return shape;
  };

  const baseFor = (shape: MutationShape, side: 'A' | 'B', target: 'A' | 'B' = side): JsonObject =>
    baseObject(shape.argType.toString(), shape.argType, {
      own: ids[target],
      agencyIdOf: (type) => agencyId(type.toLowerCase() as AgencyType, side),
      siteCode: target === 'A' ? 'NK-MAS-101' : 'NK-MAS-102',
    });

  /** The agency type that sends a mutation: the usual issuer, or the first the access policy lets through. */
  const issuer = async (shape: MutationShape): Promise<AgencyType> => {
    const known = issuerOf.get(shape.name);
    if (known) return known;
    const preferred = ISSUER[shape.name];
    const order = preferred ? [preferred, ...AGENCY_TYPES.filter((t) => t !== preferred)] : [...AGENCY_TYPES];
    for (const type of order) {
      // An invalid command id: the policy answers before validation, and nothing can be written.
      const probe = { ...baseFor(shape, 'A'), commandId: 'probe' };
      const response = await post(
        tokenOf(type, 'A'),
        JSON.stringify({ query: shape.document, variables: { [shape.argName]: probe } }),
      );
      const body = JSON.parse(response.text) as ResponseBody;
      const refusedByPolicy = (body.errors ?? []).some(
        (e) => e.extensions?.['code'] === 'FORBIDDEN' && e.extensions['reason'] === 'access_policy',
      );
      if (!refusedByPolicy) {
        issuerOf.set(shape.name, type);
        return type;
      }
    }
    throw new Error(`no agency type may issue ${shape.name}`);
  };

  beforeAll(async () => {
    process.stdout.write(`fuzz seed: ${SEED} (replay with PAMOJA_FUZZ_SEED=${SEED}), ${RUNS} runs per mutation\n`);
    url = platform.graphqlUrl;
    store = platform.get<EventStore>(EVENT_STORE);
    database = platform.get<SqlDatabase>(SQL_DATABASE);
    for (const side of ['A', 'B'] as const) {
      for (const type of AGENCY_TYPES) {
        const token = await platform.tokenFor({ agencyId: agencyId(type, side), agencyType: type, roles: ['fuzzer'] });
        tokens.set(`${type}/${side}`, token);
      }
    }
    const client = platform.anonymous;
    const introspection = await client.as(tokenOf('police', 'A')).ok<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection);
    for (const side of ['A', 'B'] as const) {
      ids[side] = await seedSide({
        agencyIdOf: (type) => agencyId(type, side),
        client: (type) => client.as(tokenOf(type, side)),
        siteCode: side === 'A' ? 'NK-MAS-101' : 'NK-MAS-102',
      });
    }
    await settle();
  }, 120_000);

  afterAll(() => {
    if (accepted.length > 0) {
      process.stdout.write(
        `fuzz: ${accepted.length} hostile or foreign inputs were accepted as data:\n  ${accepted.join('\n  ')}\n`,
      );
    }
  });

  it('serves every mutation of the committed schema', () => {
    const served = new Set(mutationsOf(schema).map((m) => m.name));
    expect(MUTATION_NAMES.filter((name) => !served.has(name))).toEqual([]);
  });

  it('refuses a NUL or a lone surrogate in a free text naming the field, and writes nothing', async () => {
    const shape = shapeOf('recordDecision');
    for (const text of ['decided\u0000', 'decided \uD800']) {
      const before = await head();
      const response = await post(
        tokenOf('coordination_body', 'A'),
        JSON.stringify({
          query: shape.document,
          variables: { input: { commandId: randomUUID(), meetingId: ids.A['meetingId'], text } },
        }),
      );
      const body = JSON.parse(response.text) as ResponseBody;
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'text' }] });
      expect(await head()).toEqual(before);
    }
  });

  it('refuses text that is not an agency id where a meeting names agencies, and writes nothing', async () => {
    const attempts: [string, Record<string, unknown>, RegExp][] = [
      [
        'recordActionPoint',
        { ...baseFor(shapeOf('recordActionPoint'), 'A'), ownerAgencyId: "x'; DROP TABLE event_store.events; --" },
        /^ownerAgencyId$/,
      ],
      [
        'scheduleMeeting',
        { ...baseFor(shapeOf('scheduleMeeting'), 'A'), participantAgencyIds: ['<script>alert(1)</script>'] },
        /^participantAgencyIds/,
      ],
    ];
    for (const [name, input, field] of attempts) {
      const before = await head();
      const response = await post(
        tokenOf('coordination_body', 'A'),
        JSON.stringify({ query: shapeOf(name).document, variables: { input } }),
      );
      const body = JSON.parse(response.text) as ResponseBody;
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: expect.stringMatching(field), reason: expect.stringMatching(/agency id/) }],
      });
      expect(await head()).toEqual(before);
    }
  });

  const fuzzMutation = async (name: string): Promise<void> => {
    const shape = shapeOf(name);
    const caller = await issuer(shape);
    const sites = fieldSites(shape.argType);
    const foreignIds = [...Object.values(ids.B), ids.A['siteId'] ?? '', ids.A['referralId'] ?? ''];
    // Each field with each of its hostile values: the whole space fast-check draws from.
    const space = sites.flatMap((site) => hostileValuesFor(site, foreignIds).map((hostile) => ({ site, hostile })));
    expect(space.length).toBeGreaterThan(0);
    const mutated = (site: FieldSite, hostile: HostileValue): Attempt => ({
      mutation: shape,
      caller,
      side: 'A',
      input: withValueAt(baseFor(shape, 'A'), site.path, hostile.value),
      site,
      hostile,
      expect: hostile.expect,
    });

    // The base input itself: it may succeed (it is meant to be valid), or be refused clearly.
    await tryOnce({ mutation: shape, caller, side: 'A', input: baseFor(shape, 'A'), expect: 'either' });

    // Every field: null, then a value of the wrong type.
    for (const site of sites) {
      const [nullValue, ...rest] = hostileValuesFor(site, foreignIds);
      const wrongType = rest.find((h) => /instead/.test(h.label));
      for (const hostile of [nullValue, wrongType]) if (hostile) await tryOnce(mutated(site, hostile));
    }

    // Random draws: one field at a time, from the hostile values or from arbitrary text for a String.
    const stringSites = sites.filter((site) => getNamedTypeName(site) === 'String');
    const draws = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...space) },
      ...(stringSites.length > 0
        ? [
            {
              weight: 1,
              arbitrary: fc
                .tuple(fc.constantFrom(...stringSites), fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }))
                .map(([site, value]) => ({
                  site,
                  hostile: {
                    label: 'arbitrary text',
                    value,
                    expect: FORBIDDEN_TEXT.test(value) ? ('fail' as const) : ('either' as const),
                  },
                })),
            },
          ]
        : []),
    );
    await fc.assert(
      fc.asyncProperty(draws, async ({ site, hostile }) => {
        await tryOnce(mutated(site, hostile));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );

    // Other agencies on A's ids: the same type from another agency, and one other type (drawn from the seed;
    // the access-matrix test covers every type).
    const others = AGENCY_TYPES.filter((type) => type !== caller);
    const other = others[(SEED + MUTATION_NAMES.indexOf(name) + 1) % others.length] ?? 'integrator';
    await tryOnce({
      mutation: shape,
      caller,
      side: 'B',
      input: baseFor(shape, 'B', 'A'),
      expect: SHARED_WITH_SAME_TYPE.has(name) || !MUTATION_NAMES.includes(name) ? 'either' : 'fail',
    });
    await tryOnce({ mutation: shape, caller: other, side: 'A', input: baseFor(shape, 'A'), expect: 'either' });

    // A body over the limit is refused before anything is parsed.
    const before = await head();
    const huge = withValueAt(baseFor(shape, 'A'), [sites[0]?.name ?? 'commandId'], 'z'.repeat(BODY_LIMIT_BYTES + 1024));
    const response = await post(
      tokenOf(caller, 'A'),
      JSON.stringify({ query: shape.document, variables: { [shape.argName]: huge } }),
    );
    expect(response.status).toBe(413);
    expect(response.text).not.toMatch(STACK_TRACE);
    expect(await head()).toEqual(before);
  };

  it.each(MUTATION_NAMES)('%s: every hostile input is refused clearly and changes nothing', fuzzMutation, 60_000);

  it('fuzzes the mutations the app serves beyond the committed schema too', async () => {
    const extra = mutationsOf(schema)
      .map((m) => m.name)
      .filter((name) => !MUTATION_NAMES.includes(name));
    for (const name of extra) await fuzzMutation(name);
  }, 120_000);
});

function getNamedTypeName(site: FieldSite): string {
  return getNamedType(site.type).name;
}
