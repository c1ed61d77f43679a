import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CHECKPOINT_SCHEMA,
  deadlinesProjection,
  ProjectionRunner,
  type EventStore,
  type Projection,
  type SqlDatabase,
} from '@pamoja/event-store';
import { compareLogPositions } from '@pamoja/contracts';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { sharedProjectionOfLog } from '@pamoja/platform/messaging';
import { caseMembershipCopy, caseMembershipProjection } from '@pamoja/platform/membership';
import { agencyDirectoryProjection } from '@pamoja/platform/directory';
import { caseReferencesCopy, caseReferencesProjection } from '@pamoja/platform/references';
import { ALL_CONTEXTS, ALL_DEADLINE_RULES, OWN_PROJECTIONS, SHARED_PROJECTIONS } from '../contexts.js';

/** Every read model of the embedded platform under the names the projections tool rebuilds. */
export function embeddedProjections(): Projection[] {
  return [
    deadlinesProjection(ALL_DEADLINE_RULES),
    caseMembershipProjection(),
    agencyDirectoryProjection(),
    caseReferencesProjection(),
    ...OWN_PROJECTIONS,
    ...SHARED_PROJECTIONS.map((p) => sharedProjectionOfLog(p, DEFAULT_CATALOGUE)),
  ];
}

/**
 * Server mode: the read models every process keeps from the whole log are kept by each agency service in a copy
 * of its own (ADR 0033), named after the service (`pamoja-<context>`, as the agency service names itself), in
 * place of the embedded app's one copy. The other read models are the embedded app's.
 */
export function serverProjections(): Projection[] {
  const embeddedCopies = new Set([caseMembershipCopy().projection, caseReferencesCopy().projection]);
  const serviceCopies = ALL_CONTEXTS.flatMap(({ definition }) => {
    const service = `pamoja-${definition.name}`;
    return [
      caseMembershipProjection(caseMembershipCopy(service)),
      caseReferencesProjection(caseReferencesCopy(service)),
    ];
  });
  return [...embeddedProjections().filter((p) => !embeddedCopies.has(p.name)), ...serviceCopies];
}

/** A table's content as a digest: rows in a stable order, sequence-made columns left out. */
async function tableDigests(db: SqlDatabase, schemas: readonly string[]): Promise<Map<string, string>> {
  const tables = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1::text[]) AND table_name <> 'schema_migrations'
     ORDER BY 1, 2`,
    [schemas],
  );
  const digests = new Map<string, string>();
  for (const { schema, name } of tables) {
    // Columns a sequence fills (bigserial, identity) number rows in the order they were written: a rebuild
    // writes the same rows in the same order under new numbers. Their order is kept, their values are not.
    const serial = (
      await db.query<{ column: string }>(
        `SELECT column_name AS column FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = $2 AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')
         ORDER BY ordinal_position`,
        [schema, name],
      )
    ).map((c) => c.column);
    const order = serial.length > 0 ? `ORDER BY ${serial.map((c) => `t."${c}"`).join(', ')}` : '';
    const rows = (
      await db.query<{ row: string }>(
        `SELECT (to_jsonb(t) - $1::text[])::text AS row FROM "${schema}"."${name}" t ${order}`,
        [serial],
      )
    ).map((r) => r.row);
    if (serial.length === 0) rows.sort();
    const hash = createHash('sha256');
    for (const row of rows) hash.update(row).update('\n');
    digests.set(`${schema}.${name}`, `${rows.length}:${hash.digest('hex')}`);
  }
  return digests;
}

export interface ProjectionCheck {
  readonly projections: number;
  readonly tables: number;
  /** Tables whose content differs from their rebuild from the log: `<schema>.<table>`. */
  readonly differing: readonly string[];
}

/**
 * Brings every read model to the log's head, records each of their tables, rebuilds every read model from
 * the whole log, and compares: a restored directory whose read models are not what its log gives is named
 * table by table. The read models end rebuilt.
 */
export async function checkProjectionsEqualRebuild(
  store: EventStore,
  db: SqlDatabase,
  projections: readonly Projection[] = embeddedProjections(),
): Promise<ProjectionCheck> {
  const runner = new ProjectionRunner(store, db, projections);
  const head = await store.headPosition();
  await runner.start();
  try {
    for (;;) {
      const status = runner.status();
      const failing = status.find((s) => s.state === 'failing');
      if (failing) throw new Error(`read model ${failing.name} fails to catch up: ${failing.lastError ?? '?'}`);
      if (status.every((s) => compareLogPositions(s.position, head) >= 0)) break;
      await sleep(50);
    }
  } finally {
    await runner.stop();
  }
  const schemas = [...new Set(projections.map((p) => p.schema))].filter((s) => s !== CHECKPOINT_SCHEMA);
  const before = await tableDigests(db, schemas);
  for (const projection of projections) await runner.rebuild(projection.name);
  const after = await tableDigests(db, schemas);
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return {
    projections: projections.length,
    tables: names.length,
    differing: names.filter((name) => before.get(name) !== after.get(name)),
  };
}

/** Rebuilds every read model from the whole log (after erasures the log alone does not record). */
export async function rebuildProjections(
  store: EventStore,
  db: SqlDatabase,
  projections: readonly Projection[] = embeddedProjections(),
): Promise<void> {
  const runner = new ProjectionRunner(store, db, projections);
  await runner.migrate();
  for (const projection of projections) await runner.rebuild(projection.name);
}
