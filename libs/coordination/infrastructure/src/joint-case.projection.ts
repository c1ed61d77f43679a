import { asAssistancePublished, asRestrictedActivityNotice } from '@pamoja/assistance/contracts';
import { compareLogPositions, type RecordedEvent } from '@pamoja/contracts';
import { asCoordinationPublished } from '@pamoja/coordination/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { asInvestigationsPublished } from '@pamoja/investigations/contracts';
import { asProsecutionsPublished } from '@pamoja/prosecutions/contracts';
import { asReferralsPublished } from '@pamoja/referrals/contracts';
import { asSitesPublished } from '@pamoja/sites/contracts';
import {
  eventTypeInWords,
  isDeadlineMissed,
  linkOf,
  nextAssistanceStage,
  nextCaseStage,
  RESTRICTED_ACTIVITY_NOTICE,
  summarize,
  type AssistanceStage,
  type CaseStage,
  type JointCaseEvent,
} from '@pamoja/coordination/domain';

export const COORDINATION_READ_SCHEMA = 'coordination_read';
const s = COORDINATION_READ_SCHEMA;

const LINK_COLUMN = {
  referral: 'referral_ids',
  investigation: 'investigation_ids',
  prosecution: 'prosecution_ids',
  assistance: 'assistance_ids',
  site_incident: 'incident_ids',
} as const;

/** The id lists of a joint case, each kept in `joint_case_members` under its column's name. */
const MEMBER_LISTS = [...Object.values(LINK_COLUMN), 'agency_ids'] as const;

/**
 * The lists and the site code of joint cases as a function of the events alone, whatever order they
 * arrived in: each member (an agency, a referral, an investigation…, the site code) in the order of the
 * first event that brought it, by log position, which every event carries in both modes; ties (none in a
 * well-formed log: one event brings one member of each kind) broken by the member's bytes. The site code
 * is the one named by the earliest event that names one.
 */
function recomputeMembersSql(schema: string, where: string): string {
  const ordered = (kind: string) =>
    `SELECT m.member FROM ${schema}.joint_case_members m WHERE m.joint_case_id = c.joint_case_id AND m.kind = '${kind}'
       ORDER BY m.transaction_id, m.global_position, m.member COLLATE "C"`;
  return `UPDATE ${schema}.joint_cases c SET
      ${MEMBER_LISTS.map((kind) => `${kind} = ARRAY(${ordered(kind)})`).join(',\n      ')},
      site_code = (${ordered('site_code')} LIMIT 1)
    ${where}`;
}

/** Rebuilds `joint_case_members` from the timeline (which keeps every event the cases were built from). */
const MEMBERS_FROM_TIMELINE = (schema: string) => `
  INSERT INTO ${schema}.joint_case_members (joint_case_id, kind, member, transaction_id, global_position)
  SELECT DISTINCT ON (joint_case_id, agency_id) joint_case_id, 'agency_ids', agency_id, transaction_id, global_position
  FROM ${schema}.timeline ORDER BY joint_case_id, agency_id, transaction_id, global_position;
  INSERT INTO ${schema}.joint_case_members (joint_case_id, kind, member, transaction_id, global_position)
  SELECT DISTINCT ON (joint_case_id, kind, member) joint_case_id, kind, member, transaction_id, global_position
  FROM (SELECT joint_case_id, transaction_id, global_position,
          CASE split_part(stream_id, '-', 1) ${Object.entries(LINK_COLUMN)
            .map(([link, column]) => `WHEN '${link === 'site_incident' ? 'incident' : link}' THEN '${column}'`)
            .join(' ')} END AS kind,
          substr(stream_id, strpos(stream_id, '-') + 1) AS member
        FROM ${schema}.timeline) t
  WHERE kind IS NOT NULL
  ORDER BY joint_case_id, kind, member, transaction_id, global_position;`;

/**
 * The event in the published language of the context that shares it: checked once, here (a malformed one
 * throws, for the consumer's dead letters). Null for a type no context publishes.
 */
export function asJointCaseEvent(event: RecordedEvent): JointCaseEvent | null {
  return (
    asReferralsPublished(event) ??
    asSitesPublished(event) ??
    asInvestigationsPublished(event) ??
    asProsecutionsPublished(event) ??
    asAssistancePublished(event) ??
    asCoordinationPublished(event) ??
    asRestrictedActivityNotice(event)
  );
}

