import './dashboard.css';
import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useQuery, type QueryState } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { AgencyName, agencyName, useAgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type {
  ConsoleDashboardCaseStagesQuery,
  ConsoleDashboardHandoffsQuery,
  ConsoleDashboardSitesQuery,
} from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { BarChart, type ChartBar } from './BarChart';
import { DashboardFilters } from './DashboardFilters';
import {
  choiceOfSearch,
  countsInOrder,
  filterOf,
  kivuMidnight,
  NO_CHOICE,
  overdueShown,
  searchOfChoice,
  SITE_STATUSES,
  STAGES,
  type DashboardChoice,
} from './figures';
import { CaseStageCountsQuery, HandoffStatisticsQuery, MineSiteStatusCountsQuery } from './operations';

const COORDINATION_BODY = 'coordination_body';

/**
 * An agency's dashboard (the coordination body's: every agency's): joint cases by stage, overdue handoffs
 * by agency, how long handoffs wait from submit to accept, and mine sites by status, for a province and a
 * period. Each chart has a table beside it with the same figures.
 */
export function DashboardPage(_props: PageProps) {
  const t = useT();
  const { session } = useSession();
  const coordination = session?.agencyType === COORDINATION_BODY;
  const ownName = useAgencyName(session?.agencyId);
  const [choice, setChoice] = useState<DashboardChoice>(() => choiceOfSearch(location.search));
  const variables = { filter: filterOf(choice) };
  const cases = useQuery(CaseStageCountsQuery, variables);
  const handoffs = useQuery(HandoffStatisticsQuery, variables);
  // A site's status is as it stands now: the period does not apply to it, so changing it asks nothing again.
  const sites = useQuery(MineSiteStatusCountsQuery, { filter: filterOf({ ...NO_CHOICE, province: choice.province }) });

  const apply = (next: DashboardChoice) => {
    setChoice(next);
    // Kept in the address, so a reload, a bookmark or a printed page's link shows the same figures.
    history.replaceState(null, '', `${location.pathname}${searchOfChoice(next)}`);
  };

  return (
    <section className="dashboard">
      <h1 tabIndex={-1}>
        {coordination ? t('dashboard.title.coordination') : t('dashboard.title.agency', { agency: ownName })}
      </h1>
      <p>{coordination ? t('dashboard.intro.coordination') : t('dashboard.intro.agency')}</p>
      <DashboardFilters choice={choice} onApply={apply} />
      <Scope choice={choice} />
      <CaseStages state={cases} />
      <OverdueByAgency
        state={handoffs}
        viewer={{ agencyId: session?.agencyId ?? '', coordination }}
        ownName={ownName}
      />
      <HandoffTimes state={handoffs} />
      <SiteStatuses state={sites} />
    </section>
  );
}

/** What the figures are for, in words: printed with them. */
function Scope({ choice }: { readonly choice: DashboardChoice }) {
  const t = useT();
  const time = useKivuTime();
  const day = (value: string) => {
    const midnight = kivuMidnight(value);
    return midnight ? time.date(midnight) : value;
  };
  const province = choice.province ? t(`dashboard.province.${choice.province}`) : t('dashboard.filter.allProvinces');
  const period =
    choice.from && choice.to
      ? t('dashboard.period.between', { from: day(choice.from), to: day(choice.to) })
      : choice.from
        ? t('dashboard.period.since', { from: day(choice.from) })
        : choice.to
          ? t('dashboard.period.until', { to: day(choice.to) })
          : t('dashboard.period.all');
  return (
    <p className="dashboard-scope" data-testid="dashboard-scope" aria-live="polite">
      {t('dashboard.scope', { province, period })}
    </p>
  );
}

/** One part of the dashboard: its heading, and what its query has (kept answer, error, loading). */
function Part<R>({
  id,
  title,
  state,
  note,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly state: QueryState<R>;
  /** What the figures count, when the heading does not say it all. */
  readonly note?: string;
  readonly children: (data: R) => ReactNode;
}) {
  return (
    <section className="dashboard-part" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {note ? <p>{note}</p> : null}
      <OfflineBanner asOf={state.offlineAsOf} />
      <ErrorNotice error={state.error} />
      {state.loading && !state.data ? <Loading /> : null}
      {state.data ? children(state.data) : null}
    </section>
  );
}

/** A chart and, beside it, the table of its figures. */
function Figure({ chart, table }: { readonly chart: ReactNode; readonly table: ReactNode }) {
  return (
    <div className="dashboard-figure">
      <div className="dashboard-figure-chart">{chart}</div>
      <div className="dashboard-figure-table overflow-auto">{table}</div>
    </div>
  );
}

function useCount(): (n: number) => string {
  const intl = useIntl();
  return (n: number) => intl.formatNumber(n);
}

function CaseStages({ state }: { readonly state: QueryState<ConsoleDashboardCaseStagesQuery> }) {
  const t = useT();
  const count = useCount();
  const title = t('dashboard.cases.title');
  return (
    <Part id="dashboard-cases" title={title} state={state} note={t('dashboard.cases.note')}>
      {(data) => {
        const rows = countsInOrder(
          STAGES,
          data.caseStageCounts.map((r) => ({ key: r.stage, count: r.count })),
        ).map(({ key: stage, count: n }) => ({ stage, n, label: t(`stage.${stage}`) }));
        const total = rows.reduce((sum, r) => sum + r.n, 0);
        const bars: ChartBar[] = rows.map((r) => ({
          key: r.stage,
          label: r.label,
          value: r.n,
          valueText: count(r.n),
        }));
        return (
          <Figure
            chart={<BarChart title={title} bars={bars} tickFormat={count} />}
            table={
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.cases.column.stage')}</th>
                    <th scope="col">{t('dashboard.cases.column.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.stage}>
                      <th scope="row">{r.label}</th>
                      <td>{count(r.n)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('dashboard.total')}</th>
                    <td>{count(total)}</td>
                  </tr>
                </tfoot>
              </table>
            }
          />
        );
      }}
    </Part>
  );
}

function OverdueByAgency({
  state,
  viewer,
  ownName,
}: {
  readonly state: QueryState<ConsoleDashboardHandoffsQuery>;
  readonly viewer: { readonly agencyId: string; readonly coordination: boolean };
  readonly ownName: string;
}) {
  const t = useT();
  const count = useCount();
  const title = viewer.coordination
    ? t('dashboard.overdue.title.all')
    : t('dashboard.overdue.title.own', { agency: ownName });
  return (
    <Part id="dashboard-overdue" title={title} state={state} note={t('dashboard.overdue.note')}>
      {(data) => {
        const rows = overdueShown(data.handoffStatistics.overdueByAgency, viewer);
        if (rows.length === 0) return <p>{t('dashboard.overdue.none')}</p>;
        const bars: ChartBar[] = rows.map((r) => ({
          key: r.agencyId,
          label: agencyName(r.agencyId, r.agency),
          value: r.overdue,
          valueText: count(r.overdue),
          tone: 'overdue',
        }));
        return (
          <Figure
            chart={<BarChart title={title} bars={bars} tickFormat={count} />}
            table={
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.overdue.column.agency')}</th>
                    <th scope="col">{t('dashboard.overdue.column.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.agencyId}>
                      <th scope="row">
                        <AgencyName id={r.agencyId} agency={r.agency} />
                      </th>
                      <td>{count(r.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        );
      }}
    </Part>
  );
}

function HandoffTimes({ state }: { readonly state: QueryState<ConsoleDashboardHandoffsQuery> }) {
  const t = useT();
  const count = useCount();
  const hours = (h: number) => t('dashboard.hours', { hours: h });
  const title = t('dashboard.handoffs.title');
  const countsTitle = t('dashboard.handoffs.counts.title');
  return (
    <Part id="dashboard-handoffs" title={title} state={state}>
      {({ handoffStatistics: s }) => {
        const times = [
          { key: 'median', label: t('dashboard.handoffs.median'), value: s.acceptHoursMedian },
          { key: 'p90', label: t('dashboard.handoffs.p90'), value: s.acceptHoursP90 },
        ].flatMap((r) => (typeof r.value === 'number' ? [{ ...r, value: r.value }] : []));
        const counts = [
          { key: 'submitted', label: t('dashboard.handoffs.submitted'), n: s.submitted },
          { key: 'accepted', label: t('dashboard.handoffs.accepted'), n: s.accepted },
          { key: 'declined', label: t('dashboard.handoffs.declined'), n: s.declined },
          { key: 'open', label: t('dashboard.handoffs.open'), n: s.open },
          { key: 'overdue', label: t('dashboard.handoffs.overdue'), n: s.overdue },
        ];
        return (
          <>
            {times.length === 0 ? (
              <p>{t('dashboard.handoffs.noneAccepted')}</p>
            ) : (
              <>
                <p>{t('dashboard.handoffs.hint')}</p>
                <Figure
                  chart={
                    <BarChart
                      title={title}
                      bars={times.map((r) => ({ ...r, valueText: hours(r.value) }))}
                      tickFormat={hours}
                      integerTicks={false}
                    />
                  }
                  table={
                    <table>
                      <caption>{title}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('dashboard.handoffs.column.measure')}</th>
                          <th scope="col">{t('dashboard.handoffs.column.time')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {times.map((r) => (
                          <tr key={r.key}>
                            <th scope="row">{r.label}</th>
                            <td>{hours(r.value)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  }
                />
              </>
            )}
            <div className="overflow-auto">
              <table className="dashboard-counts">
                <caption>{countsTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.handoffs.column.status')}</th>
                    <th scope="col">{t('dashboard.handoffs.column.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {counts.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.label}</th>
                      <td>{count(r.n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      }}
    </Part>
  );
}

function SiteStatuses({ state }: { readonly state: QueryState<ConsoleDashboardSitesQuery> }) {
  const t = useT();
  const count = useCount();
  const title = t('dashboard.sites.title');
  return (
    <Part id="dashboard-sites" title={title} state={state} note={t('dashboard.sites.note')}>
      {(data) => {
        const rows = countsInOrder(
          SITE_STATUSES,
          data.mineSiteStatusCounts.map((r) => ({ key: r.status, count: r.count })),
        ).map(({ key: status, count: n }) => ({ status, n, label: t(`dashboard.siteStatus.${status}`) }));
        const total = rows.reduce((sum, r) => sum + r.n, 0);
        return (
          <Figure
            chart={
              <BarChart
                title={title}
                bars={rows.map((r) => ({
                  key: r.status,
                  label: r.label,
                  value: r.n,
                  valueText: count(r.n),
                  tone: r.status,
                }))}
                tickFormat={count}
              />
            }
            table={
              <table>
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.sites.column.status')}</th>
                    <th scope="col">{t('dashboard.sites.column.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.status}>
                      <th scope="row">{r.label}</th>
                      <td>{count(r.n)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('dashboard.total')}</th>
                    <td>{count(total)}</td>
                  </tr>
                </tfoot>
              </table>
            }
          />
        );
      }}
    </Part>
  );
}
