import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
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
    const event = asAgendaEvent(recorded);
    if (!event) return;
    switch (event.type) {
      case 'ReferralSubmitted':
        await tx.query(
          `INSERT INTO ${s}.referrals (referral_id, joint_case_id, site_code, from_agency_id, to_agency_id,
             to_agency_type, submitted_at, due_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (referral_id) DO NOTHING`,
          [
            event.data.referralId,
            event.data.jointCaseId ?? event.metadata.jointCaseId,
            event.data.siteCode,
            event.data.fromAgencyId,
            event.data.toAgencyId,
            event.data.toAgencyType,
            event.data.submittedAt,
            event.data.dueBy,
          ],
        );
        return;
      case 'ReferralAccepted':
      case 'ReferralDeclined':
      case 'ReferralCompleted':
      case 'ReferralRevoked': {
        const answer = answerOf(event);
        await tx.query(
          `INSERT INTO ${s}.referral_answers (event_id, referral_id, kind, revision, answered_at, by_agency_id)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
          [event.eventId, event.data.referralId, answer.kind, event.streamRevision, answer.at, event.data.byAgencyId],
        );
        return;
      }
      case 'HearingScheduled':
        await tx.query(
          `INSERT INTO ${s}.hearings (hearing_id, prosecution_id, joint_case_id, court, scheduled_for)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (hearing_id) DO UPDATE SET prosecution_id = EXCLUDED.prosecution_id,
             joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id),
             court = EXCLUDED.court, scheduled_for = EXCLUDED.scheduled_for`,
          [
            event.data.hearingId,
            event.data.prosecutionId,
            event.metadata.jointCaseId,
            event.data.court,
            event.data.scheduledFor,
          ],
        );
        return;
      case 'HearingRescheduled':
        // A moved hearing: its new date (and court) is what the meeting must know of.
        await tx.query(
          `INSERT INTO ${s}.hearings (hearing_id, prosecution_id, joint_case_id, court, scheduled_for)
           VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (hearing_id) DO UPDATE SET court = EXCLUDED.court, scheduled_for = EXCLUDED.scheduled_for,
             joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id)`,
          [
            event.data.hearingId,
            event.data.prosecutionId,
            event.metadata.jointCaseId,
            event.data.court,
            event.data.scheduledFor,
          ],
        );
        return;
      case 'HearingCancelled':
        await tx.query(
          `INSERT INTO ${s}.hearings (hearing_id, joint_case_id, cancelled_at) VALUES ($1, $2, $3)
           ON CONFLICT (hearing_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at,
             joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id)`,
          [event.data.hearingId, event.metadata.jointCaseId, event.data.cancelledAt],
        );
        return;
      case 'HearingHeld':
        await tx.query(
          `INSERT INTO ${s}.hearings (hearing_id, joint_case_id, held_at) VALUES ($1, $2, $3)
           ON CONFLICT (hearing_id) DO UPDATE SET held_at = EXCLUDED.held_at,
             joint_case_id = coalesce(${s}.hearings.joint_case_id, EXCLUDED.joint_case_id)`,
          [event.data.hearingId, event.metadata.jointCaseId, event.data.heldAt],
        );
        return;
      case 'MineSiteRegistered': {
        const province = event.data.province;
        await tx.query(
          `INSERT INTO ${s}.sites (site_id, code, province) VALUES ($1, $2, $3) ON CONFLICT (site_id) DO NOTHING`,
          [event.data.siteId, event.data.code, PROVINCE_PREFIX[province] ?? province],
        );
        return;
      }
      case 'MineSiteStatusChanged':
        await tx.query(
          `INSERT INTO ${s}.site_status_changes (event_id, site_id, from_status, to_status, changed_at, by_agency_id)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
          [
            event.eventId,
            event.data.siteId,
            event.data.from,
            event.data.to,
            event.data.changedAt,
            event.data.byAgencyId,
          ],
        );
        return;
      case 'SiteIncidentReported':
        await tx.query(
          `INSERT INTO ${s}.incidents (incident_id, site_id, joint_case_id, reported_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (incident_id) DO UPDATE SET site_id = EXCLUDED.site_id, joint_case_id = EXCLUDED.joint_case_id,
             reported_at = EXCLUDED.reported_at`,
          [
            event.data.incidentId,
            event.data.siteId,
            event.data.jointCaseId ?? event.metadata.jointCaseId,
            event.data.reportedAt,
          ],
        );
        return;
      case 'SiteIncidentClassified': {
        // A reclassification seen before the classification it replaces must not be overwritten by it.
        await tx.query(
          `INSERT INTO ${s}.incidents (incident_id, level, level_revision, classified_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (incident_id) DO UPDATE SET level = EXCLUDED.level, level_revision = EXCLUDED.level_revision,
             classified_at = EXCLUDED.classified_at
           WHERE ${s}.incidents.level_revision IS NULL OR ${s}.incidents.level_revision < EXCLUDED.level_revision`,
          [event.data.incidentId, event.data.level, event.streamRevision, event.data.classifiedAt],
        );
        return;
      }
      case 'SiteIncidentClosed':
        await tx.query(
          `INSERT INTO ${s}.incidents (incident_id, closed_at) VALUES ($1, $2)
           ON CONFLICT (incident_id) DO UPDATE SET closed_at = EXCLUDED.closed_at`,
          [event.data.incidentId, event.data.closedAt],
        );
        return;
    }
  },
};
