import { type RecordedEvent } from '@pamoja/contracts';
import { applyInRounds, type Projection, type SqlQueryable } from '@pamoja/event-store';
import { asProsecutionsPublished, type ProsecutionsPublishedEvent } from '@pamoja/prosecutions/contracts';
import { asReferralsPublished, type ReferralsPublishedEvent } from '@pamoja/referrals/contracts';
import { asSitesPublished, type SitesPublishedEvent } from '@pamoja/sites/contracts';

/** The facts a meeting's agenda is generated from, as other agencies share them. Its own schema. */
export const AGENDA_READ_SCHEMA = 'coordination_agenda';
const s = AGENDA_READ_SCHEMA;

/** The shared events the agenda needs: handoffs, hearings, the site registry and level-1 incidents. */
export const AGENDA_EVENT_TYPES = [
  'ReferralSubmitted',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralCompleted',
  'ReferralRevoked',
  'HearingScheduled',
  'HearingRescheduled',
  'HearingCancelled',
  'HearingHeld',
  'MineSiteRegistered',
  'MineSiteStatusChanged',
  'SiteIncidentReported',
  'SiteIncidentClassified',
  'SiteIncidentClosed',
] as const satisfies readonly SharedEvent['type'][];

type SharedEvent = ReferralsPublishedEvent | ProsecutionsPublishedEvent | SitesPublishedEvent;

/** The events of the published languages the agenda reads. */
type AgendaEvent = Extract<SharedEvent, { readonly type: (typeof AGENDA_EVENT_TYPES)[number] }>;

function isAgendaEvent(event: SharedEvent): event is AgendaEvent {
  return (AGENDA_EVENT_TYPES as readonly string[]).includes(event.type);
}

type ReferralAnswer = Extract<
  AgendaEvent,
  { readonly type: 'ReferralAccepted' | 'ReferralDeclined' | 'ReferralCompleted' | 'ReferralRevoked' }
>;

/** What answering a referral is called in `referral_answers.kind`, and when it was answered. */
function answerOf(event: ReferralAnswer): { kind: string; at: string } {
  switch (event.type) {
    case 'ReferralAccepted':
      return { kind: 'accepted', at: event.data.acceptedAt };
    case 'ReferralDeclined':
      return { kind: 'declined', at: event.data.declinedAt };
    case 'ReferralCompleted':
      return { kind: 'completed', at: event.data.completedAt };
    case 'ReferralRevoked':
      return { kind: 'revoked', at: event.data.revokedAt };
  }
}

/** The event typed (a malformed one throws: a bug upstream, or a message for the dead letters). */
function asAgendaEvent(event: RecordedEvent): AgendaEvent | null {
  const shared = asReferralsPublished(event) ?? asProsecutionsPublished(event) ?? asSitesPublished(event);
  return shared && isAgendaEvent(shared) ? shared : null;
}

/** Registry provinces as meeting provinces (the site-code prefixes). */
const PROVINCE_PREFIX: Readonly<Record<string, string>> = { north_kivu: 'NK', south_kivu: 'SK' };

/**
 * The agenda's facts from other agencies' shared events (from Kafka in server mode, from the log in
 * embedded mode). Events of one handoff, hearing, site or incident may arrive in any order across
 * topics and partitions, so every row is an upsert of the fields its event knows, each kept by the
 * stream revision that set it, and nothing is derived until a meeting's agenda is read. An event seen
 * twice changes nothing.
 */
