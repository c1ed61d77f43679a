import { useState } from 'react';
import { request } from '../../api/client';
import { ApiError, OfflineError } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { ConsoleSitesRegistryQuery, MineSiteProvince, MineSiteStatus } from '../../gql/graphql';
import { useT } from '../../i18n/i18n';
import { SitesRegistryQuery } from './documents';
import { SiteMap, sitePath } from './SiteMap';
import { SiteStatus } from './SiteStatus';
import { PROVINCES, SITE_STATUSES } from './vocabulary';
import './sites.css';

/** Sites read per page: the registry of the Kivus fits in a few pages. */
const SITES_PAGE = 200;

type Registry = ConsoleSitesRegistryQuery['mineSites'];
export type RegistrySite = Registry['nodes'][number];

/**
 * `/sites`: the registry of artisanal mine sites, filtered by status and province, on a map (drawn
 * without tiles, so offline too) and in a table of the same sites. Every agency may read it.
 */
export function SitesPage(_props: PageProps) {
  const t = useT();
  const [status, setStatus] = useState<MineSiteStatus | ''>('');
  const [province, setProvince] = useState<MineSiteProvince | ''>('');
  return (
    <section>
      <h1 tabIndex={-1}>{t('sites.registry.title')}</h1>
      <p>{t('sites.registry.intro')}</p>
      <p>
        <Link href="/sites/new">{t('sites.registry.register')}</Link>
      </p>
      <form
        className="sites-filters"
        role="search"
        aria-label={t('sites.filter.label')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {t('sites.filter.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value as MineSiteStatus | '')}>
            <option value="">{t('sites.filter.all')}</option>
            {SITE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`sites.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sites.filter.province')}
          <select value={province} onChange={(e) => setProvince(e.target.value as MineSiteProvince | '')}>
            <option value="">{t('sites.filter.all')}</option>
            {PROVINCES.map((p) => (
              <option key={p} value={p}>
                {t(`sites.province.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {/* Another filter is another list: pages read on for the last one do not carry over. */}
      <Registry key={`${status}/${province}`} status={status} province={province} />
    </section>
  );
}

function Registry({
  status,
  province,
}: {
  readonly status: MineSiteStatus | '';
  readonly province: MineSiteProvince | '';
}) {
  const t = useT();
  const filter = {
    first: SITES_PAGE,
    ...(status ? { status } : {}),
    ...(province ? { province } : {}),
  };
  const { data, error, loading, offlineAsOf } = useQuery(SitesRegistryQuery, { filter });
  const [more, setMore] = useState<readonly Registry[]>([]);
  const [readingOn, setReadingOn] = useState(false);
  const [problem, setProblem] = useState<ApiError | OfflineError>();

  const pages = data ? [data.mineSites, ...more] : [];
  const sites = [...new Map(pages.flatMap((p) => p.nodes).map((s) => [s.siteId, s])).values()];
  const last = pages.at(-1)?.pageInfo;

  const readOn = async () => {
    if (!last?.endCursor) return;
    setReadingOn(true);
    setProblem(undefined);
    try {
      const page = await request(SitesRegistryQuery, { filter: { ...filter, after: last.endCursor } });
      setMore((current) => [...current, page.mineSites]);
    } catch (caught) {
      setProblem(caught instanceof ApiError || caught instanceof OfflineError ? caught : new OfflineError(caught));
    } finally {
      setReadingOn(false);
    }
  };

  if (!data) {
    return (
      <>
        <ErrorNotice error={error} />
        {loading ? <Loading /> : null}
      </>
    );
  }
  return (
    <>
      <OfflineBanner asOf={offlineAsOf} />
      <ErrorNotice error={error} />
      <p role="status">{t('sites.registry.count', { count: sites.length })}</p>
      <div className="sites-layout">
        <section aria-labelledby="sites-map-title">
          <h2 id="sites-map-title">{t('sites.map.title')}</h2>
          <SiteMap sites={sites} titleId="sites-map-title" />
        </section>
        <SiteTable sites={sites} />
      </div>
      {problem ? (
        problem instanceof ApiError ? (
          <ErrorNotice error={problem} />
        ) : (
          <p role="alert" className="banner banner-offline">
            {t('sites.registry.readOnOffline')}
          </p>
        )
      ) : null}
      {last?.hasNextPage ? (
        <button type="button" className="secondary" aria-busy={readingOn || undefined} onClick={() => void readOn()}>
          {t('sites.registry.more')}
        </button>
      ) : null}
    </>
  );
}

/** The same sites as the map, as a table: code, place, minerals, status in words, incidents, deadline. */
export function SiteTable({ sites }: { readonly sites: readonly RegistrySite[] }) {
  const t = useT();
  return (
    <div className="overflow-auto">
      <table>
        <caption>{t('sites.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sites.column.code')}</th>
            <th scope="col">{t('sites.column.name')}</th>
            <th scope="col">{t('sites.column.place')}</th>
            <th scope="col">{t('sites.column.minerals')}</th>
            <th scope="col">{t('sites.column.status')}</th>
            <th scope="col">{t('sites.column.openIncidents')}</th>
            <th scope="col">{t('sites.column.remediation')}</th>
          </tr>
        </thead>
        <tbody>
          {sites.length === 0 ? (
            <tr>
              <td colSpan={7}>{t('sites.table.none')}</td>
            </tr>
          ) : null}
          {sites.map((s) => (
            <tr key={s.siteId} data-testid="site-row">
              <th scope="row">
                <Link href={sitePath(s.code)}>{s.code}</Link>
              </th>
              <td>{s.name}</td>
              <td>
                {t('sites.place', {
                  territory: t(`sites.territory.${s.territory}`),
                  province: t(`sites.province.${s.province}`),
                })}
              </td>
              <td>{s.minerals.map((m) => t(`sites.mineral.${m}`)).join(', ')}</td>
              <td>
                <SiteStatus status={s.status} />
              </td>
              <td>
                {s.openIncidentCount}
                {s.highestOpenIncidentLevel !== null ? (
                  <>
                    {' '}
                    <small>{t('sites.incident.levelShort', { level: s.highestOpenIncidentLevel })}</small>
                  </>
                ) : null}
              </td>
              <td>
                {s.remediationDeadline ? (
                  <DueTime dueBy={s.remediationDeadline} overdue={s.remediationOverdue} />
                ) : (
                  t('common.none')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
