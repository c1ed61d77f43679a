import { useIntl } from 'react-intl';
import type { WebhookDisableReason, WebhookEndpointStatus, WebhookProvince } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';

/** ENABLED, or DISABLED with why in plain words, and what the platform saw when it disabled it. */
export function EndpointStatus({
  status,
  reason,
  detail,
  at,
}: {
  readonly status: WebhookEndpointStatus;
  readonly reason: WebhookDisableReason | null | undefined;
  readonly detail: string | null | undefined;
  readonly at?: string | null;
}) {
  const t = useT();
  const time = useKivuTime();
  if (status === 'ENABLED') {
    return (
      <span className="webhooks-status webhooks-status-enabled">
        <strong>{t('webhooks.status.ENABLED')}</strong>
      </span>
    );
  }
  return (
    <span className="webhooks-status webhooks-status-disabled">
      <strong>{t('webhooks.status.DISABLED')}</strong>
      {at ? <> {t('webhooks.status.disabledAt', { when: time.dateTime(at) })}</> : null}
      <br />
      {reason ? t(`webhooks.reason.${reason}`) : t('webhooks.reason.unknown')}
      {detail ? (
        <>
          <br />
          <small>{t('webhooks.reason.detail', { detail })}</small>
        </>
      ) : null}
    </span>
  );
}

/** What an endpoint receives: every event of its types, or only those placed in some provinces or at some sites. */
export function FilterText({
  provinces,
  siteCodes,
}: {
  readonly provinces: readonly WebhookProvince[];
  readonly siteCodes: readonly string[];
}) {
  const t = useT();
  const intl = useIntl();
  if (provinces.length === 0 && siteCodes.length === 0) return <>{t('webhooks.filter.none')}</>;
  const list = (items: readonly string[]) => intl.formatList(items, { type: 'conjunction' });
  return (
    <>
      {provinces.length > 0 ? (
        <span>
          {t('webhooks.filter.provinces', { provinces: list(provinces.map((p) => t(`webhooks.province.${p}`))) })}
        </span>
      ) : null}
      {provinces.length > 0 && siteCodes.length > 0 ? <br /> : null}
      {siteCodes.length > 0 ? <span>{t('webhooks.filter.sites', { sites: list(siteCodes) })}</span> : null}
    </>
  );
}

/** A moment in Kivu time, or "never"/"—" when there is none. */
export function When({ at, none }: { readonly at: string | null | undefined; readonly none: string }) {
  const time = useKivuTime();
  return at ? <time dateTime={at}>{time.dateTime(at)}</time> : <>{none}</>;
}