/** The mine site an event names, by its registry code. */
function siteCodeOf(event: JointCaseEvent | null): string | null {
  return event && 'siteCode' in event.data ? event.data.siteCode : null;
}

/** The handoff an event is about: a case file sent to a prosecutor's office, or a referral. */
function subjectOf(event: JointCaseEvent | null): string | null {
  if (!event) return null;
  const { data } = event;
  if ('caseFileId' in data) return data.caseFileId;
  return 'referralId' in data ? data.referralId : null;
}

/** Who was waited for, when it was due and when it was missed, for a missed deadline recorded at `occurredAt`. */
function missedDeadlineOf(
  event: JointCaseEvent | null,
  occurredAt: string,
): { agencyId: string | null; dueBy: string | null; missedAt: string } {
  if (event?.type === 'ReferralDeadlineMissed') {
    return { agencyId: event.data.toAgencyId, dueBy: event.data.dueBy, missedAt: event.data.missedAt };
  }
  if (event?.type === 'CaseFileAcknowledgementDeadlineMissed') {
    // The office is not in its shared data (the case file's transmission names it); missed when recorded.
    return { agencyId: null, dueBy: event.data.dueBy, missedAt: occurredAt };
  }
  return { agencyId: null, dueBy: null, missedAt: occurredAt };
}

/**
 * The joint case as the coordination body sees it: which agencies' work it links, its derived stage,
 * its timeline (who did what, when, in which role, in a short summary), and the missed deadlines
 * escalated to it. Every event tagged with a joint case id feeds it, whichever context wrote it; a
 * withheld event arrives as a notice of restricted activity (`RestrictedActivityRecorded`) and becomes an
 * entry with its category and no summary.
 */
