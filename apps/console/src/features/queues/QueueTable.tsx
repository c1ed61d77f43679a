import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { useKivuTime, useT } from '../../i18n/i18n';
import { type LiveNews } from './live';
import './queues.css';
import { PAGE_SIZE, type CellContext, type Connection, type Queue } from './queues';

/** The time rows are judged against (a hearing's date passed or not), moving on each minute. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function useCellContext(): CellContext {
  const t = useT();
  const time = useKivuTime();
  const now = useNow();
  return useMemo(() => ({ t, time, now }), [t, time, now]);
}

/** The moment that marks "nothing was kept on this device" in useQuery's offline answer. */
const NOTHING_KEPT = new Date(0).toISOString();

export interface QueuePageState {
  readonly connection: Connection<unknown> | undefined;
  readonly loading: boolean;
  readonly error: ReturnType<typeof useQuery>['error'];
  /** Offline, shown as kept on this device at that time. */
  readonly offlineAsOf: string | undefined;
  /** Offline, and this page was never read on this device. */
  readonly offlineNothing: boolean;
}

/**
 * One page of a queue through useQuery, so its last answer stays readable offline; read again each time
 * `tick` moves (something arrived live, the page was looked at again).
 */
export function useQueuePage(queue: Queue, after: string | undefined, tick: number): QueuePageState {
  const { data, loading, error, offlineAsOf, refresh } = useQuery(
    queue.document,
    queue.variables({ first: PAGE_SIZE, ...(after ? { after } : {}) }),
  );
  const readAt = useRef(tick);
  useEffect(() => {
    if (readAt.current === tick) return;
    readAt.current = tick;
    refresh();
  }, [tick, refresh]);
  const kept = offlineAsOf !== undefined && offlineAsOf !== NOTHING_KEPT;
  return {
    connection: data === undefined ? undefined : queue.select(data),
    loading,
    error,
    offlineAsOf: kept ? offlineAsOf : undefined,
    offlineNothing: offlineAsOf !== undefined && data === undefined,
  };
}

/** The oldest of the times shown pages were kept at: what the offline banner must admit to. */
export function oldestAsOf(times: Iterable<string | undefined>): string | undefined {
  let oldest: string | undefined;
  for (const time of times) if (time && (!oldest || time < oldest)) oldest = time;
  return oldest;
}

/** A page's rows in the order the queue shows them. */
export function rowsOf(queue: Queue, connection: Connection<unknown>, now: number): readonly unknown[] {
  return queue.order ? queue.order(connection.nodes, now) : connection.nodes;
}

/**
 * A queue's table: few columns, the row's name first (a row header, a link to its page), headed by the
 * section's heading. Pages of rows come as `<tbody>` children, so "Load more" adds one without redrawing.
 */
export function QueueTable({
  queue,
  labelledBy,
  describedBy,
  children,
}: {
  queue: Queue;
  labelledBy: string;
  describedBy?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <table className="queue" aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <thead>
        <tr>
          <th scope="col">{t(queue.rowHeader)}</th>
          {queue.columns.map((column) => (
            <th scope="col" key={column.header}>
              {t(column.header)}
            </th>
          ))}
        </tr>
      </thead>
      {children}
    </table>
  );
}

/** One page of rows. With `focusFirst`, the first row's header takes the focus once it shows. */
export function QueueRows({
  queue,
  rows,
  focusFirst = false,
}: {
  queue: Queue;
  rows: readonly unknown[];
  focusFirst?: boolean;
}) {
  const c = useCellContext();
  const first = useRef<HTMLTableCellElement>(null);
  const focused = useRef(false);
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (!focusFirst || focused.current || !hasRows) return;
    focused.current = true;
    first.current?.focus();
  }, [focusFirst, hasRows]);
  return (
    <tbody>
      {rows.map((row, index) => {
        const name = queue.label(row, c);
        const href = queue.href?.(row);
        const details = queue.details?.(row, c);
        const caseId = queue.caseId?.(row);
        // The reference people say and write (NK-2026-00042-R1), when the row's record has one.
        const reference = typeof row === 'object' && row !== null && 'reference' in row ? row.reference : null;
        return (
          <tr key={queue.key(row)}>
            <th scope="row" ref={index === 0 ? first : undefined} tabIndex={index === 0 && focusFirst ? -1 : undefined}>
              {href ? <Link href={href}>{name}</Link> : name}
              {reference || details || caseId ? (
                <>
                  <small>
                    {typeof reference === 'string' && reference ? (
                      <span className="queue-reference">{reference}</span>
                    ) : null}
                    {typeof reference === 'string' && reference && (details || caseId) ? ' · ' : null}
                    {details}
                    {details && caseId ? ' · ' : null}
                    {caseId ? (
                      <Link
                        href={`/cases/${encodeURIComponent(caseId)}`}
                        aria-label={c.t('queues.openCaseOf', { name })}
                      >
                        {c.t('queues.openCase')}
                      </Link>
                    ) : null}
                  </small>
                </>
              ) : null}
            </th>
            {queue.columns.map((column) => (
              <td key={column.header}>{column.cell(row, c)}</td>
            ))}
          </tr>
        );
      })}
    </tbody>
  );
}

/** How many are in the queue (at least, when there are more pages), and how many of them are late. */
export function CountLine({
  id,
  queue,
  rows,
  more,
}: {
  id?: string;
  queue: Queue;
  rows: readonly unknown[];
  more: boolean;
}) {
  const c = useCellContext();
  const late = queue.late ? rows.filter((row) => queue.late?.(row, c.now)).length : 0;
  return (
    <p id={id}>
      {more
        ? c.t('queues.count.atLeast', { count: rows.length, late })
        : c.t('queues.count.exact', { count: rows.length, late })}
    </p>
  );
}

/** Tells, politely, what just arrived live; the region exists from the start so it is announced. */
export function LiveNewsStatus({ news }: { news: LiveNews | undefined }) {
  const t = useT();
  const time = useKivuTime();
  let text = '';
  if (news?.kind === 'referral') {
    text = t('queues.live.referral', {
      name: t('queues.referral.name', { date: time.date(news.submittedAt), site: news.siteCode ?? 'none' }),
    });
  } else if (news?.kind === 'deadline') {
    text = t('queues.live.deadline');
  }
  return (
    <div role="status" aria-live="polite">
      {text ? <p>{text}</p> : null}
    </div>
  );
}
