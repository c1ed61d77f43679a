import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { isMeetingEvent, MEETING_EVENT_TYPES } from '@pamoja/coordination/domain';

/** The meetings' own read model: what each meeting recorded. Its own schema (migrations are per schema). */
export const MEETINGS_READ_SCHEMA = 'coordination_meetings';
const s = MEETINGS_READ_SCHEMA;

/**
 * Coordination meetings, their action points, decisions and minutes, from the meetings' own streams.
 * Each row remembers the stream revision it reflects, so an event delivered twice changes nothing.
 */
export const meetingProjection: Projection = {
  name: 'coordination.meetings',
  schema: s,
  filter: { eventTypes: [...MEETING_EVENT_TYPES] },
  migrations: [
    {
      version: 1,
      name: 'meetings, action points, decisions, minutes',
      up: (schema) => `
        CREATE TABLE ${schema}.meetings (
          meeting_id text PRIMARY KEY,
          title text NOT NULL,
          province text NOT NULL,
          site_code text,
          scheduled_for timestamptz NOT NULL,
          participant_agency_types text[] NOT NULL,
          participant_agency_ids text[] NOT NULL,
          status text NOT NULL,
          scheduled_at timestamptz NOT NULL,
          scheduled_by_agency_id text NOT NULL,
          closed_at timestamptz,
          revision bigint NOT NULL
        );
        CREATE INDEX meetings_scope ON ${schema}.meetings (province, site_code, scheduled_for);
        CREATE INDEX meetings_time ON ${schema}.meetings (scheduled_for, meeting_id);
        CREATE TABLE ${schema}.action_points (
          action_point_id text PRIMARY KEY,
          meeting_id text NOT NULL,
          revision bigint NOT NULL,
          description text NOT NULL,
          owner_agency_id text NOT NULL,
          owner_agency_type text NOT NULL,
          due_by timestamptz NOT NULL,
          joint_case_id text,
          recorded_at timestamptz NOT NULL,
          completed_at timestamptz,
          completed_by_agency_id text
        );
        CREATE INDEX action_points_owner ON ${schema}.action_points (owner_agency_id, due_by, action_point_id);
        CREATE INDEX action_points_meeting ON ${schema}.action_points (meeting_id, revision);
        CREATE TABLE ${schema}.decisions (
          decision_id text PRIMARY KEY,
          meeting_id text NOT NULL,
          revision bigint NOT NULL,
          text text NOT NULL,
          joint_case_id text,
          recorded_at timestamptz NOT NULL,
          recorded_by_agency_id text NOT NULL
        );
        CREATE INDEX decisions_meeting ON ${schema}.decisions (meeting_id, revision);
        CREATE TABLE ${schema}.minutes (
          meeting_id text NOT NULL,
          revision bigint NOT NULL,
          text text NOT NULL,
          recorded_at timestamptz NOT NULL,
          recorded_by_agency_id text NOT NULL,
          PRIMARY KEY (meeting_id, revision)
        );`,
    },
    {
      version: 2,
      name: 'the language a meeting is held in',
      // Meetings scheduled before version 2 of MeetingScheduled were held in French (its upcaster says so).
      up: (schema) => `ALTER TABLE ${schema}.meetings ADD COLUMN language text NOT NULL DEFAULT 'fr';`,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.meetings, ${s}.action_points, ${s}.decisions, ${s}.minutes`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isMeetingEvent(event)) return;
    const revision = event.streamRevision;
    const touch = (meetingId: string) =>
      tx.query(`UPDATE ${s}.meetings SET revision = $2 WHERE meeting_id = $1 AND revision < $2`, [meetingId, revision]);
    switch (event.type) {
      case 'MeetingScheduled': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.meetings (meeting_id, title, province, site_code, scheduled_for, participant_agency_types,
             participant_agency_ids, language, status, scheduled_at, scheduled_by_agency_id, revision)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'scheduled', $9, $10, $11)
           ON CONFLICT (meeting_id) DO NOTHING`,
          [
            d.meetingId,
            d.title,
            d.province,
            d.siteCode,
            d.scheduledFor,
            [...d.participantAgencyTypes],
            [...d.participantAgencyIds],
            d.language,
            d.scheduledAt,
            d.byAgencyId,
            revision,
          ],
        );
        return;
      }
      case 'ActionPointRecorded': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.action_points (action_point_id, meeting_id, revision, description, owner_agency_id,
             owner_agency_type, due_by, joint_case_id, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (action_point_id) DO NOTHING`,
          [
            d.actionPointId,
            d.meetingId,
            revision,
            d.description,
            d.ownerAgencyId,
            d.ownerAgencyType,
            d.dueBy,
            d.jointCaseId,
            d.recordedAt,
          ],
        );
        await touch(d.meetingId);
        return;
      }
      case 'ActionPointCompleted': {
        const d = event.data;
        await tx.query(
          `UPDATE ${s}.action_points SET completed_at = $2, completed_by_agency_id = $3
           WHERE action_point_id = $1 AND completed_at IS NULL`,
          [d.actionPointId, d.completedAt, d.byAgencyId],
        );
        await touch(d.meetingId);
        return;
      }
      case 'DecisionRecorded': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.decisions (decision_id, meeting_id, revision, text, joint_case_id, recorded_at,
             recorded_by_agency_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (decision_id) DO NOTHING`,
          [d.decisionId, d.meetingId, revision, d.text, d.jointCaseId, d.recordedAt, d.byAgencyId],
        );
        await touch(d.meetingId);
        return;
      }
      case 'MinutesRecorded': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.minutes (meeting_id, revision, text, recorded_at, recorded_by_agency_id)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (meeting_id, revision) DO NOTHING`,
          [d.meetingId, revision, d.text, d.recordedAt, d.byAgencyId],
        );
        await touch(d.meetingId);
        return;
      }
      case 'MeetingClosed': {
        const d = event.data;
        await tx.query(
          `UPDATE ${s}.meetings SET status = 'closed', closed_at = $3, revision = $2
           WHERE meeting_id = $1 AND revision < $2`,
          [d.meetingId, revision, d.closedAt],
        );
        return;
      }
    }
  },
};