export const jointCaseProjection: Projection = {
  name: 'coordination.joint-cases',
  schema: s,
  filter: {},
  migrations: [
    {
      version: 1,
      name: 'joint cases, timeline, escalations',
      up: (schema) => `
        CREATE TABLE ${schema}.joint_cases (
          joint_case_id text PRIMARY KEY,
          stage text NOT NULL,
          assistance_stage text NOT NULL,
          site_code text,
          referral_ids text[] NOT NULL DEFAULT '{}',
          investigation_ids text[] NOT NULL DEFAULT '{}',
          prosecution_ids text[] NOT NULL DEFAULT '{}',
          assistance_ids text[] NOT NULL DEFAULT '{}',
          incident_ids text[] NOT NULL DEFAULT '{}',
          agency_ids text[] NOT NULL DEFAULT '{}',
          missed_deadlines integer NOT NULL DEFAULT 0,
          opened_at timestamptz NOT NULL,
          last_activity_at timestamptz NOT NULL
        );
        CREATE INDEX joint_cases_stage ON ${schema}.joint_cases (stage, last_activity_at DESC);
        CREATE TABLE ${schema}.timeline (
          event_id text PRIMARY KEY,
          joint_case_id text NOT NULL,
          transaction_id bigint NOT NULL,
          global_position bigint NOT NULL,
          event_type text NOT NULL,
          stream_id text NOT NULL,
          agency_id text NOT NULL,
          agency_type text NOT NULL,
          roles text[] NOT NULL,
          occurred_at timestamptz NOT NULL
        );
        CREATE INDEX timeline_case ON ${schema}.timeline (joint_case_id, occurred_at, transaction_id, global_position);
        CREATE TABLE ${schema}.escalations (
          event_id text PRIMARY KEY,
          joint_case_id text,
          kind text NOT NULL,
          stream_id text NOT NULL,
          subject_id text NOT NULL,
          agency_id text,
          due_by timestamptz,
          missed_at timestamptz NOT NULL,
          resolved_at timestamptz
        );
        CREATE INDEX escalations_open ON ${schema}.escalations (missed_at) WHERE resolved_at IS NULL;`,
    },
    {
      version: 2,
      name: 'timeline subject, so that an answer seen before its missed deadline still resolves it',
      up: (schema) => `
        ALTER TABLE ${schema}.timeline ADD COLUMN subject_id text;
        CREATE INDEX timeline_subject ON ${schema}.timeline (subject_id) WHERE subject_id IS NOT NULL;`,
    },
    {
      version: 3,
      name: 'timeline summaries and notices, arrival order for live feeds, list and escalation keysets',
      // seq: the order rows arrived in (events of one case come from several topics in server mode, so a
      // late one may sort before what a subscriber has seen); live feeds resume after a seq. A rebuild does
      // not restart it, so a subscriber's old position never hides new rows.
      up: (schema) => `
        ALTER TABLE ${schema}.timeline ADD COLUMN summary text;
        ALTER TABLE ${schema}.timeline ADD COLUMN category text;
        ALTER TABLE ${schema}.timeline ADD COLUMN seq bigserial;
        CREATE INDEX timeline_case_seq ON ${schema}.timeline (joint_case_id, seq);
        ALTER TABLE ${schema}.escalations ADD COLUMN seq bigserial;
        CREATE INDEX escalations_seq ON ${schema}.escalations (seq);
        CREATE INDEX escalations_missed ON ${schema}.escalations (missed_at, event_id);
        CREATE INDEX joint_cases_activity ON ${schema}.joint_cases (last_activity_at DESC, joint_case_id DESC);
        CREATE INDEX joint_cases_site ON ${schema}.joint_cases (site_code);`,
    },
    {
      version: 4,
      name: 'joint case lists and site code in log order, whatever order the events arrived in',
      // Existing rows are recomputed from the timeline. The site code is not in the timeline: an existing
      // case keeps the one it has, taken as named by its earliest event, until a rebuild recomputes it.
      up: (schema) => `
        CREATE TABLE ${schema}.joint_case_members (
          joint_case_id text NOT NULL,
          kind text NOT NULL,
          member text NOT NULL,
          transaction_id bigint NOT NULL,
          global_position bigint NOT NULL,
          PRIMARY KEY (joint_case_id, kind, member)
        );
        ${MEMBERS_FROM_TIMELINE(schema)}
        INSERT INTO ${schema}.joint_case_members (joint_case_id, kind, member, transaction_id, global_position)
        SELECT DISTINCT ON (c.joint_case_id) c.joint_case_id, 'site_code', c.site_code, t.transaction_id, t.global_position
        FROM ${schema}.joint_cases c JOIN ${schema}.timeline t ON t.joint_case_id = c.joint_case_id
        WHERE c.site_code IS NOT NULL
        ORDER BY c.joint_case_id, t.transaction_id, t.global_position;
        ${recomputeMembersSql(schema, '')};`,
    },
    {
      version: 5,
      name: 'escalations by subject',
      // Every answer to a handoff looks its escalations up by subject: without an index each one read the whole
      // table, and a rebuild grew with the square of the log.
      up: (schema) => `CREATE INDEX escalations_subject ON ${schema}.escalations (subject_id);`,
    },
    {
      version: 6,
      name: 'live feeds of a case read its rows through timeline_case',
      // A case's rows are few (hundreds at most): `timeline_case` finds them and a sort by seq orders them, in under
      // a millisecond at a million events. The fourth index on every timeline row cost more than the other three
      // to keep up: a third of the timeline's insert time in a rebuild of a million events (issue 19).
      up: (schema) => `DROP INDEX IF EXISTS ${schema}.timeline_case_seq;`,
    },
  ],
  async reset(tx: SqlQueryable) {
    await tx.query(`TRUNCATE ${s}.joint_cases, ${s}.joint_case_members, ${s}.timeline, ${s}.escalations`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent) {
    const jointCaseId = event.metadata.jointCaseId;
    if (!jointCaseId) return;
    const published = asJointCaseEvent(event);
    const row = timelineRowOf(event, jointCaseId, published);
    const inserted = await tx.query(
      `INSERT INTO ${s}.timeline (event_id, joint_case_id, transaction_id, global_position, event_type, stream_id,
         agency_id, agency_type, roles, occurred_at, subject_id, summary, category)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        row.eventId,
        row.jointCaseId,
        row.transactionId,
        row.globalPosition,
        row.eventType,
        row.streamId,
        row.agencyId,
        row.agencyType,
        row.roles,
        row.occurredAt,
        row.subjectId,
        row.summary,
        row.category,
      ],
    );
    // Seen before (a replay that reached past the checkpoint): the case already reflects it.
    if (inserted.length === 0) return;

    const rows = await tx.query<{ stage: CaseStage; assistance_stage: AssistanceStage }>(
      `SELECT stage, assistance_stage FROM ${s}.joint_cases WHERE joint_case_id = $1`,
      [jointCaseId],
    );
    const current = rows[0] ?? { stage: 'identified' as CaseStage, assistance_stage: 'none' as AssistanceStage };
    // The case stage only moves forward, so any order of its events gives the same stage.
    const stage = nextCaseStage(current.stage, event.type);
    const assistance =
      nextAssistanceStage('none', event.type) === 'none'
        ? current.assistance_stage
        : await assistanceStageInLogOrder(tx, jointCaseId);
    const missed = isDeadlineMissed(event.type) ? 1 : 0;
    await tx.query(
      `INSERT INTO ${s}.joint_cases (joint_case_id, stage, assistance_stage, missed_deadlines, opened_at, last_activity_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (joint_case_id) DO UPDATE SET
         stage = EXCLUDED.stage,
         assistance_stage = EXCLUDED.assistance_stage,
         missed_deadlines = ${s}.joint_cases.missed_deadlines + $4,
         opened_at = least(${s}.joint_cases.opened_at, EXCLUDED.opened_at),
         last_activity_at = greatest(${s}.joint_cases.last_activity_at, EXCLUDED.last_activity_at)`,
      [jointCaseId, stage, assistance, missed, event.metadata.occurredAt],
    );
    // What this event brings to the case's lists, each member at the earliest position seen for it.
    const members = membersOf(event, published);
    const changed = await tx.query(
      `INSERT INTO ${s}.joint_case_members AS m (joint_case_id, kind, member, transaction_id, global_position)
       SELECT $1, kind, member, $4, $5 FROM unnest($2::text[], $3::text[]) AS x(kind, member)
       ON CONFLICT (joint_case_id, kind, member) DO UPDATE
         SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position
         WHERE (EXCLUDED.transaction_id, EXCLUDED.global_position) < (m.transaction_id, m.global_position)
       RETURNING m.kind`,
      [
        jointCaseId,
        members.map(([kind]) => kind),
        members.map(([, member]) => member),
        event.transactionId,
        event.globalPosition,
      ],
    );
    if (changed.length > 0) await tx.query(recomputeMembersSql(s, 'WHERE c.joint_case_id = $1'), [jointCaseId]);
    if (missed) {
      const deadline = missedDeadlineOf(published, event.metadata.occurredAt);
      // Events of one case come from several agencies' topics in server mode, so the answer may have been
      // seen first: then the escalation is resolved as it is recorded.
      await tx.query(
        `INSERT INTO ${s}.escalations (event_id, joint_case_id, kind, stream_id, subject_id, agency_id, due_by, missed_at,
           resolved_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
           (SELECT min(occurred_at) FROM ${s}.timeline WHERE subject_id = $5 AND event_type = ANY($9::text[])))
         ON CONFLICT (event_id) DO NOTHING`,
        [
          event.eventId,
          jointCaseId,
          event.type,
          event.streamId,
          subjectOf(published) ?? event.streamId,
          deadline.agencyId,
          deadline.dueBy,
          deadline.missedAt,
          ANSWERS,
        ],
      );
    }
    // A late answer resolves the escalation: the coordination body sees what is still waiting.
    if (ANSWERS.includes(event.type)) {
      const subject = subjectOf(published);
      if (subject) {
        // The earliest answer resolves it, whichever arrived first (as when the answer is seen before).
        await tx.query(
          `UPDATE ${s}.escalations SET resolved_at = $2::timestamptz
           WHERE subject_id = $1 AND (resolved_at IS NULL OR resolved_at > $2::timestamptz)`,
          [subject, event.metadata.occurredAt],
        );
      }
    }
  },
  /**
   * A page of events (catch-up, rebuild) in a handful of statements instead of up to six per event, leaving the
   * rows `apply` one event at a time would leave: the timeline rows of the page in one insert (the ones already
   * there are a redelivery and change nothing, as in `apply`), each case's row once with its stage folded over
   * the page's events in order, its members once with the earliest position of each, its lists recomputed once,
   * the page's escalations in one insert and their answers in one update.
   */
  async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]) {
    const page: PageEvent[] = [];
    for (const event of events) {
      const jointCaseId = event.metadata.jointCaseId;
      if (!jointCaseId) continue;
      const published = asJointCaseEvent(event);
      page.push({ event, published, row: timelineRowOf(event, jointCaseId, published), index: page.length });
    }
    if (page.length === 0) return;
    const inserted = new Set(
      (
        await tx.query<{ event_id: string }>(
          `INSERT INTO ${s}.timeline (event_id, joint_case_id, transaction_id, global_position, event_type, stream_id,
             agency_id, agency_type, roles, occurred_at, subject_id, summary, category)
           SELECT "eventId", "jointCaseId", "transactionId", "globalPosition", "eventType", "streamId", "agencyId",
             "agencyType", roles, "occurredAt", "subjectId", summary, category
           FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("eventId" text, "jointCaseId" text, "transactionId" bigint,
             "globalPosition" bigint, "eventType" text, "streamId" text, "agencyId" text, "agencyType" text,
             roles text[], "occurredAt" timestamptz, "subjectId" text, summary text, category text)) WITH ORDINALITY
           ORDER BY ordinality
           ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
          [JSON.stringify(page.map((p) => p.row))],
        )
      ).map((r) => r.event_id),
    );
    // Seen before (a redelivery that reached past the checkpoint): the case already reflects it.
    const fresh = page.filter((p) => inserted.has(p.row.eventId));
    if (fresh.length === 0) return;
    const byCase = new Map<string, PageEvent[]>();
    for (const p of fresh) {
      const list = byCase.get(p.row.jointCaseId) ?? [];
      list.push(p);
      byCase.set(p.row.jointCaseId, list);
    }
    const caseIds = [...byCase.keys()];
    const current = new Map(
      (
        await tx.query<{ joint_case_id: string; stage: CaseStage; assistance_stage: AssistanceStage }>(
          `SELECT joint_case_id, stage, assistance_stage FROM ${s}.joint_cases WHERE joint_case_id = ANY($1::text[])`,
          [caseIds],
        )
      ).map((r) => [r.joint_case_id, r]),
    );
    const assistance = await assistanceStagesAfter(tx, byCase, inserted);
    const cases = caseIds.map((jointCaseId) => {
      const list = byCase.get(jointCaseId) ?? [];
      const before = current.get(jointCaseId);
      let stage: CaseStage = before?.stage ?? 'identified';
      for (const p of list) stage = nextCaseStage(stage, p.event.type);
      const instants = list.map((p) => p.row.occurredAt);
      return {
        jointCaseId,
        stage,
        assistanceStage: assistance.get(jointCaseId) ?? before?.assistance_stage ?? 'none',
        missed: list.filter((p) => isDeadlineMissed(p.event.type)).length,
        openedAt: earliest(instants),
        lastActivityAt: latest(instants),
      };
    });
    await tx.query(
      `INSERT INTO ${s}.joint_cases (joint_case_id, stage, assistance_stage, missed_deadlines, opened_at, last_activity_at)
       SELECT "jointCaseId", stage, "assistanceStage", missed, "openedAt", "lastActivityAt"
       FROM jsonb_to_recordset($1::jsonb) AS r("jointCaseId" text, stage text, "assistanceStage" text, missed integer,
         "openedAt" timestamptz, "lastActivityAt" timestamptz)
       ON CONFLICT (joint_case_id) DO UPDATE SET
         stage = EXCLUDED.stage,
         assistance_stage = EXCLUDED.assistance_stage,
         missed_deadlines = ${s}.joint_cases.missed_deadlines + EXCLUDED.missed_deadlines,
         opened_at = least(${s}.joint_cases.opened_at, EXCLUDED.opened_at),
         last_activity_at = greatest(${s}.joint_cases.last_activity_at, EXCLUDED.last_activity_at)`,
      [JSON.stringify(cases)],
    );
    // Each member once, at the earliest position the page brings it (one upsert may not touch a row twice).
    const members = new Map<string, MemberRow>();
    for (const p of fresh) {
      for (const [kind, member] of membersOf(p.event, p.published)) {
        const key = JSON.stringify([p.row.jointCaseId, kind, member]);
        const seen = members.get(key);
        const at = { transactionId: p.event.transactionId, globalPosition: p.event.globalPosition };
        if (!seen || compareLogPositions(at, seen) < 0)
          members.set(key, { jointCaseId: p.row.jointCaseId, kind, member, ...at });
      }
    }
    const changed = await tx.query<{ joint_case_id: string }>(
      `INSERT INTO ${s}.joint_case_members AS m (joint_case_id, kind, member, transaction_id, global_position)
       SELECT "jointCaseId", kind, member, "transactionId", "globalPosition"
       FROM jsonb_to_recordset($1::jsonb)
         AS r("jointCaseId" text, kind text, member text, "transactionId" bigint, "globalPosition" bigint)
       ON CONFLICT (joint_case_id, kind, member) DO UPDATE
         SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position
         WHERE (EXCLUDED.transaction_id, EXCLUDED.global_position) < (m.transaction_id, m.global_position)
       RETURNING m.joint_case_id`,
      [JSON.stringify([...members.values()])],
    );
    const recompute = [...new Set(changed.map((r) => r.joint_case_id))];
    if (recompute.length > 0) {
      await tx.query(recomputeMembersSql(s, 'WHERE c.joint_case_id = ANY($1::text[])'), [recompute]);
    }
    // The page's missed deadlines, resolved as they are recorded by any answer already in the timeline (the page's
    // own included: one event at a time, an answer later in the page would resolve it the same, the earliest wins).
    const escalations = fresh
      .filter((p) => isDeadlineMissed(p.event.type))
      .map((p) => {
        const deadline = missedDeadlineOf(p.published, p.event.metadata.occurredAt);
        return {
          eventId: p.event.eventId,
          jointCaseId: p.row.jointCaseId,
          kind: p.event.type,
          streamId: p.event.streamId,
          subjectId: p.row.subjectId ?? p.event.streamId,
          agencyId: deadline.agencyId,
          dueBy: deadline.dueBy,
          missedAt: deadline.missedAt,
        };
      });
    if (escalations.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.escalations (event_id, joint_case_id, kind, stream_id, subject_id, agency_id, due_by,
           missed_at, resolved_at)
         SELECT r->>'eventId', r->>'jointCaseId', r->>'kind', r->>'streamId', r->>'subjectId', r->>'agencyId',
           (r->>'dueBy')::timestamptz, (r->>'missedAt')::timestamptz,
           (SELECT min(occurred_at) FROM ${s}.timeline WHERE subject_id = r->>'subjectId' AND event_type = ANY($2::text[]))
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
         ORDER BY n
         ON CONFLICT (event_id) DO NOTHING`,
        [JSON.stringify(escalations), ANSWERS],
      );
    }
    // A late answer resolves the escalation, the earliest answer of each subject in the page.
    const answers = new Map<string, string>();
    for (const p of fresh) {
      if (!ANSWERS.includes(p.event.type) || !p.row.subjectId) continue;
      const seen = answers.get(p.row.subjectId);
      answers.set(p.row.subjectId, seen === undefined ? p.row.occurredAt : earliest([seen, p.row.occurredAt]));
    }
    if (answers.size > 0) {
      await tx.query(
        `UPDATE ${s}.escalations e SET resolved_at = a.at
         FROM (SELECT subject, at::timestamptz AS at FROM unnest($1::text[], $2::text[]) AS u(subject, at)) a
         WHERE e.subject_id = a.subject AND (e.resolved_at IS NULL OR e.resolved_at > a.at)`,
        [[...answers.keys()], [...answers.values()]],
      );
    }
  },
};

/**
 * Assistance can be reopened after it closed, so its stage depends on the order of its events: folded
 * over the case's events in log order (those of one case's assistance come from one topic, in order, but
 * a case may have several assistance files).
 */
async function assistanceStageInLogOrder(tx: SqlQueryable, jointCaseId: string): Promise<AssistanceStage> {
  const events = await tx.query<{ event_type: string }>(
    `SELECT event_type FROM ${s}.timeline WHERE joint_case_id = $1 ORDER BY transaction_id, global_position`,
    [jointCaseId],
  );
  return events.reduce<AssistanceStage>((stage, e) => nextAssistanceStage(stage, e.event_type), 'none');
}

/** An event of a page the joint cases read, with its timeline row and its place in the page. */
interface PageEvent {
  readonly event: RecordedEvent;
  readonly published: JointCaseEvent | null;
  readonly row: TimelineRow;
  readonly index: number;
}

interface MemberRow {
  readonly jointCaseId: string;
  readonly kind: string;
  readonly member: string;
  readonly transactionId: number;
  readonly globalPosition: number;
}

/** The timeline's row for an event of a joint case. */
interface TimelineRow {
  readonly eventId: string;
  readonly jointCaseId: string;
  readonly transactionId: number;
  readonly globalPosition: number;
  readonly eventType: string;
  readonly streamId: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly roles: string[];
  readonly occurredAt: string;
  readonly subjectId: string | null;
  readonly summary: string | null;
  readonly category: string | null;
}

function timelineRowOf(event: RecordedEvent, jointCaseId: string, published: JointCaseEvent | null): TimelineRow {
  const actor = event.metadata.actor;
  return {
    eventId: event.eventId,
    jointCaseId,
    transactionId: event.transactionId,
    globalPosition: event.globalPosition,
    eventType: event.type,
    streamId: event.streamId,
    agencyId: actor.agencyId,
    agencyType: actor.agencyType,
    roles: [...actor.roles],
    occurredAt: event.metadata.occurredAt,
    subjectId: subjectOf(published),
    summary: published ? summarize(published) : eventTypeInWords(event.type),
    category: published?.type === RESTRICTED_ACTIVITY_NOTICE ? published.data.category : null,
  };
}

/** What an event brings to its case's lists: its agency, the work it belongs to, the site it names. */
function membersOf(event: RecordedEvent, published: JointCaseEvent | null): [kind: string, member: string][] {
  const members: [kind: string, member: string][] = [['agency_ids', event.metadata.actor.agencyId]];
  const link = linkOf(event.streamId);
  if (link) members.push([LINK_COLUMN[link], event.streamId.slice(event.streamId.indexOf('-') + 1)]);
  const siteCode = siteCodeOf(published);
  if (siteCode) members.push(['site_code', siteCode]);
  return members;
}

function earliest(instants: readonly string[]): string {
  return instants.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(instants: readonly string[]): string {
  return instants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/**
 * The assistance stage of each case of the page whose events move it, as `apply` leaves it: folded in log order
 * over the case's timeline as it stood when the page's last such event was applied (the rows there before the
 * page, and the page's own up to that event), all cases in one read.
 */
async function assistanceStagesAfter(
  tx: SqlQueryable,
  byCase: ReadonlyMap<string, readonly PageEvent[]>,
  inserted: ReadonlySet<string>,
): Promise<Map<string, AssistanceStage>> {
  const lastMove = new Map<string, number>();
  const pageIndex = new Map<string, number>();
  for (const [jointCaseId, list] of byCase) {
    for (const p of list) {
      pageIndex.set(p.row.eventId, p.index);
      if (nextAssistanceStage('none', p.event.type) !== 'none') lastMove.set(jointCaseId, p.index);
    }
  }
  const stages = new Map<string, AssistanceStage>();
  if (lastMove.size === 0) return stages;
  const rows = await tx.query<{ joint_case_id: string; event_id: string; event_type: string }>(
    `SELECT joint_case_id, event_id, event_type FROM ${s}.timeline WHERE joint_case_id = ANY($1::text[])
     ORDER BY joint_case_id, transaction_id, global_position`,
    [[...lastMove.keys()]],
  );
  for (const row of rows) {
    const last = lastMove.get(row.joint_case_id);
    if (last === undefined) continue;
    // A row of this page after the case's last move was not there yet when `apply` folded.
    const index = inserted.has(row.event_id) ? pageIndex.get(row.event_id) : undefined;
    if (index !== undefined && index > last) continue;
    stages.set(row.joint_case_id, nextAssistanceStage(stages.get(row.joint_case_id) ?? 'none', row.event_type));
  }
  return stages;
}

/** Events that answer a handoff, after which its escalation is resolved. */
const ANSWERS: readonly string[] = [
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralRevoked',
  'CaseFileReceived',
  'CaseFileAcknowledgementRecorded',
] satisfies readonly JointCaseEvent['type'][];
