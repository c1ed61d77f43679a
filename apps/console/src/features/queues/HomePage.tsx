import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { useAgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { AGENCY_TYPES } from '../sign-in/agencies';
import { tickOf, topicsOf, useQueueLive } from './live';
import { HOME_ROWS, QUEUES, queuesOf, type QueueName } from './queues';
import {
  CountLine,
  LiveNewsStatus,
  oldestAsOf,
  QueueRows,
  QueueTable,
  rowsOf,
  useNow,
  useQueuePage,
} from './QueueTable';

type ReportOffline = (name: QueueName, asOf: string | undefined) => void;

/** One queue on the home page: its heading, how many, its first rows, and the way to the whole queue. */
function QueueSection({ name, tick, onOffline }: { name: QueueName; tick: number; onOffline: ReportOffline }) {
  const t = useT();
  const now = useNow();
  const queue = QUEUES[name];
  const page = useQueuePage(queue, undefined, tick);
  const headingId = `queue-${name}`;
  const countId = `queue-${name}-count`;
  const { offlineAsOf } = page;
  useEffect(() => onOffline(name, offlineAsOf), [name, offlineAsOf, onOffline]);
  const rows = page.connection ? rowsOf(queue, page.connection, now) : undefined;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t(queue.title)}</h2>
      {queue.description ? <p>{t(queue.description)}</p> : null}
      <ErrorNotice error={page.error} />
      {page.loading && !rows ? <Loading /> : null}
      {page.offlineNothing ? <p>{t('queues.offlineNothing')}</p> : null}
      {rows && page.connection ? (
        rows.length === 0 ? (
          <p>{t('queues.empty')}</p>
        ) : (
          <>
            <CountLine id={countId} queue={queue} rows={rows} more={page.connection.pageInfo.hasNextPage} />
            <QueueTable queue={queue} labelledBy={headingId} describedBy={countId}>
              <QueueRows queue={queue} rows={rows.slice(0, HOME_ROWS)} />
            </QueueTable>
          </>
        )
      ) : null}
      <p>
        <Link href={`/queues/${name}`}>{t('queues.seeAll', { title: t(queue.title) })}</Link>
      </p>
    </section>
  );
}

/**
 * `/`: what the signed-in agency does first. Each of its queues is a section with its first rows; new
 * referrals and missed deadlines arrive live; the last answer of each stays readable offline.
 */
export function HomePage(_props: PageProps) {
  const t = useT();
  const { session } = useSession();
  const ownAgency = useAgencyName(session?.agencyId);
  const agencyType = session?.agencyType ?? '';
  const names = queuesOf(agencyType);
  const topics = useMemo(() => topicsOf(names.map((n) => QUEUES[n])), [names]);
  const live = useQueueLive(topics);
  const [offline, setOffline] = useState<Partial<Record<QueueName, string>>>({});
  const reportOffline = useCallback<ReportOffline>(
    (name, asOf) => setOffline((o) => (o[name] === asOf ? o : { ...o, [name]: asOf })),
    [],
  );
  const typeName = (AGENCY_TYPES as readonly string[]).includes(agencyType)
    ? t(`agencyType.${agencyType}`)
    : agencyType;
  return (
    <section>
      <h1 tabIndex={-1}>{t('queues.home.title')}</h1>
      {session ? <p title={session.agencyId}>{t('queues.home.who', { agency: ownAgency, type: typeName })}</p> : null}
      <OfflineBanner asOf={oldestAsOf(names.map((n) => offline[n]))} />
      <LiveNewsStatus news={live.news} />
      {agencyType === 'first_responder' ? (
        <p>
          <Link href="/referrals/new" className="queue-new-referral">
            {t('queues.newReferral')}
          </Link>
        </p>
      ) : null}
      {agencyType === 'integrator' ? (
        <p>
          {t('queues.home.integrator')} <Link href="/webhooks">{t('queues.home.integratorLink')}</Link>
        </p>
      ) : names.length === 0 ? (
        <p>{t('queues.home.nothing')}</p>
      ) : null}
      {names.map((name) => (
        <QueueSection key={name} name={name} tick={tickOf(QUEUES[name], live)} onOffline={reportOffline} />
      ))}
    </section>
  );
}