export const agendaProjection: Projection = {
  name: 'coordination.agenda',
  schema: s,
  filter: { eventTypes: [...AGENDA_EVENT_TYPES] },
  migrations: [
    {
      version: 1,
      name: 'handoffs, hearings, sites, status changes, incidents',
      up: (schema) => `
        CREATE TABLE ${schema}.referrals (
          referral_id text PRIMARY KEY,
          joint_case_id text,
          site_code text,
          from_agency_id text NOT NULL,
          to_agency_id text NOT NULL,
          to_agency_type text NOT NULL,
          submitted_at timestamptz NOT NULL,
          due_by timestamptz NOT NULL
        );
        CREATE INDEX referrals_case ON ${schema}.referrals (joint_case_id) WHERE joint_case_id IS NOT NULL;
        CREATE TABLE ${schema}.referral_answers (
          event_id text PRIMARY KEY,
          referral_id text NOT NULL,
          kind text NOT NULL,
          revision bigint NOT NULL,
          answered_at timestamptz NOT NULL,
          by_agency_id text NOT NULL
        );
        CREATE INDEX referral_answers_referral ON ${schema}.referral_answers (referral_id, revision);
        CREATE TABLE ${schema}.hearings (
          hearing_id text PRIMARY KEY,
          prosecution_id text,
          joint_case_id text,
          court text,
          scheduled_for timestamptz,
          held_at timestamptz
        );
        CREATE TABLE ${schema}.sites (
          site_id text PRIMARY KEY,
          code text NOT NULL,
          province text NOT NULL
        );
        CREATE TABLE ${schema}.site_status_changes (
          event_id text PRIMARY KEY,
          site_id text NOT NULL,
          from_status text NOT NULL,
          to_status text NOT NULL,
          changed_at timestamptz NOT NULL,
          by_agency_id text NOT NULL
        );
        CREATE INDEX site_status_changes_time ON ${schema}.site_status_changes (changed_at);
        CREATE TABLE ${schema}.incidents (
          incident_id text PRIMARY KEY,
          site_id text,
          joint_case_id text,
          reported_at timestamptz,
          level smallint,
          level_revision bigint,
          classified_at timestamptz,
          closed_at timestamptz
        );`,
    },
    {
      version: 2,
      name: 'hearings cancelled',
      up: (schema) => `ALTER TABLE ${schema}.hearings ADD COLUMN cancelled_at timestamptz;`,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(
      `TRUNCATE ${s}.referrals, ${s}.referral_answers, ${s}.hearings, ${s}.sites, ${s}.site_status_changes,
         ${s}.incidents`,
    );
  },
  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const fact = factOf(recorded);
    if (fact) await write(tx, fact.kind, [fact.row]);
  },
  applyPage: (tx, events) => applyAgendaPage(tx, events),
};

/** One row's columns, in the order of the statement that writes it, each with its SQL type. */
type Columns = readonly (readonly [name: string, type: string])[];

/**
 * How each kind of fact is written: its table, its columns, and what it does to a row already there. Each
 * statement takes a JSON array of rows, so one event (a live `apply`) and a round of a page go through the same
 * statement; within a round no two rows share a key, so no row is written twice by one statement.
 */
