import { useCallback, useEffect, useState } from 'react';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { tickOf, topicsOf, useQueueLive } from './live';
import { isQueueName, QUEUES, queuesOf, type Connection, type Queue } from './queues';
import {
  CountLine,
  LiveNewsStatus,
  oldestAsOf,
  QueueRows,
  QueueTable,
  rowsOf,
  useNow,
  useQueuePage,
  type QueuePageState,
} from './QueueTable';

type Report = (index: number, state: QueuePageState) => void;

/**
 * A page after the first: its own useQuery (so it too stays readable offline), its rows as a <tbody>.
 * It was asked for by "Load more": its first row takes the focus, so the keyboard reads on from there.
 */
function NextPage({
  queue,
  index,
  after,
  tick,
  onReport,
}: {
  queue: Queue;
  index: number;
  after: string;
  tick: number;
  onReport: Report;
}) {
  const now = useNow();
  const page = useQueuePage(queue, after, tick);
  const { connection, loading, error, offlineAsOf, offlineNothing } = page;
  useEffect(
    () => onReport(index, { connection, loading, error, offlineAsOf, offlineNothing }),
    [index, connection, loading, error, offlineAsOf, offlineNothing, onReport],
  );
  if (!connection) return null;
  return <QueueRows queue={queue} rows={rowsOf(queue, connection, now)} focusFirst />;
}

/**
 * The whole queue, a page at a time. Each page after the first reads on from the end of the page before
 * it as that page stands now, so a row that moved up a page when something new arrived is not skipped.
 */
function WholeQueue({ queue }: { queue: Queue }) {
  const t = useT();
  const now = useNow();
  const live = useQueueLive(topicsOf([queue]));
  const tick = tickOf(queue, live);
  const first = useQueuePage(queue, undefined, tick);
  const [pageCount, setPageCount] = useState(1);
  const [reports, setReports] = useState<readonly (QueuePageState | undefined)[]>([]);
  const onReport = useCallback<Report>(
    (index, state) =>
      setReports((r) => {
        const next = [...r];
        next[index] = state;
        return next;
      }),
    [],
  );
  const headingId = 'queue-title';
  const countId = 'queue-count';

  const pageAt = (index: number): QueuePageState | undefined => (index === 0 ? first : reports[index]);
  const connectionAt = (index: number): Connection<unknown> | undefined => pageAt(index)?.connection;
  const last = pageAt(pageCount - 1);
  const rows: unknown[] = [];
  for (let i = 0; i < pageCount; i++) {
    const connection = connectionAt(i);
    if (connection) rows.push(...rowsOf(queue, connection, now));
  }
  const more = last?.connection?.pageInfo.hasNextPage ?? false;
  const nextPages = [];
  for (let index = 1; index < pageCount; index++) {
    const after = connectionAt(index - 1)?.pageInfo.endCursor;
    if (!after) break;
    nextPages.push(<NextPage key={index} queue={queue} index={index} after={after} tick={tick} onReport={onReport} />);
  }
  const loadingMore = pageCount > 1 && (last === undefined || (last.loading && !last.connection));
  const laterErrors = reports.slice(1, pageCount).map((r) => r?.error);

  return (
    <section>
      <h1 tabIndex={-1} id={headingId}>
        {t(queue.title)}
      </h1>
      <p>
        <Link href="/">{t('queues.back')}</Link>
      </p>
      {queue.description ? <p>{t(queue.description)}</p> : null}
      <OfflineBanner
        asOf={oldestAsOf([first.offlineAsOf, ...reports.slice(1, pageCount).map((r) => r?.offlineAsOf)])}
      />
      <LiveNewsStatus news={live.news} />
      <ErrorNotice error={first.error} />
      {first.loading && !first.connection ? <Loading /> : null}
      {first.offlineNothing ? <p>{t('queues.offlineNothing')}</p> : null}
      {first.connection ? (
        rows.length === 0 ? (
          <p>{t('queues.empty')}</p>
        ) : (
          <>
            <CountLine id={countId} queue={queue} rows={rows} more={more} />
            <QueueTable queue={queue} labelledBy={headingId} describedBy={countId}>
              <QueueRows queue={queue} rows={rowsOf(queue, first.connection, now)} />
              {nextPages}
            </QueueTable>
          </>
        )
      ) : null}
      {laterErrors.map((error, i) => (
        <ErrorNotice key={i} error={error} />
      ))}
      {loadingMore ? <Loading /> : null}
      {more && !loadingMore ? (
        <button type="button" className="secondary" onClick={() => setPageCount((n) => n + 1)}>
          {t('queues.loadMore')}
        </button>
      ) : null}
    </section>
  );
}

/** `/queues/:queue`: one of the signed-in agency's queues, whole, paged with its cursor. */
export function QueuePage({ params }: PageProps) {
  const t = useT();
  const { session } = useSession();
  const name = params.queue;
  if (!isQueueName(name) || !queuesOf(session?.agencyType ?? '').includes(name)) {
    return (
      <section>
        <h1 tabIndex={-1}>{t('notFound.title')}</h1>
        <p>{t('queues.unknown')}</p>
        <p>
          <Link href="/">{t('queues.back')}</Link>
        </p>
      </section>
    );
  }
  return <WholeQueue key={name} queue={QUEUES[name]} />;
}
