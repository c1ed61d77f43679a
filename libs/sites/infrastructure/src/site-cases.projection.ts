import {
  asAssistancePublished,
  asRestrictedActivityNotice,
  type AssistancePublishedEvent,
  type RestrictedActivityNotice,
} from '@pamoja/assistance/contracts';
import { type RecordedEvent } from '@pamoja/contracts';
import { asCoordinationPublished, type CoordinationPublishedEvent } from '@pamoja/coordination/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { asInvestigationsPublished, type InvestigationsPublishedEvent } from '@pamoja/investigations/contracts';
import { asProsecutionsPublished, type ProsecutionsPublishedEvent } from '@pamoja/prosecutions/contracts';
import { asReferralsPublished, type ReferralsPublishedEvent } from '@pamoja/referrals/contracts';
import { siteIdForCode, type SiteCaseLink } from '@pamoja/sites/application';
import { asSitesPublished, type SitesPublishedEvent } from '@pamoja/sites/contracts';

/** Its own schema: schema migrations are numbered per schema, and the registry has its own. */
export const SITE_CASES_READ_SCHEMA = 'sites_cases_read';
export const SITE_CASES_PROJECTION = 'sites.site-cases';
const s = SITE_CASES_READ_SCHEMA;

/** Every event other agencies share, in the published language of the context that shares it. */
type SharedEvent =
  | ReferralsPublishedEvent
  | SitesPublishedEvent
  | InvestigationsPublishedEvent
  | ProsecutionsPublishedEvent
  | AssistancePublishedEvent
  | CoordinationPublishedEvent
  | RestrictedActivityNotice;

