/*
 * A log of N events shaped like the demo seed's, for measuring how cost grows with the log (tools/bench/growth.bench.ts).
 *
 *   node dist/tools/growth/generate-log.js --events 100000 --database-url postgres://postgres@127.0.0.1:5432/pamoja_growth
 *   node dist/tools/growth/generate-log.js --events 10000 --data-dir ./growth-data          (embedded PGlite)
 *
 * How. The seed itself (apps/platform/src/seed) runs once into a temporary data directory, through the GraphQL API
 * as always; its log, read back decrypted, is the template: every event type in the seed's proportions, grouped as
 * the platform appended them (one group per command, or per reaction of the platform itself), with their metadata
 * and joint case ids. Each copy of the template gets new ids (every UUID: streams, events, commands, correlation
 * ids, joint cases, persons), new site codes (they are unique in the registry) and dates moved into the last 25
 * days, so that no deadline of a copy falls due while a benchmark runs. The agency directory is registered once.
 *
 * The copies are appended through the event store the platform writes with: the SQL store (stream revisions,
 * hash chains) behind the personal-data protection, with every context's personal-data declarations, so the
 * personal fields are encrypted under a key per person as the platform stores them. Several writers each append a
 * copy at a time, in the template's order (the log stays causally in order within a copy, copies interleave).
 *
 * Ids and content follow from --seed; the dates from the time of generation; the ciphertexts from fresh IVs.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type EventMetadata, type LogPosition, type NewEvent, type RecordedEvent } from '@pamoja/contracts';
import { NO_STREAM, PgliteDatabase, PostgresDatabase, type SqlDatabase } from '@pamoja/event-store';
import { loadConfig } from '@pamoja/platform/config';
import { DEMO_AGENCIES, registerAgencies } from '@pamoja/platform/directory';
import { openProtectedEventStore, PersonalDataRegistry, type ProtectedEventStore } from '@pamoja/platform/privacy';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the template is what the platform's own seed writes
import { runSeed } from '../../apps/platform/src/seed/seed.js';
// eslint-disable-next-line @nx/enforce-module-boundaries -- every context's personal-data declarations, as the app has
import { ALL_CONTEXTS } from '../../apps/platform/src/contexts.js';

// ---------------------------------------------------------------------------------------------------------------
// The template: the seed's log
// ---------------------------------------------------------------------------------------------------------------

/** One append of the template: events of one stream the platform stored together. */
export interface TemplateAppend {
  readonly streamId: string;
  /** The stream's revision before the append (-1: the stream is new). */
  readonly revisionBefore: number;
  readonly events: readonly RecordedEvent[];
}

export interface SeedTemplate {
  readonly appends: readonly TemplateAppend[];
  readonly events: number;
  /** Events per type in one copy. */
  readonly types: Readonly<Record<string, number>>;
}

/** Streams written once per log, not per copy: the agency directory. */
const ONCE_PER_LOG = /^agency-/;

