import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import {
  isDeadlineMissed,
  linkOf,
  nextAssistanceStage,
  nextCaseStage,
  RESTRICTED_ACTIVITY_NOTICE,
  summarize,
  type AssistanceStage,
  type CaseStage,
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

function text(data: unknown, ...path: string[]): string | null {
  let value: unknown = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' ? value : null;
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
  ],
  async reset(tx: SqlQueryable) {
    await tx.query(`TRUNCATE ${s}.joint_cases, ${s}.timeline, ${s}.escalations`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent) {
    const jointCaseId = event.metadata.jointCaseId;
    if (!jointCaseId) return;
    const actor = event.metadata.actor;
    const inserted = await tx.query(
      `INSERT INTO ${s}.timeline (event_id, joint_case_id, transaction_id, global_position, event_type, stream_id,
         agency_id, agency_type, roles, occurred_at, subject_id, summary, category)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        event.eventId,
        jointCaseId,
        event.transactionId,
        event.globalPosition,
        event.type,
        event.streamId,
        actor.agencyId,
        actor.agencyType,
        [...actor.roles],
        event.metadata.occurredAt,
        subjectOf(event),
        summarize(event.type, event.data),
        event.type === RESTRICTED_ACTIVITY_NOTICE ? text(event.data, 'category') : null,
      ],
    );
    // Seen before (a replay that reached past the checkpoint): the case already reflects it.
    if (inserted.length === 0) return;

    const rows = await tx.query<{ stage: CaseStage; assistance_stage: AssistanceStage }>(
      `SELECT stage, assistance_stage FROM ${s}.joint_cases WHERE joint_case_id = $1`,
      [jointCaseId],
    );
    const current = rows[0] ?? { stage: 'identified' as CaseStage, assistance_stage: 'none' as AssistanceStage };
    const stage = nextCaseStage(current.stage, event.type);
    const assistance = nextAssistanceStage(current.assistance_stage, event.type);
    const link = linkOf(event.streamId);
    const linkedId = event.streamId.slice(event.streamId.indexOf('-') + 1);
    const siteCode = text(event.data, 'site', 'code') ?? text(event.data, 'siteCode');
    const missed = isDeadlineMissed(event.type) ? 1 : 0;
    await tx.query(
      `INSERT INTO ${s}.joint_cases (joint_case_id, stage, assistance_stage, site_code, agency_ids, missed_deadlines,
         opened_at, last_activity_at)
       VALUES ($1, $2, $3, $4, ARRAY[$5], $6, $7, $7)
       ON CONFLICT (joint_case_id) DO UPDATE SET
         stage = EXCLUDED.stage,
         assistance_stage = EXCLUDED.assistance_stage,
         site_code = coalesce(${s}.joint_cases.site_code, EXCLUDED.site_code),
         agency_ids = CASE WHEN $5 = ANY(${s}.joint_cases.agency_ids) THEN ${s}.joint_cases.agency_ids
                           ELSE ${s}.joint_cases.agency_ids || $5 END,
         missed_deadlines = ${s}.joint_cases.missed_deadlines + $6,
         opened_at = least(${s}.joint_cases.opened_at, EXCLUDED.opened_at),
         last_activity_at = greatest(${s}.joint_cases.last_activity_at, EXCLUDED.last_activity_at)`,
      [jointCaseId, stage, assistance, siteCode, actor.agencyId, missed, event.metadata.occurredAt],
    );
    if (link) {
      const column = LINK_COLUMN[link];
      await tx.query(
        `UPDATE ${s}.joint_cases SET ${column} = ${column} || $2::text
         WHERE joint_case_id = $1 AND NOT ($2 = ANY(${column}))`,
        [jointCaseId, linkedId],
      );
    }
    if (missed) {
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
          subjectOf(event) ?? event.streamId,
          text(event.data, 'toAgencyId') ?? text(event.data, 'toProsecutorOfficeId'),
          text(event.data, 'dueBy'),
          text(event.data, 'missedAt') ?? event.metadata.occurredAt,
          ANSWERS,
        ],
      );
    }
    // A late answer resolves the escalation: the coordination body sees what is still waiting.
    if (ANSWERS.includes(event.type)) {
      const subject = subjectOf(event);
      if (subject) {
        await tx.query(`UPDATE ${s}.escalations SET resolved_at = $2 WHERE subject_id = $1 AND resolved_at IS NULL`, [
          subject,
          event.metadata.occurredAt,
        ]);
      }
    }
  },
};

/** Events that answer a handoff, after which its escalation is resolved. */
const ANSWERS = [
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralRevoked',
  'CaseFileReceived',
  'CaseFileAcknowledgementRecorded',
];

/** The handoff an event is about: a referral, or a case file sent to a prosecutor's office. */
function subjectOf(event: RecordedEvent): string | null {
  return text(event.data, 'caseFileId') ?? text(event.data, 'referralId');
}