const WRITES = {
  referral: {
    table: 'referrals',
    columns: [
      ['referral_id', 'text'],
      ['joint_case_id', 'text'],
      ['site_code', 'text'],
      ['from_agency_id', 'text'],
      ['to_agency_id', 'text'],
      ['to_agency_type', 'text'],
      ['submitted_at', 'timestamptz'],
      ['due_by', 'timestamptz'],
    ],
    onConflict: 'ON CONFLICT (referral_id) DO NOTHING',
  },
  answer: {
    table: 'referral_answers',
    columns: [
      ['event_id', 'text'],
      ['referral_id', 'text'],
      ['kind', 'text'],
      ['revision', 'bigint'],
      ['answered_at', 'timestamptz'],
      ['by_agency_id', 'text'],
    ],
    onConflict: 'ON CONFLICT (event_id) DO NOTHING',
  },
  hearingScheduled: {
    table: 'hearings',
    columns: [
      ['hearing_id', 'text'],
      ['prosecution_id', 'text'],
      ['joint_case_id', 'text'],
      ['court', 'text'],
      ['scheduled_for', 'timestamptz'],
    ],
    onConflict: `ON CONFLICT (hearing_id) DO UPDATE SET prosecution_id = EXCLUDED.prosecution_id,
      joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id),
      court = EXCLUDED.court, scheduled_for = EXCLUDED.scheduled_for`,
  },
  // A moved hearing: its new date (and court) is what the meeting must know of.
  hearingRescheduled: {
    table: 'hearings',
    columns: [
      ['hearing_id', 'text'],
      ['prosecution_id', 'text'],
      ['joint_case_id', 'text'],
      ['court', 'text'],
      ['scheduled_for', 'timestamptz'],
    ],
    onConflict: `ON CONFLICT (hearing_id) DO UPDATE SET court = EXCLUDED.court, scheduled_for = EXCLUDED.scheduled_for,
      joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id)`,
  },
  hearingCancelled: {
    table: 'hearings',
    columns: [
      ['hearing_id', 'text'],
      ['joint_case_id', 'text'],
      ['cancelled_at', 'timestamptz'],
    ],
    onConflict: `ON CONFLICT (hearing_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at,
      joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id)`,
  },
  hearingHeld: {
    table: 'hearings',
    columns: [
      ['hearing_id', 'text'],
      ['joint_case_id', 'text'],
      ['held_at', 'timestamptz'],
    ],
    onConflict: `ON CONFLICT (hearing_id) DO UPDATE SET held_at = EXCLUDED.held_at,
      joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id)`,
  },
  site: {
    table: 'sites',
    columns: [
      ['site_id', 'text'],
      ['code', 'text'],
      ['province', 'text'],
    ],
    onConflict: 'ON CONFLICT (site_id) DO NOTHING',
  },
  siteStatusChange: {
    table: 'site_status_changes',
    columns: [
      ['event_id', 'text'],
      ['site_id', 'text'],
      ['from_status', 'text'],
      ['to_status', 'text'],
      ['changed_at', 'timestamptz'],
      ['by_agency_id', 'text'],
    ],
    onConflict: 'ON CONFLICT (event_id) DO NOTHING',
  },
  incidentReported: {
    table: 'incidents',
    columns: [
      ['incident_id', 'text'],
      ['site_id', 'text'],
      ['joint_case_id', 'text'],
      ['reported_at', 'timestamptz'],
    ],
    onConflict: `ON CONFLICT (incident_id) DO UPDATE SET site_id = EXCLUDED.site_id,
      joint_case_id = EXCLUDED.joint_case_id, reported_at = EXCLUDED.reported_at`,
  },
  // A reclassification seen before the classification it replaces must not be overwritten by it.
  incidentClassified: {
    table: 'incidents',
    columns: [
      ['incident_id', 'text'],
      ['level', 'smallint'],
      ['level_revision', 'bigint'],
      ['classified_at', 'timestamptz'],
    ],
    onConflict: `ON CONFLICT (incident_id) DO UPDATE SET level = EXCLUDED.level,
      level_revision = EXCLUDED.level_revision, classified_at = EXCLUDED.classified_at
      WHERE ${s}.incidents.level_revision IS NULL OR ${s}.incidents.level_revision < EXCLUDED.level_revision`,
  },
  incidentClosed: {
    table: 'incidents',
    columns: [
      ['incident_id', 'text'],
      ['closed_at', 'timestamptz'],
    ],
    onConflict: 'ON CONFLICT (incident_id) DO UPDATE SET closed_at = EXCLUDED.closed_at',
  },
} as const satisfies Record<string, { table: string; columns: Columns; onConflict: string }>;

type FactKind = keyof typeof WRITES;

/** A row as its statement reads it from JSON: a value for each of the kind's columns. */
type Row = Readonly<Record<string, string | number | null>>;

/**
 * What one agenda event writes: the kind of statement, the row, and the key of the only rows it writes and reads
 * (its referral, hearing, site or incident): events of different keys commute, events of one key do not.
 */
interface Fact {
  readonly kind: FactKind;
  readonly key: string;
  readonly row: Row;
}

