import { Fragment, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { AGENDA_SECTIONS, useAgendaItems, type AgendaItem } from './agenda';
import {
  ActionPointForm,
  ActionPointTable,
  caseChoicesOf,
  CloseMeetingButton,
  DecisionForm,
  DecisionList,
  MinutesForm,
} from './MeetingRecords';
import { MinutesDocument } from './MinutesDocument';
import { MeetingQuery, type MeetingData } from './operations';
import { languageOfMeeting } from './vocabulary';
import { WalkThrough } from './WalkThrough';
import './meetings.css';

/** `/meetings/:id`: one meeting, its agenda from the log, what it decides and undertakes, its minutes. */
export function MeetingPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  return <MeetingView key={id} meetingId={id} />;
}

function MeetingView({ meetingId }: { readonly meetingId: string }) {
  const t = useT();
  const { data, error, loading, offlineAsOf, refresh } = useQuery(MeetingQuery, { meetingId });
  const meeting = data?.meeting;
  return (
    <section className="meeting-page">
      <p className="meeting-screen-only">
        <Link href="/meetings">{t('meetings.backToList')}</Link>
      </p>
      {meeting ? null : <h1 tabIndex={-1}>{t('meetings.meeting.heading')}</h1>}
      <div className="meeting-screen-only">
        <OfflineBanner asOf={offlineAsOf} />
        {error?.code === 'NOT_FOUND' ? (
          <p role="alert" className="banner banner-error">
            {t('meetings.notFound')}
          </p>
        ) : (
          <ErrorNotice error={error} />
        )}
      </div>
      {loading && !data ? <Loading /> : null}
      {meeting ? <MeetingContent meeting={meeting} refresh={refresh} /> : null}
    </section>
  );
}

