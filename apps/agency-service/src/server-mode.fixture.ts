import { setTimeout as sleep } from 'node:timers/promises';
import { LOG_START } from '@pamoja/contracts';
import { jointCaseProjection, COORDINATION_READ_SCHEMA } from '@pamoja/coordination/infrastructure';
import { PgliteDatabase, ProjectionRunner, type EventStore, type SqlQueryable } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { sharedProjectionOfLog } from '@pamoja/platform/messaging';

export type Row = Record<string, unknown>;

export interface JointCaseState {
  readonly jointCases: Row[];
  readonly timeline: Row[];
  readonly escalations: Row[];
}

/** Columns that PostgreSQL (bigint as text) and PGlite (as numbers) return differently. */
const NUMERIC = new Set(['transaction_id', 'global_position', 'missed_deadlines']);

function normalise(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    // The order rows arrived in: from one log in embedded mode, from several topics in server mode.
    if (key === 'seq') continue;
    if (value instanceof Date) out[key] = value.toISOString();
    else if (NUMERIC.has(key) && value !== null) out[key] = Number(value);
    // Link lists are sets: their order depends on which agency's topic delivered first.
    else if (Array.isArray(value) && key !== 'roles') out[key] = [...(value as unknown[])].map(String).sort();
    else out[key] = value;
  }
  return out;
}

/** The coordination body's joint-case read model, row by row, in a comparable form. */
export async function jointCaseState(db: SqlQueryable): Promise<JointCaseState> {
  const s = COORDINATION_READ_SCHEMA;
  const read = async (sql: string) => (await db.query<Row>(sql)).map(normalise);
  return {
    jointCases: await read(`SELECT * FROM ${s}.joint_cases ORDER BY joint_case_id`),
    timeline: await read(`SELECT * FROM ${s}.timeline ORDER BY event_id`),
    escalations: await read(`SELECT * FROM ${s}.escalations ORDER BY event_id`),
  };
}

/**
 * The same read model built as embedded mode builds it: the log of the same store replayed into a fresh
 * in-memory database, each event as the catalogue shares it.
 */
export async function embeddedJointCaseState(store: EventStore): Promise<JointCaseState> {
  const db = await PgliteDatabase.open();
  try {
    const projection = sharedProjectionOfLog(jointCaseProjection, DEFAULT_CATALOGUE);
    const runner = new ProjectionRunner(store, db, [projection]);
    await runner.rebuild(projection.name);
    return await jointCaseState(db);
  } finally {
    await db.close();
  }
}

/** How many timeline entries the coordination body should have: shared events that belong to a joint case. */
export async function expectedTimelineLength(store: EventStore): Promise<number> {
  let count = 0;
  let after = LOG_START;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000 });
    for (const event of page.events) {
      if (event.metadata.jointCaseId && DEFAULT_CATALOGUE.toIntegrationEvent(event)) count += 1;
    }
    if (page.events.length === 0) return count;
    after = page.checkedUpTo;
  }
}

export async function timelineLength(db: SqlQueryable): Promise<number> {
  const rows = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${COORDINATION_READ_SCHEMA}.timeline`);
  return Number(rows[0]?.n ?? 0);
}

/** Polls until `check` returns true, or fails with what it was waiting for and the last value seen. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30000,
  describe: () => Promise<unknown> = () => Promise.resolve(undefined),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(await describe())}`,
      );
    }
    await sleep(100);
  }
}
