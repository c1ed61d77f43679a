import { type SqlQueryable } from '@pamoja/event-store';
import {
  type ActionPointView,
  type AgendaHandoffView,
  type AgendaHearingView,
  type AgendaIncidentView,
  type AgendaMissedDeadlineView,
  type AgendaSiteStatusChangeView,
  type AgendaView,
  type DecisionView,
  type MeetingListFilter,
  type MeetingReader,
  type MeetingReadModel,
  type MeetingView,
  type MinutesView,
  type MyActionPointsFilter,
  type SuspendedAgency,
} from '@pamoja/coordination/application';
import {
  COORDINATION_AGENCY_TYPE,
  MEETING_LIMITS,
  type MeetingAgencyType,
  type MeetingLanguage,
  type MeetingProvince,
} from '@pamoja/coordination/domain';
import { AGENDA_READ_SCHEMA as a } from './agenda.projection.js';
import { COORDINATION_READ_SCHEMA as c } from './joint-case.projection.js';
import { MEETINGS_READ_SCHEMA as m } from './meeting.projection.js';

const DAY_MS = 24 * 60 * 60 * 1000;

interface MeetingRow {
  meeting_id: string;
  title: string;
  province: MeetingProvince;
  site_code: string | null;
  scheduled_for: Date;
  participant_agency_types: MeetingAgencyType[];
  participant_agency_ids: string[];
  language: MeetingLanguage;
  status: 'scheduled' | 'closed';
  scheduled_at: Date;
  scheduled_by_agency_id: string;
  closed_at: Date | null;
  revision: number | string;
}

const toMeeting = (r: MeetingRow): MeetingView => ({
  meetingId: r.meeting_id,
  title: r.title,
  province: r.province,
  siteCode: r.site_code,
  scheduledFor: r.scheduled_for,
  participantAgencyTypes: r.participant_agency_types,
  participantAgencyIds: r.participant_agency_ids,
  language: r.language,
  status: r.status,
  scheduledAt: r.scheduled_at,
  scheduledByAgencyId: r.scheduled_by_agency_id,
  closedAt: r.closed_at,
  revision: Number(r.revision),
});

interface ActionPointRow {
  action_point_id: string;
  meeting_id: string;
  description: string;
  owner_agency_id: string;
  owner_agency_type: MeetingAgencyType;
  due_by: Date;
  joint_case_id: string | null;
  recorded_at: Date;
  completed_at: Date | null;
  completed_by_agency_id: string | null;
}

const toActionPoint =
  (now: Date) =>
  (r: ActionPointRow): ActionPointView => ({
    actionPointId: r.action_point_id,
    meetingId: r.meeting_id,
    description: r.description,
    ownerAgencyId: r.owner_agency_id,
    ownerAgencyType: r.owner_agency_type,
    dueBy: r.due_by,
    jointCaseId: r.joint_case_id,
    recordedAt: r.recorded_at,
    status: r.completed_at === null ? 'open' : 'completed',
    completedAt: r.completed_at,
    completedByAgencyId: r.completed_by_agency_id,
    overdue: r.completed_at === null && r.due_by.getTime() < now.getTime(),
  });

const ACTION_POINT_COLUMNS = `action_point_id, meeting_id, description, owner_agency_id, owner_agency_type, due_by,
  joint_case_id, recorded_at, completed_at, completed_by_agency_id`;

/** Who may read a meeting: the coordination body, its participants, and the owners of its action points. */
const READABLE = `($2::text = '${COORDINATION_AGENCY_TYPE}' OR $1::text = ANY(mt.participant_agency_ids)
  OR $2::text = ANY(mt.participant_agency_types)
  OR EXISTS (SELECT 1 FROM ${m}.action_points p WHERE p.meeting_id = mt.meeting_id AND p.owner_agency_id = $1))`;

/**
 * Whether a site code is in a meeting's scope ($1 province, $2 site code or null). The province is the
 * code's prefix, or the site's registration when the code has none.
 */
const inScope = (code: string, registeredProvince = 'NULL') =>
  `(CASE WHEN $2::text IS NOT NULL THEN ${code} = $2
     ELSE coalesce(substring(${code} from '^(NK|SK)-'), ${registeredProvince}) = $1 END)`;

/** Each joint case with the site codes it is known at: its referrals' sites and its incidents' sites. */
const CASE_SITES = `case_sites AS (
  SELECT DISTINCT joint_case_id, site_code FROM (
    SELECT joint_case_id, site_code FROM ${a}.referrals WHERE joint_case_id IS NOT NULL AND site_code IS NOT NULL
    UNION ALL
    SELECT i.joint_case_id, st.code FROM ${a}.incidents i JOIN ${a}.sites st ON st.site_id = i.site_id
    WHERE i.joint_case_id IS NOT NULL) known)`;