function MeetingContent({ meeting, refresh }: { readonly meeting: MeetingData; readonly refresh: () => void }) {
  const t = useT();
  const time = useKivuTime();
  const { session } = useSession();
  const [walking, setWalking] = useState(false);
  const items = useAgendaItems(meeting.agenda);
  const cases = caseChoicesOf(items);
  const open = meeting.status === 'SCHEDULED';
  const convener = session?.agencyType === 'coordination_body' && session.agencyId === meeting.scheduledByAgencyId;
  const mayRecord = open && convener;
  const language = languageOfMeeting(meeting);
  const startRef = useRef<HTMLButtonElement>(null);
  const leaving = useRef(false);
  const leave = useCallback(() => {
    leaving.current = true;
    setWalking(false);
  }, []);
  // Back from the walk-through: the focus returns to the button that started it, as soon as it is back on the
  // page (a layout effect, so no key pressed in between lands nowhere).
  useLayoutEffect(() => {
    if (walking || !leaving.current) return;
    leaving.current = false;
    startRef.current?.focus();
  }, [walking]);
  const place = meeting.siteCode
    ? t('meetings.placeWithSite', { province: t(`meetings.province.${meeting.province}`), site: meeting.siteCode })
    : t(`meetings.province.${meeting.province}`);

  return (
    <>
      <div className="meeting-screen-only">
        <h1 tabIndex={-1}>{meeting.title}</h1>
        <dl className="meeting-facts" hidden={walking}>
          <dt>{t('meetings.field.scheduledFor')}</dt>
          <dd>
            <time dateTime={meeting.scheduledFor}>{time.dateTime(meeting.scheduledFor)}</time>
          </dd>
          <dt>{t('meetings.field.place')}</dt>
          <dd>{place}</dd>
          <dt>{t('meetings.field.status')}</dt>
          <dd>{t(`meetings.status.${meeting.status}`)}</dd>
          <dt>{t('meetings.field.language')}</dt>
          <dd>{t(`meetings.language.${meeting.language}`)}</dd>
          <dt>{t('meetings.field.convenedBy')}</dt>
          <dd>
            <AgencyName id={meeting.scheduledByAgencyId} agency={meeting.scheduledByAgency} />
          </dd>
          <dt>{t('meetings.field.participants')}</dt>
          <dd>
            {meeting.participantAgencyIds.map((id, n) => (
              <Fragment key={id}>
                {n > 0 ? ', ' : null}
                <AgencyName id={id} agency={meeting.participantAgencies?.find((a) => a.agencyId === id)} />
              </Fragment>
            ))}
          </dd>
        </dl>
        <div className="actions-row">
          {walking ? null : (
            <button ref={startRef} type="button" onClick={() => setWalking(true)} disabled={items.length === 0}>
              {t('meetings.walk.start')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('meetings.print')}
          </button>
        </div>

        {walking ? (
          <WalkThrough
            items={items}
            meeting={meeting}
            cases={cases}
            mayRecord={mayRecord}
            onRecorded={refresh}
            onLeave={leave}
          />
        ) : (
          <>
            <AgendaView items={items} asOf={meeting.agenda.asOf} since={meeting.agenda.since} />

            <section aria-labelledby="meeting-carried">
              <h2 id="meeting-carried">{t('meetings.agenda.section.openActionPoints')}</h2>
              <p>{t('meetings.carried.intro')}</p>
              <ActionPointTable
                caption={t('meetings.carried.caption', { count: meeting.agenda.openActionPoints.length })}
                points={meeting.agenda.openActionPoints}
                meeting={meeting}
                items={items}
                onRecorded={refresh}
              />
            </section>

            <section aria-labelledby="meeting-decisions">
              <h2 id="meeting-decisions">{t('meetings.decisions')}</h2>
              <DecisionList meeting={meeting} items={items} />
              {mayRecord ? <DecisionForm meeting={meeting} cases={cases} onRecorded={refresh} idPrefix="page" /> : null}
            </section>

            <section aria-labelledby="meeting-points">
              <h2 id="meeting-points">{t('meetings.actionPoints')}</h2>
              <ActionPointTable
                caption={t('meetings.actionPoint.caption', { count: meeting.actionPoints.length })}
                points={meeting.actionPoints}
                meeting={meeting}
                items={items}
                onRecorded={refresh}
              />
              {mayRecord ? (
                <ActionPointForm meeting={meeting} cases={cases} onRecorded={refresh} idPrefix="page" />
              ) : null}
            </section>

            <section aria-labelledby="meeting-minutes">
              <h2 id="meeting-minutes">{t('meetings.minutes')}</h2>
              {mayRecord ? (
                <MinutesForm key={meeting.minutes?.recordedAt ?? 'none'} meeting={meeting} onRecorded={refresh} />
              ) : meeting.minutes ? (
                <div className="meeting-minutes-text">{meeting.minutes.text}</div>
              ) : (
                <p>{t('meetings.minutes.none')}</p>
              )}
              {mayRecord ? <CloseMeetingButton meeting={meeting} onRecorded={refresh} /> : null}
              {!open && meeting.closedAt ? (
                <p>{t('meetings.minutes.closedAt', { time: time.dateTime(meeting.closedAt) })}</p>
              ) : null}
            </section>
          </>
        )}
      </div>

      <section
        className={walking ? 'meeting-print meeting-print-walking' : 'meeting-print'}
        aria-labelledby="meeting-print-title"
      >
        <h2 id="meeting-print-title" className="meeting-screen-only">
          {t('meetings.print.preview', { language: t(`meetings.language.${meeting.language}`) })}
        </h2>
        <MinutesDocument meeting={meeting} language={language} />
      </section>
    </>
  );
}

/** The agenda, section by section, every item a sentence with the case it opens. */
function AgendaView({
  items,
  asOf,
  since,
}: {
  readonly items: readonly AgendaItem[];
  readonly asOf: string;
  readonly since: string;
}) {
  const t = useT();
  const time = useKivuTime();
  const sections = AGENDA_SECTIONS.filter((s) => s !== 'openActionPoints');
  const shown = items.filter((i) => i.section !== 'openActionPoints');
  return (
    <section aria-labelledby="meeting-agenda" className="meeting-agenda">
      <h2 id="meeting-agenda">{t('meetings.agenda.title')}</h2>
      <p>{t('meetings.agenda.window', { since: time.dateTime(since), asOf: time.dateTime(asOf) })}</p>
      {shown.length === 0 ? <p>{t('meetings.agenda.empty')}</p> : null}
      {sections.map((section) => {
        const ofSection = shown.filter((i) => i.section === section);
        if (ofSection.length === 0) return null;
        return (
          <Fragment key={section}>
            <h3>{t(`meetings.agenda.section.${section}`)}</h3>
            <ol className="meeting-agenda-items" data-testid={`agenda-${section}`}>
              {ofSection.map((i) => (
                <li key={i.id}>
                  <span>{i.text}</span>
                  {i.jointCaseId ? (
                    <>
                      {' '}
                      <Link href={`/cases/${encodeURIComponent(i.jointCaseId)}`}>
                        {i.caseReference
                          ? t('meetings.openCaseRef', { reference: i.caseReference })
                          : t('meetings.openCase')}
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </Fragment>
        );
      })}
    </section>
  );
}