/** Runs the demo seed into a temporary data directory and returns its log, decrypted, as a template. */
export async function seedTemplate(log: (line: string) => void = () => undefined): Promise<SeedTemplate> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-growth-seed-'));
  try {
    const config = loadConfig(
      { LOG_LEVEL: 'error', PAMOJA_DATA_DIR: dataDir, PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
      { mode: 'embedded', serviceName: 'pamoja-growth-seed' },
    );
    const started = Date.now();
    await runSeed(config, () => undefined);
    log(`seed template: the demo seed ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    try {
      const store = await openProtectedEventStore(db, config);
      const events: RecordedEvent[] = [];
      let after: LogPosition | undefined;
      for (;;) {
        const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 1000 });
        if (page.events.length === 0) break;
        events.push(...page.events);
        after = page.checkedUpTo;
      }
      await store.close();
      return templateOf(events);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function templateOf(log: readonly RecordedEvent[]): SeedTemplate {
  const appends: { streamId: string; revisionBefore: number; transactionId: number; events: RecordedEvent[] }[] = [];
  const types: Record<string, number> = {};
  for (const event of log) {
    if (ONCE_PER_LOG.test(event.streamId)) continue;
    types[event.type] = (types[event.type] ?? 0) + 1;
    const last = appends.at(-1);
    if (last && last.streamId === event.streamId && last.transactionId === event.transactionId) {
      last.events.push(event);
    } else {
      appends.push({
        streamId: event.streamId,
        revisionBefore: event.streamRevision - 1,
        transactionId: event.transactionId,
        events: [event],
      });
    }
  }
  const events = appends.reduce((sum, a) => sum + a.events.length, 0);
  if (events === 0) throw new Error('the seed wrote no scenario events: nothing to copy');
  return { appends, events, types };
}

// ---------------------------------------------------------------------------------------------------------------
// Copies
// ---------------------------------------------------------------------------------------------------------------

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const INSTANT = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,3})?Z';
const SITE_CODE = '(?:NK|SK)-[A-Z]{3}-\\d{3}';
const HOLE = new RegExp(`(${UUID})|(${INSTANT})|(${SITE_CODE})`, 'g');
/** How far back the copies' dates reach: less than the seed's longest open deadline (30 days). */
const SPREAD_MS = 25 * 24 * 3600_000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

type Hole = { kind: 'id'; index: number } | { kind: 'instant'; ms: number } | { kind: 'site'; index: number };

/** A template event as text with holes where each copy puts its own ids, dates and site codes. */
interface CompiledEvent {
  readonly parts: readonly string[];
  readonly holes: readonly Hole[];
  readonly type: string;
  readonly schemaVersion: number;
}

interface CompiledAppend {
  readonly stream: CompiledEvent;
  readonly revisionBefore: number;
  readonly events: readonly CompiledEvent[];
}

export interface CompiledTemplate {
  /** As the platform appended them: one append per command (or reaction), in the seed's order. */
  readonly appends: readonly CompiledAppend[];
  /** One append per stream, streams in the order they first appear (fewer, larger appends). */
  readonly streamAppends: readonly CompiledAppend[];
  readonly events: number;
  readonly ids: number;
  readonly sites: readonly string[];
  /** The ids (by index) the platform derives from what has no time: they stay random in every copy. */
  readonly untimedIds: ReadonlySet<number>;
  /** The earliest instant of the template: a copy's dates are moved relative to it. */
  readonly origin: number;
  readonly types: Readonly<Record<string, number>>;
}

export function compileTemplate(template: SeedTemplate): CompiledTemplate {
  const ids = new Map<string, number>();
  const sites = new Map<string, number>();
  let origin = Number.POSITIVE_INFINITY;
  const compile = (text: string): { parts: string[]; holes: Hole[] } => {
    const parts: string[] = [];
    const holes: Hole[] = [];
    let at = 0;
    for (const match of text.matchAll(HOLE)) {
      parts.push(text.slice(at, match.index));
      const [whole, id, instant, site] = match;
      if (id !== undefined) {
        if (!ids.has(id)) ids.set(id, ids.size);
        holes.push({ kind: 'id', index: ids.get(id) ?? 0 });
      } else if (instant !== undefined) {
        const ms = Date.parse(instant);
        origin = Math.min(origin, ms);
        holes.push({ kind: 'instant', ms });
      } else if (site !== undefined) {
        if (!sites.has(site)) sites.set(site, sites.size);
        holes.push({ kind: 'site', index: sites.get(site) ?? 0 });
      }
      at = match.index + whole.length;
    }
    parts.push(text.slice(at));
    return { parts, holes };
  };
  const appends = template.appends.map((append) => ({
    stream: { ...compile(JSON.stringify(append.streamId)), type: '', schemaVersion: 0 },
    revisionBefore: append.revisionBefore,
    events: append.events.map((event) => {
      // A trace context names a request of the seed's run: a copy has none (no request made it).
      const { traceparent: _trace, ...metadata } = event.metadata as EventMetadata & { traceparent?: string };
      return {
        ...compile(JSON.stringify({ eventId: event.eventId, data: event.data, metadata })),
        type: event.type,
        schemaVersion: event.schemaVersion,
      };
    }),
  }));
  const byStream = new Map<string, { stream: CompiledEvent; revisionBefore: number; events: CompiledEvent[] }>();
  template.appends.forEach((append, i) => {
    const compiled = appends[i];
    if (!compiled) return;
    const known = byStream.get(append.streamId);
    if (known) known.events.push(...compiled.events);
    else byStream.set(append.streamId, { ...compiled, events: [...compiled.events] });
  });
  return {
    appends,
    streamAppends: [...byStream.values()],
    events: template.events,
    ids: ids.size,
    sites: [...sites.keys()],
    untimedIds: new Set(
      template.appends.flatMap((append) => {
        const site = /^site-(.+)$/.exec(append.streamId)?.[1];
        const index = site === undefined ? undefined : ids.get(site);
        return index === undefined ? [] : [index];
      }),
    ),
    origin: Number.isFinite(origin) ? origin : 0,
    types: template.types,
  };
}

/**
 * A UUID that follows from the seed, the copy and the template id's index. Time-ordered (version 7, at `millis`)
 * as the platform and its clients make ids (docs/adr/0040-time-ordered-ids.md); random (version 4 layout) for the
 * ids the platform derives from something that has no time (a site's id, from its code).
 */
function copyId(seed: number, copy: number, index: number, millis: number | undefined): string {
  const h = createHash('sha256').update(`${seed}/${copy}/${index}`).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  if (millis === undefined) {
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  const t = Math.max(0, Math.floor(millis)).toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Site code number `n` (0 ≤ n < 26³·1000) under the template code's province: `NK-ABC-123`. */
function siteCode(template: string, n: number): string {
  let letters = '';
  let rest = Math.floor(n / 1000);
  for (let i = 0; i < 3; i++) {
    letters = (LETTERS[rest % 26] ?? 'A') + letters;
    rest = Math.floor(rest / 26);
  }
  return `${template.slice(0, 2)}-${letters}-${String(n % 1000).padStart(3, '0')}`;
}

/**
 * `command`: each copy appended as the platform appended the seed, one append per command, in the seed's order.
 * `stream`: each stream of a copy in one append (a quarter of the appends: what makes a million events quick),
 * streams in the order they first appear, so an event may come before another stream's event it followed.
 */
export type Batching = 'command' | 'stream';

export interface CopyAppend {
  readonly streamId: string;
  readonly revisionBefore: number;
  readonly events: NewEvent[];
}

/** Copy number `copy` of the template: its appends in order, with its own ids, site codes and dates. */
export function templateCopy(
  template: CompiledTemplate,
  options: { seed: number; copy: number; copies: number; now: number; batch?: Batching },
): CopyAppend[] {
  const { seed, copy, copies, now } = options;
  const ids: string[] = [];
  // Copies spread evenly over the last SPREAD_MS, the last one an hour before now, in copy order.
  const start = now - 3600_000 - SPREAD_MS + (copies > 1 ? (SPREAD_MS * copy) / (copies - 1) : SPREAD_MS);
  // A copy's ids are made in the order the template first names them, a millisecond apart, from its start.
  const id = (index: number): string =>
    (ids[index] ??= copyId(seed, copy, index, template.untimedIds.has(index) ? undefined : start + index));
  const shift = start - template.origin;
  const fill = (compiled: { parts: readonly string[]; holes: readonly Hole[] }): string => {
    let text = compiled.parts[0] ?? '';
    compiled.holes.forEach((hole, i) => {
      if (hole.kind === 'id') text += id(hole.index);
      else if (hole.kind === 'instant') text += new Date(Math.round(hole.ms + shift)).toISOString();
      else text += siteCode(template.sites[hole.index] ?? 'NK', copy * template.sites.length + hole.index);
      text += compiled.parts[i + 1] ?? '';
    });
    return text;
  };
  const appends = options.batch === 'stream' ? template.streamAppends : template.appends;
  return appends.map((append) => ({
    streamId: JSON.parse(fill(append.stream)) as string,
    revisionBefore: append.revisionBefore,
    events: append.events.map((event) => {
      const { eventId, data, metadata } = JSON.parse(fill(event)) as Pick<NewEvent, 'eventId' | 'data' | 'metadata'>;
      return { eventId, type: event.type, schemaVersion: event.schemaVersion, data, metadata };
    }),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------------------

export interface GenerateOptions {
  /** Events to write (whole copies of the template: the count is rounded up to the next copy). */
  readonly events: number;
  /** The data directory: the master key (and, without `databaseUrl`, the PGlite database under `pglite/`). */
  readonly dataDir: string;
  /** A PostgreSQL database to write the log to instead of the data directory's PGlite. */
  readonly databaseUrl?: string;
  readonly seed: number;
  /** Concurrent writers, each appending one copy at a time (default 8; PGlite serialises them anyway). */
  readonly writers?: number;
  /** How each copy is cut into appends (default `stream`). */
  readonly batch?: Batching;
  /** The template, when the caller already has it (the seed runs otherwise). */
  readonly template?: SeedTemplate;
  readonly log?: (line: string) => void;
}

export interface GenerateResult {
  readonly events: number;
  readonly appends: number;
  readonly copies: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly types: Readonly<Record<string, number>>;
}

/** The registry of the running platform: every context's personal fields and erasure events. */
export function platformPersonalData(): PersonalDataRegistry {
  const registry = new PersonalDataRegistry();
  for (const context of ALL_CONTEXTS) {
    registry.declare(...(context.definition.personalData ?? [])).declareErasure(...(context.definition.erasures ?? []));
  }
  return registry;
}

/** Opens the database of a growth log: PostgreSQL when a URL is given, the data directory's PGlite otherwise. */
export async function openGrowthDatabase(options: { dataDir: string; databaseUrl?: string }): Promise<SqlDatabase> {
  if (options.databaseUrl) {
    return new PostgresDatabase({
      connectionString: options.databaseUrl,
      applicationName: 'pamoja-growth',
      poolSize: 12,
    });
  }
  return PgliteDatabase.open(join(options.dataDir, 'pglite'));
}

/** The event store as the platform writes: SQL store behind the personal-data protection. */
export function openGrowthStore(db: SqlDatabase, dataDir: string): Promise<ProtectedEventStore> {
  return openProtectedEventStore(
    db,
    { dataDir, masterKey: undefined, mode: 'embedded' },
    { registry: platformPersonalData() },
  );
}

export async function generateLog(options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => undefined);
  const template = compileTemplate(options.template ?? (await seedTemplate(log)));
  const copies = Math.max(1, Math.ceil(options.events / template.events));
  const writers = Math.max(1, options.writers ?? 8);
  const batch = options.batch ?? 'stream';
  const perCopy = (batch === 'stream' ? template.streamAppends : template.appends).length;
  log(
    `template: ${template.events} events in ${perCopy} appends per copy (${batch} batches); ` +
      `${copies} copies for ${options.events} events, ${writers} writers`,
  );
  const db = await openGrowthDatabase(options);
  try {
    const store = await openGrowthStore(db, options.dataDir);
    try {
      const head = await store.headPosition();
      if (head.globalPosition > 0) {
        throw new Error(`the target already holds a log (head at ${head.globalPosition}): give an empty database`);
      }
      await registerAgencies(store, DEMO_AGENCIES);
      const now = Date.now();
      const started = performance.now();
      let next = 0;
      let written = 0;
      let appends = 0;
      let lastReport = started;
      const report = (final = false): void => {
        const at = performance.now();
        if (!final && at - lastReport < 2000) return;
        lastReport = at;
        const seconds = (at - started) / 1000;
        log(
          `${written} / ${copies * template.events} events (${((100 * written) / (copies * template.events)).toFixed(1)}%), ` +
            `${Math.round(written / Math.max(seconds, 0.001))} events/s, ${seconds.toFixed(0)} s`,
        );
      };
      const writer = async (): Promise<void> => {
        for (let copy = next++; copy < copies; copy = next++) {
          for (const append of templateCopy(template, { seed: options.seed, copy, copies, now, batch })) {
            await store.appendToStream(append.streamId, append.events, {
              expectedRevision: append.revisionBefore < 0 ? NO_STREAM : append.revisionBefore,
            });
            written += append.events.length;
            appends++;
          }
          report();
        }
      };
      await Promise.all(Array.from({ length: writers }, () => writer()));
      report(true);
      const seconds = (performance.now() - started) / 1000;
      const types = Object.fromEntries(Object.entries(template.types).map(([type, n]) => [type, n * copies]));
      return { events: written, appends, copies, seconds, eventsPerSecond: written / seconds, types };
    } finally {
      await store.close();
    }
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------------

const USAGE = `usage: node dist/tools/growth/generate-log.js --events <n> (--database-url <url> | --data-dir <dir>) [options]
  Writes a log of about n events shaped like the demo seed's (whole copies of it) through the platform's event
  store (hash chains, encrypted personal data) into an empty database.
  --events <n>            how many events (rounded up to whole copies of the seed's scenario)
  --database-url <url>    an empty PostgreSQL database to write to (its master key goes to --data-dir)
  --data-dir <dir>        the data directory: its master key, and the PGlite database when no --database-url
                          (default ./growth-data)
  --seed <int>            ids and content follow from it (default 1)
  --writers <n>           concurrent writers (default 8)
  --batch stream|command  one append per stream of a copy (default; fast), or one per command as the seed's
                          (every event after the one it followed, four times the appends)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: '1' },
      writers: { type: 'string', default: '8' },
      batch: { type: 'string', default: 'stream' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || values.events === undefined) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const events = Number(values.events);
  const seed = Number(values.seed);
  const writers = Number(values.writers);
  if (!Number.isInteger(events) || events <= 0) throw new Error('--events takes a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  if (!Number.isInteger(writers) || writers <= 0) throw new Error('--writers takes a positive integer');
  const batch = values.batch;
  if (batch !== 'stream' && batch !== 'command') throw new Error('--batch takes stream or command');
  const result = await generateLog({
    events,
    seed,
    writers,
    batch,
    dataDir: values['data-dir'] ?? 'growth-data',
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(
    `wrote ${result.events} events (${result.copies} copies of the seed, ${result.appends} appends) in ` +
      `${result.seconds.toFixed(1)} s: ${Math.round(result.eventsPerSecond)} events/s\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`generate-log failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