interface HandoffRow {
  referral_id: string;
  joint_case_id: string | null;
  site_code: string;
  from_agency_id: string;
  to_agency_id: string;
  to_agency_type: string;
  submitted_at: Date;
  due_by: Date;
  declined_at: Date | null;
}

const toHandoff = (r: HandoffRow): AgendaHandoffView => ({
  referralId: r.referral_id,
  jointCaseId: r.joint_case_id,
  siteCode: r.site_code,
  fromAgencyId: r.from_agency_id,
  toAgencyId: r.to_agency_id,
  toAgencyType: r.to_agency_type,
  submittedAt: r.submitted_at,
  dueBy: r.due_by,
  declinedAt: r.declined_at,
});

export class SqlMeetingReadModel implements MeetingReadModel {
  constructor(private readonly db: SqlQueryable) {}

  async meeting(meetingId: string, reader: MeetingReader): Promise<MeetingView | undefined> {
    const rows = await this.db.query<MeetingRow>(
      `SELECT * FROM ${m}.meetings mt WHERE meeting_id = $3 AND ${READABLE}`,
      [reader.agencyId, reader.agencyType, meetingId],
    );
    return rows[0] ? toMeeting(rows[0]) : undefined;
  }

  async meetings(filter: MeetingListFilter, reader: MeetingReader): Promise<MeetingView[]> {
    const [afterTime, afterId] = filter.after ?? [null, null];
    const order = filter.upcoming ? 'ASC' : 'DESC';
    const after = filter.upcoming ? '>' : '<';
    const rows = await this.db.query<MeetingRow>(
      `SELECT * FROM ${m}.meetings mt
       WHERE ${READABLE}
         AND ($3::text IS NULL OR province = $3)
         AND ($4::text IS NULL OR site_code = $4)
         AND (NOT $5::boolean OR scheduled_for >= $6)
         AND ($7::timestamptz IS NULL OR (scheduled_for, meeting_id) ${after} ($7::timestamptz, $8::text))
       ORDER BY scheduled_for ${order}, meeting_id ${order}
       LIMIT $9`,
      [
        reader.agencyId,
        reader.agencyType,
        filter.province ?? null,
        filter.siteCode ?? null,
        filter.upcoming,
        filter.now,
        afterTime,
        afterId,
        filter.limit,
      ],
    );
    return rows.map(toMeeting);
  }

  async actionPoints(meetingId: string, now: Date): Promise<ActionPointView[]> {
    const rows = await this.db.query<ActionPointRow>(
      `SELECT ${ACTION_POINT_COLUMNS} FROM ${m}.action_points WHERE meeting_id = $1 ORDER BY revision, action_point_id`,
      [meetingId],
    );
    return rows.map(toActionPoint(now));
  }

  async decisions(meetingId: string): Promise<DecisionView[]> {
    const rows = await this.db.query<{
      decision_id: string;
      meeting_id: string;
      text: string;
      joint_case_id: string | null;
      recorded_at: Date;
      recorded_by_agency_id: string;
    }>(`SELECT * FROM ${m}.decisions WHERE meeting_id = $1 ORDER BY revision, decision_id`, [meetingId]);
    return rows.map((r) => ({
      decisionId: r.decision_id,
      meetingId: r.meeting_id,
      text: r.text,
      jointCaseId: r.joint_case_id,
      recordedAt: r.recorded_at,
      recordedByAgencyId: r.recorded_by_agency_id,
    }));
  }

  async minutes(meetingId: string): Promise<MinutesView | null> {
    const rows = await this.db.query<{ text: string; recorded_at: Date; recorded_by_agency_id: string }>(
      `SELECT text, recorded_at, recorded_by_agency_id FROM ${m}.minutes WHERE meeting_id = $1
       ORDER BY revision DESC LIMIT 1`,
      [meetingId],
    );
    const row = rows[0];
    return row ? { text: row.text, recordedAt: row.recorded_at, recordedByAgencyId: row.recorded_by_agency_id } : null;
  }

  async myActionPoints(filter: MyActionPointsFilter): Promise<ActionPointView[]> {
    const [afterTime, afterId] = filter.after ?? [null, null];
    const rows = await this.db.query<ActionPointRow>(
      `SELECT ${ACTION_POINT_COLUMNS} FROM ${m}.action_points
       WHERE owner_agency_id = $1
         AND (NOT $2::boolean OR completed_at IS NULL)
         AND ($3::timestamptz IS NULL OR due_by < $3)
         AND ($4::timestamptz IS NULL OR (due_by, action_point_id) > ($4::timestamptz, $5::text))
       ORDER BY due_by, action_point_id
       LIMIT $6`,
      [filter.ownerAgencyId, filter.openOnly, filter.dueBefore, afterTime, afterId, filter.limit],
    );
    return rows.map(toActionPoint(filter.now));
  }

