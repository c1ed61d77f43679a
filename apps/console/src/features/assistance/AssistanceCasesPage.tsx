import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { ConsoleAssistanceCasesQuery } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { AssistanceCasesQuery } from './operations';
import './assistance.css';

type Row = ConsoleAssistanceCasesQuery['assistanceCases']['nodes'][number];

/** The measure to review first: one whose date has come, else the soonest (the API sends soonest first). */
export function nextReview(row: Pick<Row, 'protectionMeasures'>) {
  return row.protectionMeasures?.find((m) => m.reviewDue) ?? row.protectionMeasures?.[0];
}

/**
 * Open first, then children first, then oldest first: the API's order, kept here so a page read from the
 * device (or a later API) reads the same way.
 */
export function inCaseOrder<T extends Pick<Row, 'status' | 'isChild' | 'registeredAt'>>(rows: readonly T[]): T[] {
  const rank = (r: T) => (r.status === 'CLOSED' ? 2 : 0) + (r.isChild ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.registeredAt.localeCompare(b.registeredAt));
}

/** `/assistance`: the agency's assistance cases; a review that has come is flagged. */
export function AssistanceCasesPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const [openOnly, setOpenOnly] = useState(true);
  const [reviewDue, setReviewDue] = useState(false);
  const { data, error, loading, offlineAsOf } = useQuery(AssistanceCasesQuery, {
    filter: { first: 100, ...(openOnly ? { openOnly: true } : {}), ...(reviewDue ? { reviewDue: true } : {}) },
  });
  const rows = inCaseOrder(data?.assistanceCases.nodes ?? []);
  const overdue = rows.filter((r) => r.protectionMeasures?.some((m) => m.reviewDue)).length;

  return (
    <section className="assistance">
      <h1 tabIndex={-1}>{t('assistance.list.title')}</h1>
      <p>
        <Link href="/assistance/new" role="button">
          {t('assistance.register.title')}
        </Link>
      </p>
      <OfflineBanner asOf={offlineAsOf} />
      <fieldset>
        <legend>{t('assistance.list.filters')}</legend>
        <label>
          <input type="checkbox" role="switch" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          {t('assistance.list.openOnly')}
        </label>
        <label>
          <input type="checkbox" role="switch" checked={reviewDue} onChange={(e) => setReviewDue(e.target.checked)} />
          {t('assistance.list.reviewDue')}
        </label>
      </fieldset>
      <ErrorNotice error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        rows.length === 0 ? (
          <p>{t('assistance.list.none')}</p>
        ) : (
          <>
            {overdue > 0 ? (
              <p className="banner banner-error" data-testid="overdue-count">
                {t('assistance.list.overdueCount', { count: overdue })}
              </p>
            ) : null}
            <table>
              <caption>{t('assistance.list.caption', { count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('assistance.column.case')}</th>
                  <th scope="col">{t('assistance.column.status')}</th>
                  <th scope="col">{t('assistance.column.child')}</th>
                  <th scope="col">{t('assistance.column.nextReview')}</th>
                  <th scope="col">{t('assistance.column.needs')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const review = nextReview(r);
                  return (
                    <tr key={r.assistanceId}>
                      <th scope="row">
                        <Link href={`/assistance/${encodeURIComponent(r.assistanceId)}`}>
                          {r.reference ?? t('assistance.list.since', { date: time.date(r.registeredAt) })}
                        </Link>
                      </th>
                      <td>{t(`assistance.status.${r.status}`)}</td>
                      <td>
                        {r.isChild === null ? (
                          <span className="redacted">{t('assistance.withheld')}</span>
                        ) : r.isChild ? (
                          <strong>{t(`assistance.ageGroup.${r.ageGroup ?? 'UNKNOWN'}`)}</strong>
                        ) : (
                          t('assistance.child.no')
                        )}
                      </td>
                      <td>
                        {review ? (
                          <>
                            <DueTime dueBy={review.reviewBy} overdue={review.reviewDue} />
                            {` (${t(`assistance.measure.${review.measure}`)})`}
                          </>
                        ) : (
                          t('common.none')
                        )}
                      </td>
                      <td>
                        {r.needsOutstanding === null ? (
                          <span className="redacted">{t('assistance.withheld')}</span>
                        ) : r.needsOutstanding.length === 0 ? (
                          t('common.none')
                        ) : (
                          r.needsOutstanding.map((n) => t(`assistance.need.${n}`)).join(', ')
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {data.assistanceCases.pageInfo.hasNextPage ? <p>{t('assistance.list.more')}</p> : null}
          </>
        )
      ) : null}
    </section>
  );
}