/** The event typed, checked once here (a malformed one throws, for the dead letters); null for no shared type. */
function asSharedEvent(event: RecordedEvent): SharedEvent | null {
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

function nonEmpty(value: string | null): string | null {
  return value === '' ? null : value;
}

/** The joint case an event names in its data, when it names one. */
function jointCaseIdOf(event: SharedEvent | null): string | null {
  return event && 'jointCaseId' in event.data ? nonEmpty(event.data.jointCaseId) : null;
}

interface SiteLink {
  readonly siteId: string;
  readonly siteCode: string | null;
  readonly via: SiteCaseLink;
  /** The referral or the incident that linked the case. */
  readonly subjectId: string;
}

/** The site an event links its joint case to, as the catalogue shares it (the referral's `siteCode`). */
function siteLinkOf(event: SharedEvent | null): SiteLink | null {
  if (event?.type === 'ReferralSubmitted') {
    const code = nonEmpty(event.data.siteCode);
    const referralId = nonEmpty(event.data.referralId);
    if (!code || !referralId) return null;
    return { siteId: siteIdForCode(code), siteCode: code, via: 'referral', subjectId: referralId };
  }
  if (event?.type === 'SiteIncidentReported') {
    const siteId = nonEmpty(event.data.siteId);
    const incidentId = nonEmpty(event.data.incidentId);
    if (!siteId || !incidentId) return null;
    return { siteId, siteCode: null, via: 'incident', subjectId: incidentId };
  }
  return null;
}

/** The columns of a site's case that come from its first link: taken from an earlier link, kept otherwise. */
const FIRST_LINK_COLUMNS = [
  'first_linked_at',
  'first_link_event_id',
  'first_link_via',
  'first_link_subject_id',
  'first_link_agency_id',
  'first_link_agency_type',
] as const;

/** SET expressions all read the row as it was, so `earlier` holds for every column alike. */
function firstOf(column: string): string {
  const earlier = `(EXCLUDED.first_linked_at, EXCLUDED.first_link_event_id)
      < (${s}.site_cases.first_linked_at, ${s}.site_cases.first_link_event_id)`;
  return `${column} = CASE WHEN ${earlier} THEN EXCLUDED.${column} ELSE ${s}.site_cases.${column} END`;
}

/** A link of a page, with what `apply` takes from its event. */
interface PageLink extends SiteLink {
  readonly jointCaseId: string;
  readonly at: string;
  readonly eventId: string;
  readonly agencyId: string;
  readonly agencyType: string;
}

/**
 * The joint cases linked to each mine site: by a referral naming the site's code, or by one of the site's
 * incidents reported in a joint case. Per site and case it keeps the first link (when, how, by which
 * agency) and the case's last activity, from every shared event that names the case.
 *
 * It sees other agencies' events as the catalogue shares them (ids, site codes, agencies and times: never
 * the free text). Every column is a minimum or a maximum (ties broken by event id), so a redelivered event
 * changes nothing and the rows are the same whatever order the topics deliver the events in.
 */
export const siteCasesProjection: Projection = {
  name: SITE_CASES_PROJECTION,
  schema: s,
  // Every shared event naming a joint case moves that case's last activity.
  filter: {},
  migrations: [
    {
      version: 1,
      name: 'joint cases linked to mine sites, and the last activity of each case',
      up: (schema) => `
        CREATE TABLE ${schema}.site_cases (
          site_id text NOT NULL,
          joint_case_id text NOT NULL,
          site_code text,
          first_linked_at timestamptz NOT NULL,
          first_link_event_id text NOT NULL,
          first_link_via text NOT NULL,
          first_link_subject_id text NOT NULL,
          first_link_agency_id text NOT NULL,
          first_link_agency_type text NOT NULL,
          last_linked_at timestamptz NOT NULL,
          PRIMARY KEY (site_id, joint_case_id)
        );
        CREATE INDEX site_cases_by_case ON ${schema}.site_cases (joint_case_id, first_linked_at, site_id);
        CREATE TABLE ${schema}.case_activity (
          joint_case_id text PRIMARY KEY,
          first_activity_at timestamptz NOT NULL,
          last_activity_at timestamptz NOT NULL
        );`,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.site_cases, ${s}.case_activity`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    const shared = asSharedEvent(event);
    const jointCaseId = event.metadata.jointCaseId ?? jointCaseIdOf(shared);
    if (!jointCaseId) return;
    const at = event.metadata.occurredAt;
    await tx.query(
      `INSERT INTO ${s}.case_activity (joint_case_id, first_activity_at, last_activity_at) VALUES ($1, $2, $2)
       ON CONFLICT (joint_case_id) DO UPDATE SET
         first_activity_at = least(${s}.case_activity.first_activity_at, EXCLUDED.first_activity_at),
         last_activity_at = greatest(${s}.case_activity.last_activity_at, EXCLUDED.last_activity_at)`,
      [jointCaseId, at],
    );
    const link = siteLinkOf(shared);
    if (!link) return;
    await tx.query(
      `INSERT INTO ${s}.site_cases (site_id, joint_case_id, site_code, first_linked_at, first_link_event_id,
         first_link_via, first_link_subject_id, first_link_agency_id, first_link_agency_type, last_linked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $4)
       ON CONFLICT (site_id, joint_case_id) DO UPDATE SET
         site_code = coalesce(${s}.site_cases.site_code, EXCLUDED.site_code),
         ${FIRST_LINK_COLUMNS.map(firstOf).join(',\n         ')},
         last_linked_at = greatest(${s}.site_cases.last_linked_at, EXCLUDED.last_linked_at)`,
      [
        link.siteId,
        jointCaseId,
        link.siteCode,
        at,
        event.eventId,
        link.via,
        link.subjectId,
        event.metadata.actor.agencyId,
        event.metadata.actor.agencyType,
      ],
    );
  },
  /**
   * A page in two statements, to the rows `apply` one event at a time leaves: every column is a minimum or a
   * maximum (the site code: the first one seen), so the page's own minimum or maximum per row, then the same
   * upsert against what the table holds.
   */
  async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
    const activity: { jointCaseId: string; at: string }[] = [];
    const links: PageLink[] = [];
    for (const event of events) {
      const shared = asSharedEvent(event);
      const jointCaseId = event.metadata.jointCaseId ?? jointCaseIdOf(shared);
      if (!jointCaseId) continue;
      const at = event.metadata.occurredAt;
      activity.push({ jointCaseId, at });
      const link = siteLinkOf(shared);
      if (!link) continue;
      const { agencyId, agencyType } = event.metadata.actor;
      links.push({ ...link, jointCaseId, at, eventId: event.eventId, agencyId, agencyType });
    }
    if (activity.length === 0) return;
    await tx.query(
      `INSERT INTO ${s}.case_activity (joint_case_id, first_activity_at, last_activity_at)
       SELECT r->>'jointCaseId', min((r->>'at')::timestamptz), max((r->>'at')::timestamptz)
       FROM jsonb_array_elements($1::jsonb) AS x(r) GROUP BY 1
       ON CONFLICT (joint_case_id) DO UPDATE SET
         first_activity_at = least(${s}.case_activity.first_activity_at, EXCLUDED.first_activity_at),
         last_activity_at = greatest(${s}.case_activity.last_activity_at, EXCLUDED.last_activity_at)`,
      [JSON.stringify(activity)],
    );
    if (links.length === 0) return;
    await tx.query(
      `WITH link AS (
         SELECT n, r->>'siteId' AS site_id, r->>'jointCaseId' AS joint_case_id, r->>'siteCode' AS site_code,
           (r->>'at')::timestamptz AS at, r->>'eventId' AS event_id, r->>'via' AS via, r->>'subjectId' AS subject_id,
           r->>'agencyId' AS agency_id, r->>'agencyType' AS agency_type
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
       ),
       first_link AS (
         SELECT DISTINCT ON (site_id, joint_case_id) * FROM link ORDER BY site_id, joint_case_id, at, event_id
       ),
       per_case AS (
         SELECT site_id, joint_case_id, max(at) AS last_at,
           (array_agg(site_code ORDER BY n) FILTER (WHERE site_code IS NOT NULL))[1] AS site_code
         FROM link GROUP BY site_id, joint_case_id
       )
       INSERT INTO ${s}.site_cases (site_id, joint_case_id, site_code, first_linked_at, first_link_event_id,
         first_link_via, first_link_subject_id, first_link_agency_id, first_link_agency_type, last_linked_at)
       SELECT f.site_id, f.joint_case_id, c.site_code, f.at, f.event_id, f.via, f.subject_id, f.agency_id,
         f.agency_type, c.last_at
       FROM first_link f JOIN per_case c USING (site_id, joint_case_id)
       ON CONFLICT (site_id, joint_case_id) DO UPDATE SET
         site_code = coalesce(${s}.site_cases.site_code, EXCLUDED.site_code),
         ${FIRST_LINK_COLUMNS.map(firstOf).join(',\n         ')},
         last_linked_at = greatest(${s}.site_cases.last_linked_at, EXCLUDED.last_linked_at)`,
      [JSON.stringify(links)],
    );
  },
};
