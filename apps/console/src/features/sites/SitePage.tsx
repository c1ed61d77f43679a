import { useEffect, useId, useState } from 'react';
import { request } from '../../api/client';
import { useQuery, type QueryState } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName, useAgencyName } from '../../components/agency';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { ConsoleSiteIncidentsQuery, ConsoleSiteQuery } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { SiteIncidentsQuery, SiteQuery, SiteTimelineQuery } from './documents';
import { ClassifyIncidentForm, CloseIncidentForm, InspectionForm, ReportIncidentForm, StatusForm } from './SiteForms';
import { SiteStatus } from './SiteStatus';
import { mayChangeStatus, mayGradeIncidents } from './vocabulary';
import './sites.css';

type Site = ConsoleSiteQuery['mineSite'];
type TimelineEntry = Site['timeline']['nodes'][number];
type Incident = ConsoleSiteIncidentsQuery['siteIncidents']['nodes'][number];

/**
 * `/sites/:code`: one site of the registry. Its status with the reason and its history, its inspections,
 * its incidents (with grading and closing), how many joint cases are linked to it, and the forms to
 * record what happens there. Every agency may read it; the status is the mining authority's to change.
 */
export function SitePage({ params }: PageProps) {
  const t = useT();
  const code = params['code'] ?? '';
  const site = useQuery(SiteQuery, { code });
  const data = site.data?.mineSite;
  const incidents = useQuery(
    SiteIncidentsQuery,
    { siteId: data?.siteId ?? '', filter: { first: 100 } },
    { skip: !data },
  );
  const reread = () => {
    site.refresh();
    incidents.refresh();
  };

  return (
    <section>
      <h1 tabIndex={-1}>
        {data ? t('sites.site.title', { code: data.code, name: data.name }) : t('sites.site.titleCode', { code })}
      </h1>
      <p>
        <Link href="/sites">{t('sites.back')}</Link>
      </p>
      <OfflineBanner asOf={site.offlineAsOf} />
      <ErrorNotice error={site.error} />
      {data ? <SiteDetails site={data} incidents={incidents} onChanged={reread} /> : site.loading ? <Loading /> : null}
    </section>
  );
}

