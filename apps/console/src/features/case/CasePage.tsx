import './case.css';
import { Fragment, useCallback, useEffect, useRef } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { CaseParts } from './CaseParts';
import { CaseTimeline, TIMELINE_PAGE } from './CaseTimeline';
import { CaseQuery, type JointCaseData } from './documents';
import { useCaseLabels } from './labels';

/** After a live entry, the case is read again (its stage, its parts) once things are quiet. */
const REFRESH_AFTER_LIVE_MS = 1500;
/**
 * A case not found is asked again for this long before the page says so: opened just after its referral, a case
 * can take a moment to reach this agency's view (server mode), and the person should see it, not a false "does not
 * exist". A case never shared with the agency gets the same answer, only later.
 */
const NOT_FOUND_RETRY_MS = 8000;

/** `/cases/:id`: one joint case, every agency's part as it is disclosed to the caller, and its timeline. */
export function CasePage({ params }: PageProps) {
  const id = params['id'] ?? '';
  // A new case is a new page: nothing held for the last one carries over.
  return <CaseView key={id} caseId={id} />;
}

function CaseView({ caseId }: { caseId: string }) {
  const t = useT();
  const time = useKivuTime();
  const { data, error, loading, arriving, offlineAsOf, refresh } = useQuery(
    CaseQuery,
    { id: caseId, first: TIMELINE_PAGE },
    { notFoundRetryMs: NOT_FOUND_RETRY_MS },
  );
  const jointCase = data?.case;

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refreshSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(refresh, REFRESH_AFTER_LIVE_MS);
  }, [refresh]);

  const described = jointCase
    ? jointCase.siteCode
      ? t('case.title', { site: jointCase.siteCode })
      : t('cases.openedOn', { date: time.date(jointCase.openedAt) })
    : t('case.heading');
  // The case's reference first: what people say and write on the paper file (NK-2026-00042).
  const title = jointCase?.reference ? `${jointCase.reference} · ${described}` : described;

  return (
    <section className="case-page">
      <p className="case-back case-screen-only">
        <Link href="/cases">{t('case.backToCases')}</Link>
      </p>
      <h1 tabIndex={-1}>{title}</h1>
      <OfflineBanner asOf={offlineAsOf} />
      {error?.code === 'NOT_FOUND' ? (
        <p role="alert" className="banner banner-error">
          {t('case.notFound')}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
      {loading && !data ? <Loading /> : null}
      {arriving && !data ? (
        <p role="status" className="banner">
          {t('case.arriving')}
        </p>
      ) : null}
      {jointCase ? (
        <>
          <CaseFacts jointCase={jointCase} />
          <CaseParts jointCase={jointCase} />
          <CaseTimeline caseId={caseId} firstPage={jointCase.timeline} onLiveEntry={refreshSoon} />
        </>
      ) : null}
    </section>
  );
}

/** Territories are proper names: `MASISI` reads `Masisi` in every language. */
const properName = (code: string) =>
  code
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/** The case at a glance: stage, site and region, dates in Kivu time, missed deadlines, agencies. */
function CaseFacts({ jointCase: c }: { jointCase: JointCaseData }) {
  const t = useT();
  const time = useKivuTime();
  const labels = useCaseLabels();
  const site = c.site
    ? t('case.siteWithName', {
        code: c.site.code,
        name: c.site.name,
        status: labels.maybe(`case.siteStatus.${c.site.status}`, c.site.status),
      })
    : (c.siteCode ?? t('common.none'));
  const province = c.site?.province ?? c.province;
  const territory = c.site ? properName(c.site.territory) : c.territory;
  const region =
    province || territory
      ? t('case.region', {
          province: province ? labels.maybe(`case.province.${province}`, province) : t('common.none'),
          territory: territory ?? t('common.none'),
        })
      : t('common.none');
  return (
    <dl className="case-facts case-summary">
      <dt>{t('case.field.stage')}</dt>
      <dd>
        <strong>{t(`stage.${c.stage}`)}</strong>
      </dd>
      <dt>{t('case.field.site')}</dt>
      <dd>{site}</dd>
      <dt>{t('case.field.region')}</dt>
      <dd>{region}</dd>
      <dt>{t('case.field.opened')}</dt>
      <dd>
        <time dateTime={c.openedAt}>{time.dateTime(c.openedAt)}</time>
      </dd>
      <dt>{t('case.field.lastActivity')}</dt>
      <dd>
        <time dateTime={c.lastActivityAt}>{time.dateTime(c.lastActivityAt)}</time>
      </dd>
      <dt>{t('case.field.missedDeadlines')}</dt>
      <dd className={c.missedDeadlines > 0 ? 'flag-overdue' : undefined}>
        {c.missedDeadlines > 0 ? <strong>{c.missedDeadlines}</strong> : c.missedDeadlines}
      </dd>
      <dt>{t('case.field.assistanceStage')}</dt>
      <dd>{labels.maybe(`case.assistanceStage.${c.assistanceStage}`, c.assistanceStage)}</dd>
      <dt>{t('case.field.agencies')}</dt>
      <dd>
        {c.agencyIds.length > 0
          ? c.agencyIds.map((id, n) => (
              <Fragment key={id}>
                {n > 0 ? ', ' : null}
                <AgencyName id={id} agency={c.agencies?.find((a) => a.agencyId === id)} />
              </Fragment>
            ))
          : t('common.none')}
      </dd>
    </dl>
  );
}