/** What the event writes; undefined for an event the agenda does not keep. */
function factOf(recorded: RecordedEvent): Fact | undefined {
  const event = asAgendaEvent(recorded);
  if (!event) return undefined;
  switch (event.type) {
    case 'ReferralSubmitted':
      return {
        kind: 'referral',
        key: `referral:${event.data.referralId}`,
        row: {
          referral_id: event.data.referralId,
          joint_case_id: event.data.jointCaseId ?? event.metadata.jointCaseId,
          site_code: event.data.siteCode,
          from_agency_id: event.data.fromAgencyId,
          to_agency_id: event.data.toAgencyId,
          to_agency_type: event.data.toAgencyType,
          submitted_at: event.data.submittedAt,
          due_by: event.data.dueBy,
        },
      };
    case 'ReferralAccepted':
    case 'ReferralDeclined':
    case 'ReferralCompleted':
    case 'ReferralRevoked': {
      const answer = answerOf(event);
      return {
        kind: 'answer',
        key: `referral:${event.data.referralId}`,
        row: {
          event_id: event.eventId,
          referral_id: event.data.referralId,
          kind: answer.kind,
          revision: event.streamRevision,
          answered_at: answer.at,
          by_agency_id: event.data.byAgencyId,
        },
      };
    }
    case 'HearingScheduled':
    case 'HearingRescheduled':
      return {
        kind: event.type === 'HearingScheduled' ? 'hearingScheduled' : 'hearingRescheduled',
        key: `hearing:${event.data.hearingId}`,
        row: {
          hearing_id: event.data.hearingId,
          prosecution_id: event.data.prosecutionId,
          joint_case_id: event.metadata.jointCaseId,
          court: event.data.court,
          scheduled_for: event.data.scheduledFor,
        },
      };
    case 'HearingCancelled':
      return {
        kind: 'hearingCancelled',
        key: `hearing:${event.data.hearingId}`,
        row: {
          hearing_id: event.data.hearingId,
          joint_case_id: event.metadata.jointCaseId,
          cancelled_at: event.data.cancelledAt,
        },
      };
    case 'HearingHeld':
      return {
        kind: 'hearingHeld',
        key: `hearing:${event.data.hearingId}`,
        row: {
          hearing_id: event.data.hearingId,
          joint_case_id: event.metadata.jointCaseId,
          held_at: event.data.heldAt,
        },
      };
    case 'MineSiteRegistered': {
      const province = event.data.province;
      return {
        kind: 'site',
        key: `site:${event.data.siteId}`,
        row: { site_id: event.data.siteId, code: event.data.code, province: PROVINCE_PREFIX[province] ?? province },
      };
    }
    case 'MineSiteStatusChanged':
      return {
        kind: 'siteStatusChange',
        key: `site:${event.data.siteId}`,
        row: {
          event_id: event.eventId,
          site_id: event.data.siteId,
          from_status: event.data.from,
          to_status: event.data.to,
          changed_at: event.data.changedAt,
          by_agency_id: event.data.byAgencyId,
        },
      };
    case 'SiteIncidentReported':
      return {
        kind: 'incidentReported',
        key: `incident:${event.data.incidentId}`,
        row: {
          incident_id: event.data.incidentId,
          site_id: event.data.siteId,
          joint_case_id: event.data.jointCaseId ?? event.metadata.jointCaseId,
          reported_at: event.data.reportedAt,
        },
      };
    case 'SiteIncidentClassified':
      return {
        kind: 'incidentClassified',
        key: `incident:${event.data.incidentId}`,
        row: {
          incident_id: event.data.incidentId,
          level: event.data.level,
          level_revision: event.streamRevision,
          classified_at: event.data.classifiedAt,
        },
      };
    case 'SiteIncidentClosed':
      return {
        kind: 'incidentClosed',
        key: `incident:${event.data.incidentId}`,
        row: { incident_id: event.data.incidentId, closed_at: event.data.closedAt },
      };
  }
}

/** Writes rows of one kind, none two of the same key, in one statement. */
async function write(tx: SqlQueryable, kind: FactKind, rows: readonly Row[]): Promise<void> {
  const { table, columns, onConflict } = WRITES[kind];
  const names = columns.map(([name]) => name).join(', ');
  const definitions = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  await tx.query(
    `INSERT INTO ${s}.${table} (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${definitions})
     ${onConflict}`,
    [JSON.stringify(rows)],
  );
}

/**
 * A page in rounds (ADR 0036): every event writes and reads only the rows of its referral, hearing, site or
 * incident, so each key's events go in log order, one round each, and a round's facts of one kind in one
 * statement, the same statement `apply` runs for one event.
 */
async function applyAgendaPage(tx: SqlQueryable, page: readonly RecordedEvent[]): Promise<void> {
  await applyInRounds(page, factOf, (kind, rows) => write(tx, kind, rows));
}
