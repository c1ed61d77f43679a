import { Fragment, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { agencyName } from '../../components/agency';
import { DEFAULT_LANGUAGE, KIVU_TIME_ZONE, type Language } from '../../i18n/catalogue';
import { useCatalogue, useKivuTime, useT } from '../../i18n/i18n';
import { AGENDA_SECTIONS, useAgendaItems } from './agenda';
import { referenceOfCase } from './MeetingRecords';
import { type MeetingData } from './operations';

/**
 * A part of the page in another language than the console's: its own catalogue, Kivu time, and `lang`
 * on its element, so a screen reader and the printer read it in that language. The console's own language
 * (and the page's) is untouched.
 */
export function InLanguage({ language, children }: { readonly language: Language; readonly children: ReactNode }) {
  // French until the meeting's language has arrived (a moment, the first time it is needed).
  const shown = useCatalogue(language);
  return (
    <IntlProvider
      locale={shown.language}
      defaultLocale={DEFAULT_LANGUAGE}
      messages={shown.messages}
      timeZone={KIVU_TIME_ZONE}
      onError={(error) => {
        if (import.meta.env.DEV) console.warn(error.message);
      }}
    >
      <div lang={shown.language}>{children}</div>
    </IntlProvider>
  );
}

/**
 * The minutes as printed (or saved as PDF from the print view), in the meeting's language whatever the
 * console's: title, date, place, participants by name, the agenda items discussed, decisions, action points
 * with their owner and due date, and the minutes' text.
 */
export function MinutesDocument({ meeting, language }: { readonly meeting: MeetingData; readonly language: Language }) {
  return (
    <InLanguage language={language}>
      <MinutesBody meeting={meeting} />
    </InLanguage>
  );
}

function MinutesBody({ meeting }: { readonly meeting: MeetingData }) {
  const t = useT();
  const time = useKivuTime();
  const items = useAgendaItems(meeting.agenda);
  const place = meeting.siteCode
    ? t('meetings.placeWithSite', { province: t(`meetings.province.${meeting.province}`), site: meeting.siteCode })
    : t(`meetings.province.${meeting.province}`);
  return (
    <article className="meeting-minutes-document" data-testid="minutes-document" aria-labelledby="minutes-doc-title">
      <header>
        <p className="meeting-minutes-kicker">{t('meetings.minutes.kicker')}</p>
        <h2 id="minutes-doc-title">{meeting.title}</h2>
        <dl className="meeting-facts">
          <dt>{t('meetings.field.scheduledFor')}</dt>
          <dd>
            <time dateTime={meeting.scheduledFor}>{time.dateTime(meeting.scheduledFor)}</time>
          </dd>
          <dt>{t('meetings.field.place')}</dt>
          <dd>{place}</dd>
          <dt>{t('meetings.field.convenedBy')}</dt>
          <dd>{agencyName(meeting.scheduledByAgencyId, meeting.scheduledByAgency)}</dd>
          <dt>{t('meetings.field.participants')}</dt>
          <dd>
            {meeting.participantAgencyIds.map((id, n) => (
              <Fragment key={id}>
                {n > 0 ? ', ' : null}
                {agencyName(
                  id,
                  meeting.participantAgencies?.find((a) => a.agencyId === id),
                )}
              </Fragment>
            ))}
          </dd>
        </dl>
      </header>

      <section aria-labelledby="minutes-doc-agenda">
        <h3 id="minutes-doc-agenda">{t('meetings.minutes.agenda')}</h3>
        {items.length === 0 ? (
          <p>{t('meetings.agenda.empty')}</p>
        ) : (
          AGENDA_SECTIONS.map((section) => {
            const ofSection = items.filter((i) => i.section === section);
            if (ofSection.length === 0) return null;
            return (
              <Fragment key={section}>
                <h4>{t(`meetings.agenda.section.${section}`)}</h4>
                <ol>
                  {ofSection.map((i) => (
                    <li key={i.id}>{i.text}</li>
                  ))}
                </ol>
              </Fragment>
            );
          })
        )}
      </section>

      <section aria-labelledby="minutes-doc-decisions">
        <h3 id="minutes-doc-decisions">{t('meetings.decisions')}</h3>
        {meeting.decisions.length === 0 ? (
          <p>{t('meetings.decision.none')}</p>
        ) : (
          <ol>
            {meeting.decisions.map((d) => {
              const reference = d.caseReference ?? referenceOfCase(items, d.jointCaseId);
              return (
                <li key={d.decisionId}>
                  {d.text}
                  {reference ? ` (${t('meetings.aboutCase', { reference })})` : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section aria-labelledby="minutes-doc-points">
        <h3 id="minutes-doc-points">{t('meetings.actionPoints')}</h3>
        {meeting.actionPoints.length === 0 ? (
          <p>{t('meetings.actionPoint.none')}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t('meetings.actionPoints')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.column.actionPoint')}</th>
                <th scope="col">{t('meetings.column.owner')}</th>
                <th scope="col">{t('meetings.column.dueBy')}</th>
                <th scope="col">{t('meetings.column.status')}</th>
              </tr>
            </thead>
            <tbody>
              {meeting.actionPoints.map((p) => {
                const reference = p.caseReference ?? referenceOfCase(items, p.jointCaseId);
                return (
                  <tr key={p.actionPointId}>
                    <th scope="row">
                      {p.description}
                      {reference ? ` (${t('meetings.aboutCase', { reference })})` : null}
                    </th>
                    <td>{agencyName(p.ownerAgencyId, p.ownerAgency)}</td>
                    <td>
                      <time dateTime={p.dueBy}>{time.dateTime(p.dueBy)}</time>
                    </td>
                    <td>{t(`meetings.actionPointStatus.${p.status}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {meeting.minutes ? (
        <section aria-labelledby="minutes-doc-text">
          <h3 id="minutes-doc-text">{t('meetings.minutes.text')}</h3>
          <div className="meeting-minutes-text">{meeting.minutes.text}</div>
          <p>
            <small>
              {t('meetings.minutes.recorded', {
                time: time.dateTime(meeting.minutes.recordedAt),
                agency: agencyName(meeting.minutes.recordedByAgencyId, meeting.minutes.recordedByAgency),
              })}
            </small>
          </p>
        </section>
      ) : null}
      {meeting.closedAt ? (
        <p>
          <small>{t('meetings.minutes.closedAt', { time: time.dateTime(meeting.closedAt) })}</small>
        </p>
      ) : null}
    </article>
  );
}