function SiteDetails({
  site,
  incidents,
  onChanged,
}: {
  readonly site: Site;
  readonly incidents: QueryState<ConsoleSiteIncidentsQuery>;
  readonly onChanged: () => void;
}) {
  const t = useT();
  const time = useKivuTime();
  const { session } = useSession();
  const ownAgency = useAgencyName(session?.agencyId);
  const ref = { siteId: site.siteId, code: site.code, revision: site.revision, status: site.status };
  const { entries: timeline, incomplete } = useWholeTimeline(site);
  const history = timeline.filter((e) => e.kind === 'STATUS_CHANGED' || e.kind === 'REGISTERED');
  const inspections = timeline.filter((e) => e.kind === 'INSPECTED');
  const hiddenCases = Math.max(0, site.caseCount - site.cases.nodes.length);

  return (
    <>
      <section aria-labelledby="site-status-title">
        <h2 id="site-status-title">{t('sites.site.status')}</h2>
        <p data-testid="site-status">
          <SiteStatus status={site.status} />
          {site.statusChangedAt ? ` · ${t('sites.site.since', { date: time.dateTime(site.statusChangedAt) })}` : null}
        </p>
        <p>{t(`sites.status.${site.status}.meaning`)}</p>
        <dl className="site-facts">
          <dt>{t('sites.site.reason')}</dt>
          <dd>{site.statusReason ?? t('sites.site.noReason')}</dd>
          {site.remediationDeadline ? (
            <>
              <dt>{t('sites.column.remediation')}</dt>
              <dd>
                <DueTime dueBy={site.remediationDeadline} overdue={site.remediationOverdue} />
              </dd>
            </>
          ) : null}
          <dt>{t('sites.column.place')}</dt>
          <dd>
            {t('sites.place', {
              territory: t(`sites.territory.${site.territory}`),
              province: t(`sites.province.${site.province}`),
            })}{' '}
            ({t('sites.site.coordinates', { latitude: site.latitude, longitude: site.longitude })})
          </dd>
          <dt>{t('sites.column.minerals')}</dt>
          <dd>{site.minerals.map((m) => t(`sites.mineral.${m}`)).join(', ')}</dd>
          <dt>{t('sites.column.openIncidents')}</dt>
          <dd>
            {site.openIncidentCount}
            {site.highestOpenIncidentLevel !== null
              ? ` · ${t('sites.site.highestLevel', { level: site.highestOpenIncidentLevel })}`
              : null}
          </dd>
          <dt>{t('sites.site.cases')}</dt>
          <dd data-testid="site-case-count">{t('sites.site.caseCount', { count: site.caseCount })}</dd>
          <dt>{t('sites.site.registered')}</dt>
          <dd>
            {time.dateTime(site.registeredAt)} ·{' '}
            <AgencyName id={site.registeredByAgencyId} agency={site.registeredByAgency} />
          </dd>
          <dt>{t('sites.site.version')}</dt>
          <dd>{site.revision}</dd>
        </dl>
      </section>

      <section aria-labelledby="site-history-title">
        <h2 id="site-history-title">{t('sites.site.history')}</h2>
        <Timeline entries={history} />
        {incomplete ? <p role="status">{t('sites.site.historyIncomplete')}</p> : null}
      </section>

      <section aria-labelledby="site-inspections-title">
        <h2 id="site-inspections-title">{t('sites.site.inspections')}</h2>
        {site.lastInspection ? (
          <article aria-labelledby="site-last-inspection">
            <h3 id="site-last-inspection">
              {t('sites.inspection.last', { date: time.dateTime(site.lastInspection.inspectedAt) })}
            </h3>
            <dl className="site-facts">
              <dt>{t('sites.inspection.inspectingAgency')}</dt>
              <dd>{site.lastInspection.inspectingAgency}</dd>
              <dt>{t('sites.inspection.recommendedStatus')}</dt>
              <dd>
                <SiteStatus status={site.lastInspection.recommendedStatus} />
              </dd>
              <dt>{t('sites.inspection.findings')}</dt>
              <dd>{site.lastInspection.findings}</dd>
              <dt>{t('sites.inspection.indicators')}</dt>
              <dd>
                {site.lastInspection.indicatorsObserved.length > 0
                  ? site.lastInspection.indicatorsObserved.join(', ')
                  : t('common.none')}
              </dd>
              <dt>{t('sites.inspection.recordedBy')}</dt>
              <dd>
                <AgencyName id={site.lastInspection.recordedByAgencyId} agency={site.lastInspection.recordedByAgency} />
              </dd>
            </dl>
          </article>
        ) : (
          <p>{t('sites.inspection.none')}</p>
        )}
        {inspections.length > 1 ? (
          <>
            <h3>{t('sites.inspection.earlier')}</h3>
            <Timeline entries={inspections} />
          </>
        ) : null}
      </section>

      <section aria-labelledby="site-incidents-title">
        <h2 id="site-incidents-title">{t('sites.site.incidents')}</h2>
        <ErrorNotice error={incidents.error} />
        {incidents.data ? (
          incidents.data.siteIncidents.nodes.length === 0 ? (
            <p>{t('sites.incident.none')}</p>
          ) : (
            incidents.data.siteIncidents.nodes.map((incident) => (
              <IncidentItem
                key={incident.incidentId}
                incident={incident}
                mayGrade={mayGradeIncidents(session?.agencyType)}
                onChanged={onChanged}
              />
            ))
          )
        ) : incidents.loading ? (
          <Loading />
        ) : null}
      </section>

      <section aria-labelledby="site-cases-title">
        <h2 id="site-cases-title">{t('sites.site.cases')}</h2>
        <p>{t('sites.site.caseCount', { count: site.caseCount })}</p>
        {site.cases.nodes.length > 0 ? (
          <ul>
            {site.cases.nodes.map((c) => (
              <li key={c.jointCaseId}>
                <Link href={`/cases/${encodeURIComponent(c.jointCaseId)}`}>
                  {c.reference ?? t('sites.case.unnamed')}
                </Link>{' '}
                · {t(`sites.linkedVia.${c.linkedVia}`)} ·{' '}
                {t('sites.case.lastActivity', { date: time.dateTime(c.lastActivityAt) })}
              </li>
            ))}
          </ul>
        ) : null}
        {hiddenCases > 0 ? <p className="redacted">{t('sites.site.casesNotShared', { count: hiddenCases })}</p> : null}
      </section>

      <section aria-labelledby="site-actions-title">
        <h2 id="site-actions-title">{t('sites.site.actions')}</h2>
        {mayChangeStatus(session?.agencyType) ? (
          <details>
            <summary>{t('sites.statusForm.title')}</summary>
            <StatusForm site={ref} onRecorded={onChanged} />
          </details>
        ) : (
          <p>{t('sites.statusForm.authorityOnly')}</p>
        )}
        <details>
          <summary>{t('sites.inspection.title')}</summary>
          <InspectionForm site={ref} defaultTeam={ownAgency} onRecorded={onChanged} />
        </details>
        <details>
          <summary>{t('sites.report.title')}</summary>
          <ReportIncidentForm site={ref} onRecorded={onChanged} />
        </details>
      </section>
    </>
  );
}

/** Most pages of a site's timeline read on by themselves: past that, the page says the rest is not shown. */
const TIMELINE_PAGES = 10;

/**
 * The whole timeline: it comes oldest first, so the newest status changes are on the last pages; those
 * after the first are read on at once. `incomplete` when some could not be read (no link, or too many).
 */
