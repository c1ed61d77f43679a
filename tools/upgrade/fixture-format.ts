/*
 * The upgrade fixtures' format, shared by the program that makes them (make-fixtures.ts) and the test that
 * starts today's platform on every one of them (upgrade.e2e.spec.ts).
 *
 * tools/upgrade/fixtures/<release>/
 *   manifest.json            the release, when it was made, and per target the log head and chain digest
 *   expected.json            the queries (GraphQL operation, variables, the token's claims) and their answers
 *   embedded/pglite.tar.br   the embedded data directory's database (PGlite's dumpDataDir, Brotli-compressed)
 *   embedded/keys/           the data directory's key files (personal-data master key, development issuer)
 *   postgres/dump.sql        pg_dump (plain SQL) of a database the platform filled on PostgreSQL
 *   postgres/keys/           the key files of the platform that filled it
 *
 * A fixture, once committed, is never changed: it is what a site running that release has on disk.
 */
import { isDeepStrictEqual } from 'node:util';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { type AgencyType } from '@pamoja/contracts';

/** The embedded data directory's database: the tar archive of PGlite's `dumpDataDir`, compressed with Brotli. */
export const EMBEDDED_ARCHIVE = 'pglite.tar.br';

export function compressArchive(tar: Buffer): Buffer {
  return brotliCompressSync(tar, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: tar.length,
    },
  });
}

export function decompressArchive(compressed: Buffer): Buffer {
  return brotliDecompressSync(compressed);
}

export const FIXTURE_TARGETS = ['embedded', 'postgres'] as const;
export type FixtureTarget = (typeof FIXTURE_TARGETS)[number];

/** The claims of the development token a query is sent with. */
export interface FixtureActor {
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly roles: readonly string[];
}

export interface FixtureQuery {
  /** Unique within the fixture: the key of its answers. */
  readonly name: string;
  readonly as: FixtureActor;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** What the log held when the fixture was made (as `npm run verify` reports it). */
export interface FixtureLog {
  readonly events: number;
  readonly head: { readonly transactionId: number; readonly globalPosition: number };
  /** The log digest over those events (hex): `npm run verify -- --expect <events>:<digest>`. */
  readonly digest: string;
}

export interface FixtureManifest {
  readonly release: string;
  /** When the fixture was made (wall clock). */
  readonly createdAt: string;
  /**
   * The platform's clock while the fixture was made and queried: commands were dated from it, and today's
   * platform is queried with its clock set to `clockAt`, so that nothing falls due in between.
   */
  readonly clockFrom: string;
  readonly clockAt: string;
  readonly targets: Readonly<Record<FixtureTarget, FixtureLog & { readonly files: Readonly<Record<string, number>> }>>;
}

export interface FixtureExpectations {
  readonly release: string;
  /**
   * Paths (`query.path.to.field`, `*` for any array index) whose values may differ after an upgrade, each with
   * the reason. Empty unless a release documents one.
   */
  readonly volatile: Readonly<Record<string, string>>;
  readonly queries: readonly FixtureQuery[];
  readonly answers: Readonly<Record<FixtureTarget, Readonly<Record<string, unknown>>>>;
}

export interface AnswerDifference {
  readonly query: string;
  /** Where the answers part, as `query.field.0.field`. */
  readonly path: string;
  readonly recorded: unknown;
  readonly actual: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesVolatile(path: string, volatile: readonly string[]): boolean {
  return volatile.some((pattern) => {
    const expected = pattern.split('.');
    const actual = path.split('.');
    return expected.length === actual.length && expected.every((part, i) => part === '*' || part === actual[i]);
  });
}

function differences(
  query: string,
  path: string,
  recorded: unknown,
  actual: unknown,
  volatile: readonly string[],
  out: AnswerDifference[],
): void {
  if (matchesVolatile(path, volatile)) return;
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    if (recorded.length !== actual.length) {
      out.push({ query, path: `${path}.length`, recorded: recorded.length, actual: actual.length });
    }
    for (let i = 0; i < Math.min(recorded.length, actual.length); i++) {
      differences(query, `${path}.${i}`, recorded[i], actual[i], volatile, out);
    }
    return;
  }
  if (isRecord(recorded) && isRecord(actual)) {
    for (const key of new Set([...Object.keys(recorded), ...Object.keys(actual)])) {
      differences(query, `${path}.${key}`, recorded[key], actual[key], volatile, out);
    }
    return;
  }
  if (!isDeepStrictEqual(recorded, actual)) out.push({ query, path, recorded, actual });
}

/**
 * Every place where the answers of today's platform differ from those recorded at fixture time, except the
 * paths declared volatile. Answers are compared as JSON (field order aside); an answer missing on either side
 * is a difference.
 */
export function compareAnswers(
  recorded: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
  volatile: readonly string[] = [],
): AnswerDifference[] {
  const out: AnswerDifference[] = [];
  for (const name of new Set([...Object.keys(recorded), ...Object.keys(actual)])) {
    differences(name, name, recorded[name], actual[name], volatile, out);
  }
  return out;
}

/** The differences as an operator reads them, one a line. */
export function describeDifferences(found: readonly AnswerDifference[]): string {
  return found
    .map((d) => `${d.path}: recorded ${JSON.stringify(d.recorded)}, now ${JSON.stringify(d.actual)}`)
    .join('\n');
}
