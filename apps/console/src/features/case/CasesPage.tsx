import './case.css';
import { useState } from 'react';
import { request } from '../../api/client';
import { ApiError, OfflineError } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { graphql } from '../../gql';
import type { ConsoleJointCasesQuery } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';

const JointCasesQuery = graphql(`
  query ConsoleJointCases($filter: JointCaseFilter) {
    jointCases(filter: $filter) {
      nodes {
        jointCaseId
        stage
        siteCode
        province
        territory
        openedAt
        lastActivityAt
        missedDeadlines
        agencyIds
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Cases per page: the list a coordinator reviews in a meeting, light enough for a poor link. */
const CASES_PAGE = 50;

type CasesPage = ConsoleJointCasesQuery['jointCases'];

/** The joint cases the agency is party to (the coordination body: every case), most recent first. */
export function CasesPage(_props: PageProps) {
  const t = useT();
  const [overdueOnly, setOverdueOnly] = useState(false);
  return (
    <section>
      <h1 tabIndex={-1}>{t('cases.title')}</h1>
      <label>
        <input type="checkbox" role="switch" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
        {t('cases.overdueOnly')}
      </label>
      {/* Another filter is another list: the pages read on for the last one do not carry over. */}
      <CaseList key={String(overdueOnly)} overdueOnly={overdueOnly} />
    </section>
  );
}

function CaseList({ overdueOnly }: { overdueOnly: boolean }) {
  const t = useT();
  const time = useKivuTime();
  const filter = { first: CASES_PAGE, ...(overdueOnly ? { overdue: true } : {}) };
  const { data, error, loading, offlineAsOf } = useQuery(JointCasesQuery, { filter });
  const [more, setMore] = useState<readonly CasesPage[]>([]);
  const [readingOn, setReadingOn] = useState(false);
  const [problem, setProblem] = useState<ApiError | OfflineError | undefined>(undefined);

  const pages = data ? [data.jointCases, ...more] : [];
  // Keyset pages by last activity: a case active since the first page was read may come again.
  const cases = [...new Map(pages.flatMap((p) => p.nodes).map((c) => [c.jointCaseId, c])).values()];
  const last = pages.at(-1)?.pageInfo;

  const readOn = async () => {
    if (!last?.endCursor) return;
    setReadingOn(true);
    setProblem(undefined);
    try {
      const page = await request(JointCasesQuery, { filter: { ...filter, after: last.endCursor } });
      setMore((current) => [...current, page.jointCases]);
    } catch (caught) {
      setProblem(caught instanceof ApiError || caught instanceof OfflineError ? caught : new OfflineError(caught));
    } finally {
      setReadingOn(false);
    }
  };

  return (
    <>
      <OfflineBanner asOf={offlineAsOf} />
      <ErrorNotice error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        cases.length === 0 ? (
          <p>{t('cases.none')}</p>
        ) : (
          <div className="overflow-auto">
            <table>
              <caption className="visually-hidden">{t('cases.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.column.case')}</th>
                  <th scope="col">{t('cases.column.stage')}</th>
                  <th scope="col">{t('cases.column.site')}</th>
                  <th scope="col">{t('cases.column.lastActivity')}</th>
                  <th scope="col">{t('cases.column.missedDeadlines')}</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.jointCaseId}>
                    <td>
                      <Link href={`/cases/${c.jointCaseId}`}>
                        {t('cases.openedOn', { date: time.date(c.openedAt) })}
                      </Link>
                    </td>
                    <td>{t(`stage.${c.stage}`)}</td>
                    <td>{c.siteCode ?? t('common.none')}</td>
                    <td>
                      <time dateTime={c.lastActivityAt}>{time.dateTime(c.lastActivityAt)}</time>
                    </td>
                    <td className={c.missedDeadlines > 0 ? 'flag-overdue' : undefined}>{c.missedDeadlines}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {problem instanceof OfflineError ? (
        <p role="alert" className="banner banner-offline">
          {t('signIn.unreachable')}
        </p>
      ) : (
        <ErrorNotice error={problem} />
      )}
      {last?.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          onClick={() => void readOn()}
          aria-busy={readingOn}
          disabled={readingOn}
        >
          {t('case.list.more')}
        </button>
      ) : null}
    </>
  );
}