  async agenda(meeting: MeetingView, now: Date, suspended: readonly SuspendedAgency[]): Promise<AgendaView> {
    const scope = [meeting.province, meeting.siteCode] as const;
    const until = meeting.scheduledFor;

    // The previous meeting of exactly this scope opens the window of what changed.
    const previous = await this.db.query<{ meeting_id: string; scheduled_for: Date }>(
      `SELECT meeting_id, scheduled_for FROM ${m}.meetings
       WHERE province = $1 AND site_code IS NOT DISTINCT FROM $2 AND meeting_id <> $3
         AND (scheduled_for, meeting_id) < ($4::timestamptz, $3::text)
       ORDER BY scheduled_for DESC, meeting_id DESC LIMIT 1`,
      [...scope, meeting.meetingId, until],
    );
    const since =
      previous[0]?.scheduled_for ?? new Date(until.getTime() - MEETING_LIMITS.firstMeetingLookbackDays * DAY_MS);
    const hearingsUntil = new Date(until.getTime() + MEETING_LIMITS.hearingWindowDays * DAY_MS);

    const suspendedIds = suspended.map((agency) => agency.agencyId);
    const [overdue, declined, withSuspended, missed, hearings, changes, incidents, points] = await Promise.all([
      // Handoffs nobody answered, past their due time now.
      this.db.query<HandoffRow>(
        `SELECT r.*, NULL::timestamptz AS declined_at FROM ${a}.referrals r
         WHERE r.site_code IS NOT NULL AND ${inScope('r.site_code')} AND r.due_by < $3
           AND NOT EXISTS (SELECT 1 FROM ${a}.referral_answers x WHERE x.referral_id = r.referral_id)
         ORDER BY r.due_by, r.referral_id`,
        [...scope, now],
      ),
      // Handoffs declined since the previous meeting.
      this.db.query<HandoffRow>(
        `SELECT r.*, x.answered_at AS declined_at FROM ${a}.referrals r
         JOIN ${a}.referral_answers x ON x.referral_id = r.referral_id AND x.kind = 'declined'
         WHERE r.site_code IS NOT NULL AND ${inScope('r.site_code')} AND x.answered_at > $3 AND x.answered_at <= $4
         ORDER BY x.answered_at, r.referral_id`,
        [...scope, since, until],
      ),
      // Handoffs still open (unanswered, or accepted and not yet completed) with an agency suspended now:
      // the meeting decides where they go; nothing is rerouted behind the parties' backs.
      this.db.query<HandoffRow>(
        `SELECT r.*, NULL::timestamptz AS declined_at FROM ${a}.referrals r
         WHERE r.site_code IS NOT NULL AND ${inScope('r.site_code')}
           AND (r.from_agency_id = ANY($3::text[]) OR r.to_agency_id = ANY($3::text[]))
           AND NOT EXISTS (SELECT 1 FROM ${a}.referral_answers x WHERE x.referral_id = r.referral_id
                           AND x.kind IN ('declined', 'completed', 'revoked'))
         ORDER BY r.due_by, r.referral_id`,
        [...scope, suspendedIds],
      ),
      // Deadlines missed and still unanswered (the joint view's escalations, read only).
      this.db.query<{
        event_id: string;
        kind: string;
        subject_id: string;
        joint_case_id: string | null;
        site_code: string;
        agency_id: string | null;
        due_by: Date | null;
        missed_at: Date;
      }>(
        `WITH ${CASE_SITES}
         SELECT DISTINCT ON (e.missed_at, e.event_id) e.event_id, e.kind, e.subject_id, e.joint_case_id, e.agency_id,
           e.due_by, e.missed_at, coalesce(r.site_code, cs.site_code) AS site_code
         FROM ${c}.escalations e
         LEFT JOIN ${a}.referrals r ON r.referral_id = e.subject_id
         LEFT JOIN case_sites cs ON cs.joint_case_id = e.joint_case_id
         WHERE e.resolved_at IS NULL AND coalesce(r.site_code, cs.site_code) IS NOT NULL
           AND ${inScope('coalesce(r.site_code, cs.site_code)')}
         ORDER BY e.missed_at, e.event_id, site_code`,
        [...scope],
      ),
      // Hearings in the two weeks from the meeting, not yet held.
      this.db.query<{
        hearing_id: string;
        prosecution_id: string;
        joint_case_id: string | null;
        court: string;
        scheduled_for: Date;
        site_code: string;
      }>(
        `WITH ${CASE_SITES}
         SELECT DISTINCT ON (h.scheduled_for, h.hearing_id) h.hearing_id, h.prosecution_id, h.joint_case_id, h.court,
           h.scheduled_for, cs.site_code
         FROM ${a}.hearings h JOIN case_sites cs ON cs.joint_case_id = h.joint_case_id
         WHERE h.held_at IS NULL AND h.cancelled_at IS NULL AND h.scheduled_for >= $3 AND h.scheduled_for <= $4 AND ${inScope('cs.site_code')}
         ORDER BY h.scheduled_for, h.hearing_id, cs.site_code`,
        [...scope, until, hearingsUntil],
      ),
      // Site status changes since the previous meeting.
      this.db.query<{
        site_id: string;
        code: string;
        from_status: string;
        to_status: string;
        changed_at: Date;
        by_agency_id: string;
      }>(
        `SELECT ch.site_id, st.code, ch.from_status, ch.to_status, ch.changed_at, ch.by_agency_id
         FROM ${a}.site_status_changes ch JOIN ${a}.sites st ON st.site_id = ch.site_id
         WHERE ${inScope('st.code', 'st.province')} AND ch.changed_at > $3 AND ch.changed_at <= $4
         ORDER BY ch.changed_at, ch.event_id`,
        [...scope, since, until],
      ),
      // Incidents classified level 1 since the previous meeting (open or already closed).
      this.db.query<{
        incident_id: string;
        site_id: string;
        code: string;
        joint_case_id: string | null;
        reported_at: Date;
        classified_at: Date;
        closed_at: Date | null;
      }>(
        `SELECT i.incident_id, i.site_id, st.code, i.joint_case_id, i.reported_at, i.classified_at, i.closed_at
         FROM ${a}.incidents i JOIN ${a}.sites st ON st.site_id = i.site_id
         WHERE i.level = 1 AND i.reported_at IS NOT NULL AND ${inScope('st.code', 'st.province')}
           AND i.classified_at > $3 AND i.classified_at <= $4
         ORDER BY i.classified_at, i.incident_id`,
        [...scope, since, until],
      ),
      // Action points still open from earlier meetings: of the province (any of its sites), or of the site.
      this.db.query<ActionPointRow>(
        `SELECT ${ACTION_POINT_COLUMNS.split(',')
          .map((col) => `p.${col.trim()}`)
          .join(', ')}
         FROM ${m}.action_points p JOIN ${m}.meetings mt ON mt.meeting_id = p.meeting_id
         WHERE p.completed_at IS NULL AND mt.meeting_id <> $3 AND mt.scheduled_for < $4 AND mt.province = $1
           AND ($2::text IS NULL OR mt.site_code = $2)
         ORDER BY p.due_by, p.action_point_id`,
        [...scope, meeting.meetingId, until],
      ),
    ]);

    const missedDeadlines: AgendaMissedDeadlineView[] = missed.map((r) => ({
      escalationId: r.event_id,
      kind: r.kind,
      subjectId: r.subject_id,
      jointCaseId: r.joint_case_id,
      siteCode: r.site_code,
      agencyId: r.agency_id,
      dueBy: r.due_by,
      missedAt: r.missed_at,
    }));
    const upcomingHearings: AgendaHearingView[] = hearings.map((r) => ({
      hearingId: r.hearing_id,
      prosecutionId: r.prosecution_id,
      jointCaseId: r.joint_case_id,
      siteCode: r.site_code,
      court: r.court,
      scheduledFor: r.scheduled_for,
    }));
    const siteStatusChanges: AgendaSiteStatusChangeView[] = changes.map((r) => ({
      siteId: r.site_id,
      siteCode: r.code,
      from: r.from_status,
      to: r.to_status,
      changedAt: r.changed_at,
      byAgencyId: r.by_agency_id,
    }));
    const levelOneIncidents: AgendaIncidentView[] = incidents.map((r) => ({
      incidentId: r.incident_id,
      siteId: r.site_id,
      siteCode: r.code,
      jointCaseId: r.joint_case_id,
      reportedAt: r.reported_at,
      classifiedAt: r.classified_at,
      status: r.closed_at === null ? 'open' : 'closed',
    }));
    return {
      asOf: now,
      since,
      previousMeetingId: previous[0]?.meeting_id ?? null,
      overdueHandoffs: overdue.map(toHandoff),
      declinedHandoffs: declined.map(toHandoff),
      suspendedAgencyHandoffs: withSuspended.map((row) => {
        const handoff = toHandoff(row);
        const suspendedAgencyId = suspendedIds.includes(handoff.toAgencyId) ? handoff.toAgencyId : handoff.fromAgencyId;
        return { ...handoff, suspendedAgencyId };
      }),
      missedDeadlines,
      upcomingHearings,
      siteStatusChanges,
      levelOneIncidents,
      openActionPoints: points.map(toActionPoint(now)),
    };
  }
}
