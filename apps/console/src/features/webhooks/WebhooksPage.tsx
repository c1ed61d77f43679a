import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { WebhookEndpointsQuery } from './documents';
import { EndpointStatus, FilterText, When } from './parts';
import './webhooks.css';

/**
 * `/webhooks`: the integrator's endpoints, each with what it receives, whether deliveries go (and if not,
 * why, in words), since when they fail, the last success and a pause the receiver asked for.
 */
export function WebhooksPage(_props: PageProps) {
  const t = useT();
  const { data, error, loading, offlineAsOf } = useQuery(WebhookEndpointsQuery, {});
  const endpoints = data?.webhookEndpoints ?? [];
  return (
    <section className="webhooks">
      <h1 tabIndex={-1}>{t('webhooks.title')}</h1>
      <p>{t('webhooks.intro')}</p>
      <p>
        <Link href="/webhooks/new">{t('webhooks.new')}</Link>
      </p>
      <OfflineBanner asOf={offlineAsOf} />
      <ErrorNotice error={error} />
      {!data && loading ? <Loading /> : null}
      {data ? (
        <div className="overflow-auto">
          <table className="webhooks-table">
            <caption>{t('webhooks.list.caption', { count: endpoints.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.column.url')}</th>
                <th scope="col">{t('webhooks.column.eventTypes')}</th>
                <th scope="col">{t('webhooks.column.filter')}</th>
                <th scope="col">{t('webhooks.column.status')}</th>
                <th scope="col">{t('webhooks.column.failingSince')}</th>
                <th scope="col">{t('webhooks.column.lastSuccess')}</th>
                <th scope="col">{t('webhooks.column.pausedUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.length === 0 ? (
                <tr>
                  <td colSpan={7}>{t('webhooks.list.none')}</td>
                </tr>
              ) : null}
              {endpoints.map((e) => (
                <tr key={e.endpointId} data-testid="webhook-endpoint">
                  <th scope="row">
                    <Link href={`/webhooks/${encodeURIComponent(e.endpointId)}`}>
                      <span className="webhooks-url">{e.url}</span>
                    </Link>
                    {e.description ? (
                      <>
                        <br />
                        <small>{e.description}</small>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <ul className="webhooks-types">
                      {e.eventTypes.map((type) => (
                        <li key={type}>
                          <code>{type}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <FilterText provinces={e.provinces} siteCodes={e.siteCodes} />
                  </td>
                  <td>
                    <EndpointStatus status={e.status} reason={e.disabledReason} detail={e.disabledDetail} />
                  </td>
                  <td>
                    <When at={e.failingSince} none={t('webhooks.failing.no')} />
                  </td>
                  <td>
                    <When at={e.lastSuccessAt} none={t('webhooks.lastSuccess.none')} />
                  </td>
                  <td>
                    <When at={e.pausedUntil} none={t('webhooks.paused.no')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