function useWholeTimeline(site: Site): { entries: readonly TimelineEntry[]; incomplete: boolean } {
  const first = site.timeline;
  const [rest, setRest] = useState<{
    readonly key: string;
    readonly entries: readonly TimelineEntry[];
    readonly done: boolean;
  }>();
  const key = `${site.code}@${String(site.revision)}@${first.pageInfo.endCursor ?? ''}`;
  useEffect(() => {
    if (!first.pageInfo.hasNextPage) return;
    const run: { cancelled: boolean } = { cancelled: false };
    void (async () => {
      const read: TimelineEntry[] = [];
      let after = first.pageInfo.endCursor;
      let done = false;
      try {
        for (let i = 1; i < TIMELINE_PAGES && after; i++) {
          const page = (await request(SiteTimelineQuery, { code: site.code, after })).mineSite.timeline;
          read.push(...page.nodes);
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
          done = !page.pageInfo.hasNextPage;
        }
      } catch {
        // No link, or refused: what was read shows, and the page says the rest is missing.
      }
      if (!run.cancelled) setRest({ key, entries: read, done });
    })();
    return () => {
      run.cancelled = true;
    };
  }, [key, site.code, first.pageInfo.hasNextPage, first.pageInfo.endCursor]);
  const more = rest?.key === key ? rest : undefined;
  return {
    entries: more ? [...first.nodes, ...more.entries] : first.nodes,
    incomplete: first.pageInfo.hasNextPage && (more === undefined || !more.done),
  };
}

/** What happened, oldest first: facts only, in words, with who and when. */
function Timeline({ entries }: { readonly entries: readonly TimelineEntry[] }) {
  const t = useT();
  const time = useKivuTime();
  if (entries.length === 0) return <p>{t('common.none')}</p>;
  return (
    <ol className="site-timeline">
      {entries.map((entry, i) => (
        <li key={`${entry.occurredAt}-${entry.kind}-${String(i)}`}>
          <time dateTime={entry.occurredAt}>{time.dateTime(entry.occurredAt)}</time> ·{' '}
          {entry.kind === 'STATUS_CHANGED' && entry.toStatus ? (
            entry.fromStatus ? (
              <>
                {t('sites.timeline.statusChanged')} <SiteStatus status={entry.fromStatus} />
                {' → '}
                <SiteStatus status={entry.toStatus} />
              </>
            ) : (
              <>
                {t('sites.timeline.statusChanged')} <SiteStatus status={entry.toStatus} />
              </>
            )
          ) : entry.kind === 'INSPECTED' && entry.toStatus ? (
            <>
              {t('sites.timeline.inspected')} <SiteStatus status={entry.toStatus} />
            </>
          ) : (
            t(`sites.timeline.${entry.kind}`)
          )}{' '}
          · <AgencyName id={entry.agencyId} agency={entry.agency} />
        </li>
      ))}
    </ol>
  );
}

function IncidentItem({
  incident,
  mayGrade,
  onChanged,
}: {
  readonly incident: Incident;
  readonly mayGrade: boolean;
  readonly onChanged: () => void;
}) {
  const t = useT();
  const time = useKivuTime();
  const titleId = useId();
  const open = incident.status === 'OPEN';
  return (
    <article
      aria-labelledby={titleId}
      className={`site-incident site-incident-level-${String(incident.level ?? 0)}`}
      data-testid="site-incident"
    >
      <h3 id={titleId}>
        {t('sites.incident.title', {
          date: time.dateTime(incident.reportedAt),
          source: t(`sites.source.${incident.source}`),
        })}
      </h3>
      <dl className="site-facts">
        <dt>{t('sites.incident.status')}</dt>
        <dd>{t(`sites.incidentStatus.${incident.status}`)}</dd>
        <dt>{t('sites.incident.level')}</dt>
        <dd>
          {incident.level !== null ? t(`sites.level.${String(incident.level)}`) : t('sites.incident.unclassified')}
        </dd>
        <dt>{t('sites.report.description')}</dt>
        <dd>{incident.description}</dd>
        <dt>{t('sites.incident.reportedBy')}</dt>
        <dd>
          <AgencyName id={incident.reportedByAgencyId} agency={incident.reportedByAgency} />
        </dd>
        {open ? (
          <>
            <dt>{t('sites.incident.closeBy')}</dt>
            <dd>
              <DueTime dueBy={incident.closeBy} overdue={incident.overdue} />
            </dd>
          </>
        ) : null}
        {incident.closedAt ? (
          <>
            <dt>{t('sites.incident.closedAt')}</dt>
            <dd>{time.dateTime(incident.closedAt)}</dd>
          </>
        ) : null}
        {incident.summary ? (
          <>
            <dt>{t('sites.close.summary')}</dt>
            <dd>{incident.summary}</dd>
          </>
        ) : null}
        {incident.jointCaseId ? (
          <>
            <dt>{t('sites.incident.case')}</dt>
            <dd>
              <Link href={`/cases/${encodeURIComponent(incident.jointCaseId)}`}>{t('sites.incident.openCase')}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {open && mayGrade ? (
        <div className="site-incident-actions">
          <ClassifyIncidentForm incident={incident} onRecorded={onChanged} />
          {incident.level !== null ? <CloseIncidentForm incident={incident} onRecorded={onChanged} /> : null}
        </div>
      ) : null}
    </article>
  );
}
