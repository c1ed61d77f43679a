import { type RecordedEvent } from '@pamoja/contracts';
import { applyInRounds, type Projection, type SqlQueryable } from '@pamoja/event-store';
import {
  PROSECUTION_EVENT_TYPES,
  isProsecutionEvent,
  prosecutionStatus,
  type ProsecutionEvent,
} from '@pamoja/prosecutions/domain';

export const PROSECUTIONS_READ_SCHEMA = 'prosecutions_read';

const s = PROSECUTIONS_READ_SCHEMA;

/**
 * Each prosecution with its charges (verdicts and sentences folded in), hearings, restitutions and
 * appeals. The prosecution row remembers the stream revision it reflects; every event first claims its
 * revision there, so an event delivered twice (or out of order) changes no table at all.
 */
export const prosecutionsProjection: Projection = {
  name: 'prosecutions.cases',
  schema: PROSECUTIONS_READ_SCHEMA,
  filter: { eventTypes: PROSECUTION_EVENT_TYPES },
  migrations: [
    {
      version: 1,
      name: 'prosecutions, charges, hearings, restitutions, appeals',
      up: (schema) => `
        CREATE TABLE ${schema}.prosecutions (
          prosecution_id text PRIMARY KEY,
          joint_case_id text NOT NULL,
          office_agency_id text NOT NULL,
          case_file_id text NOT NULL,
          investigation_id text NOT NULL,
          from_police_agency_id text NOT NULL,
          suspects jsonb NOT NULL,
          status text NOT NULL,
          charge_count integer NOT NULL DEFAULT 0,
          verdict_count integer NOT NULL DEFAULT 0,
          conviction_count integer NOT NULL DEFAULT 0,
          hearing_count integer NOT NULL DEFAULT 0,
          hearings_held_count integer NOT NULL DEFAULT 0,
          received_at timestamptz NOT NULL,
          closed_at timestamptz,
          close_reason text,
          close_note text,
          revision integer NOT NULL,
          updated_at timestamptz NOT NULL
        );
        CREATE INDEX prosecutions_office ON ${schema}.prosecutions (office_agency_id, received_at DESC);
        CREATE INDEX prosecutions_joint_case ON ${schema}.prosecutions (joint_case_id);
        CREATE TABLE ${schema}.charges (
          charge_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          suspect_id text NOT NULL,
          offence text NOT NULL,
          legal_basis text NOT NULL,
          filed_at timestamptz NOT NULL,
          verdict text,
          verdict_rendered_at timestamptz,
          imprisonment_months integer,
          fine_amount numeric(16, 2),
          fine_currency text,
          other_measures text,
          sentenced_at timestamptz
        );
        CREATE INDEX charges_prosecution ON ${schema}.charges (prosecution_id, filed_at);
        CREATE TABLE ${schema}.hearings (
          hearing_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          court text NOT NULL,
          scheduled_for timestamptz NOT NULL,
          purpose text NOT NULL,
          held_at timestamptz,
          outcome text
        );
        CREATE INDEX hearings_prosecution ON ${schema}.hearings (prosecution_id, scheduled_for);
        CREATE INDEX hearings_pending ON ${schema}.hearings (scheduled_for) WHERE held_at IS NULL;
        CREATE TABLE ${schema}.restitutions (
          restitution_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          victim_ref text NOT NULL,
          amount numeric(16, 2) NOT NULL,
          currency text NOT NULL,
          note text,
          ordered_at timestamptz NOT NULL
        );
        CREATE INDEX restitutions_prosecution ON ${schema}.restitutions (prosecution_id, ordered_at);
        CREATE TABLE ${schema}.appeals (
          appeal_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          charge_id text NOT NULL,
          appealed_by text NOT NULL,
          filed_at timestamptz NOT NULL
        );
        CREATE INDEX appeals_prosecution ON ${schema}.appeals (prosecution_id, filed_at);
      `,
    },
    {
      version: 2,
      name: 'hearings moved, cancelled or overdue; appeal outcomes',
      up: (schema) => `
        ALTER TABLE ${schema}.hearings ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancel_reason text,
          ADD COLUMN outcome_overdue_at timestamptz, ADD COLUMN reschedule_count integer NOT NULL DEFAULT 0;
        ALTER TABLE ${schema}.appeals ADD COLUMN outcome text, ADD COLUMN decided_at timestamptz;
      `,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.prosecutions, ${s}.charges, ${s}.hearings, ${s}.restitutions, ${s}.appeals`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isProsecutionEvent(event)) return;
    const change = changeOf(event);
    const claimed = await write(tx, change.kind, [change.row]);
    await refreshStatus(tx, claimed);
  },
  applyPage: (tx, events) => applyProsecutionsPage(tx, events),
};

/** A row as its statement reads it from JSON: a value for each of its columns. */
type Row = Readonly<Record<string, string | number | boolean | null>>;

/** Columns of a statement's rows, each with its SQL type. */
type Columns = readonly (readonly [name: string, type: string])[];

/** What every event after the case file's receipt claims on its prosecution's row (see `write`). */
const CLAIM_COLUMNS: Columns = [
  ['prosecution_id', 'text'],
  ['revision', 'integer'],
  ['at', 'timestamptz'],
  ['charges', 'integer'],
  ['verdicts', 'integer'],
  ['convictions', 'integer'],
  ['hearings', 'integer'],
  ['held', 'integer'],
  ['closes', 'boolean'],
  ['closed_at', 'timestamptz'],
  ['close_reason', 'text'],
  ['close_note', 'text'],
];

/** What an event adds to its prosecution's counts. */
interface Counts {
  readonly charges: number;
  readonly verdicts: number;
  readonly convictions: number;
  readonly hearings: number;
  readonly held: number;
}

const NO_COUNTS: Counts = { charges: 0, verdicts: 0, convictions: 0, hearings: 0, held: 0 };
const NO_CLOSE = { closes: false, closed_at: null, close_reason: null, close_note: null } as const;

type ClaimingKind = Exclude<ProsecutionEvent['type'], 'CaseFileReceived'>;

/**
 * For each kind of event after the receipt: the columns of the row it writes besides the claim, and that write
 * (reading `r`, the rows, joined to `claimed`, the prosecutions that moved to the event's revision), or null for
 * an event that only changes its prosecution's row.
 */
const WRITES: Record<ClaimingKind, { readonly columns: Columns; readonly sql: string | null }> = {
  ChargesFiled: {
    columns: [
      ['charge_id', 'text'],
      ['suspect_id', 'text'],
      ['offence', 'text'],
      ['legal_basis', 'text'],
      ['filed_at', 'timestamptz'],
    ],
    sql: `INSERT INTO ${s}.charges (charge_id, prosecution_id, suspect_id, offence, legal_basis, filed_at)
          SELECT r.charge_id, r.prosecution_id, r.suspect_id, r.offence, r.legal_basis, r.filed_at
          FROM r JOIN claimed USING (prosecution_id)`,
  },
  HearingScheduled: {
    columns: [
      ['hearing_id', 'text'],
      ['court', 'text'],
      ['scheduled_for', 'timestamptz'],
      ['purpose', 'text'],
    ],
    sql: `INSERT INTO ${s}.hearings (hearing_id, prosecution_id, court, scheduled_for, purpose)
          SELECT r.hearing_id, r.prosecution_id, r.court, r.scheduled_for, r.purpose
          FROM r JOIN claimed USING (prosecution_id)`,
  },
  // A moved hearing is due again: an overdue flag of the old date no longer applies.
  HearingRescheduled: {
    columns: [
      ['hearing_id', 'text'],
      ['scheduled_for', 'timestamptz'],
      ['court', 'text'],
    ],
    sql: `UPDATE ${s}.hearings AS h SET scheduled_for = r.scheduled_for, court = r.court, outcome_overdue_at = NULL,
            reschedule_count = h.reschedule_count + 1
          FROM r JOIN claimed USING (prosecution_id) WHERE h.hearing_id = r.hearing_id`,
  },
  HearingCancelled: {
    columns: [
      ['hearing_id', 'text'],
      ['cancelled_at', 'timestamptz'],
      ['cancel_reason', 'text'],
    ],
    sql: `UPDATE ${s}.hearings AS h SET cancelled_at = r.cancelled_at, cancel_reason = r.cancel_reason
          FROM r JOIN claimed USING (prosecution_id) WHERE h.hearing_id = r.hearing_id`,
  },
  HearingOutcomeOverdue: {
    columns: [
      ['hearing_id', 'text'],
      ['outcome_overdue_at', 'timestamptz'],
    ],
    sql: `UPDATE ${s}.hearings AS h SET outcome_overdue_at = r.outcome_overdue_at
          FROM r JOIN claimed USING (prosecution_id) WHERE h.hearing_id = r.hearing_id`,
  },
  HearingHeld: {
    columns: [
      ['hearing_id', 'text'],
      ['held_at', 'timestamptz'],
      ['outcome', 'text'],
    ],
    sql: `UPDATE ${s}.hearings AS h SET held_at = r.held_at, outcome = r.outcome
          FROM r JOIN claimed USING (prosecution_id) WHERE h.hearing_id = r.hearing_id`,
  },
  VerdictRendered: {
    columns: [
      ['charge_id', 'text'],
      ['verdict', 'text'],
      ['verdict_rendered_at', 'timestamptz'],
    ],
    sql: `UPDATE ${s}.charges AS c SET verdict = r.verdict, verdict_rendered_at = r.verdict_rendered_at
          FROM r JOIN claimed USING (prosecution_id) WHERE c.charge_id = r.charge_id`,
  },
  SentenceImposed: {
    columns: [
      ['charge_id', 'text'],
      ['imprisonment_months', 'integer'],
      ['fine_amount', 'numeric'],
      ['fine_currency', 'text'],
      ['other_measures', 'text'],
      ['sentenced_at', 'timestamptz'],
    ],
    sql: `UPDATE ${s}.charges AS c SET imprisonment_months = r.imprisonment_months, fine_amount = r.fine_amount,
            fine_currency = r.fine_currency, other_measures = r.other_measures, sentenced_at = r.sentenced_at
          FROM r JOIN claimed USING (prosecution_id) WHERE c.charge_id = r.charge_id`,
  },
  RestitutionOrdered: {
    columns: [
      ['restitution_id', 'text'],
      ['victim_ref', 'text'],
      ['amount', 'numeric'],
      ['currency', 'text'],
      ['note', 'text'],
      ['ordered_at', 'timestamptz'],
    ],
    sql: `INSERT INTO ${s}.restitutions (restitution_id, prosecution_id, victim_ref, amount, currency, note, ordered_at)
          SELECT r.restitution_id, r.prosecution_id, r.victim_ref, r.amount, r.currency, r.note, r.ordered_at
          FROM r JOIN claimed USING (prosecution_id)`,
  },
  AppealFiled: {
    columns: [
      ['appeal_id', 'text'],
      ['charge_id', 'text'],
      ['appealed_by', 'text'],
      ['filed_at', 'timestamptz'],
    ],
    sql: `INSERT INTO ${s}.appeals (appeal_id, prosecution_id, charge_id, appealed_by, filed_at)
          SELECT r.appeal_id, r.prosecution_id, r.charge_id, r.appealed_by, r.filed_at
          FROM r JOIN claimed USING (prosecution_id)`,
  },
  AppealDecided: {
    columns: [
      ['appeal_id', 'text'],
      ['outcome', 'text'],
      ['decided_at', 'timestamptz'],
    ],
    sql: `UPDATE ${s}.appeals AS a SET outcome = r.outcome, decided_at = r.decided_at
          FROM r JOIN claimed USING (prosecution_id) WHERE a.appeal_id = r.appeal_id`,
  },
  ProsecutionClosed: { columns: [], sql: null },
};

/** The tables of a prosecution's parts, each with its key column. */
const PART_KEYS = {
  charges: 'charge_id',
  hearings: 'hearing_id',
  restitutions: 'restitution_id',
  appeals: 'appeal_id',
};
type PartTable = keyof typeof PART_KEYS;

/**
 * What one event writes: the kind of statement, its row, and the charge, hearing, restitution or appeal whose row
 * it writes (found by that id alone, as `apply` always has).
 */
interface Change {
  readonly kind: ProsecutionEvent['type'];
  readonly prosecutionId: string;
  readonly row: Row;
  readonly part: { readonly table: PartTable; readonly id: string } | null;
}

function changeOf(event: RecordedEvent & ProsecutionEvent): Change {
  const prosecutionId = event.data.prosecutionId;
  if (event.type === 'CaseFileReceived') {
    const d = event.data;
    return {
      kind: event.type,
      prosecutionId,
      part: null,
      row: {
        prosecution_id: prosecutionId,
        joint_case_id: d.jointCaseId,
        office_agency_id: d.officeAgencyId,
        case_file_id: d.caseFileId,
        investigation_id: d.investigationId,
        from_police_agency_id: d.fromPoliceAgencyId,
        suspects: JSON.stringify(d.suspects),
        received_at: d.receivedAt,
        revision: event.streamRevision,
      },
    };
  }
  const claim = (counts: Partial<Counts>, part: Change['part'], fields: Row, close: Row = NO_CLOSE): Change => ({
    kind: event.type,
    prosecutionId,
    part,
    row: {
      prosecution_id: prosecutionId,
      revision: event.streamRevision,
      at: event.recordedAt.toISOString(),
      ...NO_COUNTS,
      ...counts,
      ...close,
      ...fields,
    },
  });
  switch (event.type) {
    case 'ChargesFiled': {
      const d = event.data;
      return claim(
        { charges: 1 },
        { table: 'charges', id: d.chargeId },
        {
          charge_id: d.chargeId,
          suspect_id: d.suspectId,
          offence: d.offence,
          legal_basis: d.legalBasis,
          filed_at: d.filedAt,
        },
      );
    }
    case 'HearingScheduled': {
      const d = event.data;
      return claim(
        { hearings: 1 },
        { table: 'hearings', id: d.hearingId },
        { hearing_id: d.hearingId, court: d.court, scheduled_for: d.scheduledFor, purpose: d.purpose },
      );
    }
    case 'HearingRescheduled': {
      const d = event.data;
      return claim(
        {},
        { table: 'hearings', id: d.hearingId },
        { hearing_id: d.hearingId, scheduled_for: d.scheduledFor, court: d.court },
      );
    }
    case 'HearingCancelled': {
      const d = event.data;
      return claim(
        {},
        { table: 'hearings', id: d.hearingId },
        { hearing_id: d.hearingId, cancelled_at: d.cancelledAt, cancel_reason: d.reason },
      );
    }
    case 'HearingOutcomeOverdue': {
      const d = event.data;
      return claim(
        {},
        { table: 'hearings', id: d.hearingId },
        { hearing_id: d.hearingId, outcome_overdue_at: d.overdueAt },
      );
    }
    case 'HearingHeld': {
      const d = event.data;
      return claim(
        { held: 1 },
        { table: 'hearings', id: d.hearingId },
        { hearing_id: d.hearingId, held_at: d.heldAt, outcome: d.outcome },
      );
    }
    case 'VerdictRendered': {
      const d = event.data;
      return claim(
        { verdicts: 1, convictions: d.verdict === 'convicted' ? 1 : 0 },
        { table: 'charges', id: d.chargeId },
        { charge_id: d.chargeId, verdict: d.verdict, verdict_rendered_at: d.renderedAt },
      );
    }
    case 'SentenceImposed': {
      const d = event.data;
      return claim(
        {},
        { table: 'charges', id: d.chargeId },
        {
          charge_id: d.chargeId,
          imprisonment_months: d.imprisonmentMonths,
          fine_amount: d.fine?.amount ?? null,
          fine_currency: d.fine?.currency ?? null,
          other_measures: d.otherMeasures,
          sentenced_at: d.imposedAt,
        },
      );
    }
    case 'RestitutionOrdered': {
      const d = event.data;
      return claim(
        {},
        { table: 'restitutions', id: d.restitutionId },
        {
          restitution_id: d.restitutionId,
          victim_ref: d.victimRef,
          amount: d.amount,
          currency: d.currency,
          note: d.note,
          ordered_at: d.orderedAt,
        },
      );
    }
    case 'AppealFiled': {
      const d = event.data;
      return claim(
        {},
        { table: 'appeals', id: d.appealId },
        { appeal_id: d.appealId, charge_id: d.chargeId, appealed_by: d.by, filed_at: d.filedAt },
      );
    }
    case 'AppealDecided': {
      const d = event.data;
      return claim(
        {},
        { table: 'appeals', id: d.appealId },
        { appeal_id: d.appealId, outcome: d.outcome, decided_at: d.decidedAt },
      );
    }
    case 'ProsecutionClosed': {
      const d = event.data;
      return claim({}, null, {}, { closes: true, closed_at: d.closedAt, close_reason: d.reason, close_note: d.note });
    }
  }
}

const definitions = (columns: Columns): string => columns.map(([name, type]) => `${name} ${type}`).join(', ');

/**
 * Writes rows of one kind, no two of the same prosecution, in one statement; returns the prosecutions that
 * moved to their event's revision. A case file's receipt is inserted unless its prosecution is there already.
 * Every other event first claims its revision on its prosecution's row (an event applied before, or arriving
 * unordered, claims nothing and changes no table), adding its counts and its close to that row in the same
 * update, and then writes its part for the prosecutions it claimed.
 */
async function write(tx: SqlQueryable, kind: ProsecutionEvent['type'], rows: readonly Row[]): Promise<string[]> {
  if (kind === 'CaseFileReceived') {
    await tx.query(
      `INSERT INTO ${s}.prosecutions (prosecution_id, joint_case_id, office_agency_id, case_file_id,
         investigation_id, from_police_agency_id, suspects, status, received_at, revision, updated_at)
       SELECT r.prosecution_id, r.joint_case_id, r.office_agency_id, r.case_file_id, r.investigation_id,
         r.from_police_agency_id, r.suspects::jsonb, 'case_file_received', r.received_at, r.revision, r.received_at
       FROM jsonb_to_recordset($1::jsonb) AS r(prosecution_id text, joint_case_id text, office_agency_id text,
         case_file_id text, investigation_id text, from_police_agency_id text, suspects text,
         received_at timestamptz, revision integer)
       ON CONFLICT (prosecution_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
    return [];
  }
  const { columns, sql } = WRITES[kind];
  const claimed = await tx.query<{ prosecution_id: string }>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${definitions([...CLAIM_COLUMNS, ...columns])})
     ),
     claimed AS (
       UPDATE ${s}.prosecutions AS p
       SET revision = r.revision, updated_at = r.at,
           charge_count = p.charge_count + r.charges, verdict_count = p.verdict_count + r.verdicts,
           conviction_count = p.conviction_count + r.convictions, hearing_count = p.hearing_count + r.hearings,
           hearings_held_count = p.hearings_held_count + r.held,
           closed_at = CASE WHEN r.closes THEN r.closed_at ELSE p.closed_at END,
           close_reason = CASE WHEN r.closes THEN r.close_reason ELSE p.close_reason END,
           close_note = CASE WHEN r.closes THEN r.close_note ELSE p.close_note END
       FROM r WHERE p.prosecution_id = r.prosecution_id AND p.revision < r.revision
       RETURNING p.prosecution_id
     )${sql === null ? '' : `,\n     part AS (${sql})`}
     SELECT prosecution_id FROM claimed`,
    [JSON.stringify(rows)],
  );
  return claimed.map((row) => row.prosecution_id);
}

/**
 * The same status rule as the decider's, so the list never disagrees with what the domain enforces: set on each
 * prosecution an event moved, from its row as the events left it (nothing an event writes reads the status).
 */
async function refreshStatus(tx: SqlQueryable, prosecutionIds: readonly string[]): Promise<void> {
  if (prosecutionIds.length === 0) return;
  const rows = await tx.query<{
    prosecution_id: string;
    closed: boolean;
    charge_count: number;
    verdict_count: number;
    hearing_count: number;
  }>(
    `SELECT prosecution_id, closed_at IS NOT NULL AS closed, charge_count, verdict_count, hearing_count
     FROM ${s}.prosecutions WHERE prosecution_id = ANY($1::text[])`,
    [prosecutionIds],
  );
  const statuses = rows.map((row) => ({
    prosecution_id: row.prosecution_id,
    status: prosecutionStatus({
      closed: row.closed,
      charges: row.charge_count,
      verdicts: row.verdict_count,
      hearings: row.hearing_count,
    }),
  }));
  await tx.query(
    `UPDATE ${s}.prosecutions AS p SET status = r.status
     FROM jsonb_to_recordset($1::jsonb) AS r(prosecution_id text, status text)
     WHERE p.prosecution_id = r.prosecution_id`,
    [JSON.stringify(statuses)],
  );
}

/**
 * A page in rounds (ADR 0036). Every event writes and reads its prosecution's row and at most one part of it
 * (a charge, hearing, restitution or appeal), so the key of an event is its prosecution, the same statements as
 * `apply` run once per kind and round, and the status is set once at the end for every prosecution an event
 * moved. A part is found by its id alone, as `apply` finds it: where the page's events of two prosecutions name
 * the same part (or one names another prosecution's part), the two share one key, so their events keep their
 * log order between them too.
 */
async function applyProsecutionsPage(tx: SqlQueryable, page: readonly RecordedEvent[]): Promise<void> {
  const changes = page.filter(isProsecutionEvent).map(changeOf);
  const keyOf = await sharedKeys(tx, changes);
  const moved = new Set<string>();
  await applyInRounds(
    changes,
    (change) => ({ key: keyOf(change.prosecutionId), kind: change.kind, row: change.row }),
    async (kind, rows) => {
      for (const prosecutionId of await write(tx, kind, rows)) moved.add(prosecutionId);
    },
  );
  await refreshStatus(tx, [...moved]);
}

/**
 * The key of each prosecution in a page: its own id, unless a part (a charge, hearing, restitution or appeal id)
 * is named by events of several prosecutions, or by an event of one and held in the tables by another; those
 * prosecutions then share a key. Decided commands never do this (a part is named only in its own prosecution),
 * but the rows must be those of `apply` whatever the log holds.
 */
async function sharedKeys(tx: SqlQueryable, changes: readonly Change[]): Promise<(prosecutionId: string) => string> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    if (root !== id) parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  const ids: Record<PartTable, Set<string>> = {
    charges: new Set(),
    hearings: new Set(),
    restitutions: new Set(),
    appeals: new Set(),
  };
  for (const change of changes) if (change.part) ids[change.part.table].add(change.part.id);
  const owners = new Map<string, string>();
  const tables = Object.keys(PART_KEYS) as PartTable[];
  if (tables.some((table) => ids[table].size > 0)) {
    const held = await tx.query<{ part: string; prosecution_id: string }>(
      tables
        .map(
          (table, i) =>
            `SELECT '${table}:' || ${PART_KEYS[table]} AS part, prosecution_id FROM ${s}.${table}
             WHERE ${PART_KEYS[table]} = ANY($${i + 1}::text[])`,
        )
        .join(' UNION ALL '),
      tables.map((table) => [...ids[table]]),
    );
    for (const row of held) owners.set(row.part, row.prosecution_id);
  }
  for (const change of changes) {
    if (!change.part) continue;
    const part = `${change.part.table}:${change.part.id}`;
    const owner = owners.get(part);
    if (owner === undefined) owners.set(part, change.prosecutionId);
    else union(owner, change.prosecutionId);
  }
  return find;
}
