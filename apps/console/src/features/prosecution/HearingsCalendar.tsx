import { useId, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from '../../app/router';
import { KIVU_TIME_ZONE } from '../../i18n/catalogue';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useNow } from './useNow';
import { addMonths, kivuDayOf, monthKey, monthOf, noonOf, weeksOf, type Month } from './kivu';

/** A hearing as the calendar shows it (from `upcomingHearings` or a prosecution's own hearings). */
export interface CalendarHearing {
  readonly hearingId: string;
  readonly prosecutionId: string;
  readonly reference?: string | null;
  readonly court: string;
  readonly purpose: string;
  readonly scheduledFor: string;
  readonly heldAt?: string | null;
  readonly cancelledAt?: string | null;
  readonly outcomeOverdueAt?: string | null;
}

type View = 'month' | 'list';

function smallScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 40rem)').matches;
}

/** Its date passed and nobody recorded whether it was held, moved or cancelled. */
export function unrecorded(h: CalendarHearing, now: number): boolean {
  return !h.heldAt && !h.cancelledAt && (Boolean(h.outcomeOverdueAt) || Date.parse(h.scheduledFor) < now);
}

function HearingLine({ hearing, showDay }: { readonly hearing: CalendarHearing; readonly showDay: boolean }) {
  const t = useT();
  const time = useKivuTime();
  const now = useNow();
  const state = hearing.cancelledAt
    ? t('prosecution.hearing.state.cancelled')
    : hearing.heldAt
      ? t('prosecution.hearing.state.held')
      : unrecorded(hearing, now)
        ? t('prosecution.hearing.state.unrecorded')
        : null;
  return (
    <>
      <Link href={`/prosecutions/${encodeURIComponent(hearing.prosecutionId)}#hearing-${hearing.hearingId}`}>
        <time dateTime={hearing.scheduledFor}>
          {showDay ? time.dateTime(hearing.scheduledFor) : time.time(hearing.scheduledFor)}
        </time>
        {` ${hearing.reference ?? t('prosecution.hearing.noReference')}`}
      </Link>
      <br />
      <small>
        {hearing.court}
        {' · '}
        {hearing.purpose}
        {state ? (
          <>
            {' · '}
            <strong className={hearing.cancelledAt || hearing.heldAt ? undefined : 'flag-overdue'}>{state}</strong>
          </>
        ) : null}
      </small>
    </>
  );
}

/**
 * The office's hearings by month, in Kivu time: a month grid (a table: a column per weekday, Monday
 * first, each hearing in the cell of its day) or, on a small screen or when chosen, the same month as a
 * list. Previous and next month are buttons; every hearing is a link: all by keyboard.
 */
export function HearingsCalendar({
  hearings,
  initialMonth,
  onMonthChange,
  nested = false,
}: {
  readonly hearings: readonly CalendarHearing[];
  /** Inside a page's own section (a prosecution's hearings): its headings one level down. */
  readonly nested?: boolean;
  readonly initialMonth?: Month;
  readonly onMonthChange?: (month: Month) => void;
}) {
  const t = useT();
  const intl = useIntl();
  const id = useId();
  const [month, setMonth] = useState<Month>(() => initialMonth ?? monthOf(new Date(Date.now())));
  const [view, setView] = useState<View>(() => (smallScreen() ? 'list' : 'month'));
  const now = useNow();
  const today = kivuDayOf(new Date(now));

  const byDay = useMemo(() => {
    const days = new Map<string, CalendarHearing[]>();
    for (const h of [...hearings].sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor))) {
      const day = kivuDayOf(h.scheduledFor);
      days.set(day, [...(days.get(day) ?? []), h]);
    }
    return days;
  }, [hearings]);

  const key = monthKey(month);
  const title = intl.formatDate(noonOf(`${key}-15`), { month: 'long', year: 'numeric', timeZone: KIVU_TIME_ZONE });
  const weeks = weeksOf(month);
  // Monday to Sunday: the weekday names of the first full week of 2024 (1 January 2024 was a Monday).
  const weekdays = Array.from({ length: 7 }, (_, i) => noonOf(`2024-01-0${String(i + 1)}`));
  const inMonth = [...byDay.entries()].filter(([day]) => day.startsWith(key)).sort(([a], [b]) => a.localeCompare(b));
  const count = inMonth.reduce((n, [, list]) => n + list.length, 0);

  const MonthHeading = nested ? 'h3' : 'h2';
  const DayHeading = nested ? 'h4' : 'h3';

  const go = (delta: number) => {
    const next = addMonths(month, delta);
    setMonth(next);
    onMonthChange?.(next);
  };

  return (
    <section aria-labelledby={`${id}-month`} className="hearings-calendar">
      <div className="calendar-bar">
        <button type="button" className="secondary" onClick={() => go(-1)}>
          {t('prosecution.calendar.previous')}
        </button>
        <MonthHeading id={`${id}-month`} aria-live="polite">
          {title}
        </MonthHeading>
        <button type="button" className="secondary" onClick={() => go(1)}>
          {t('prosecution.calendar.next')}
        </button>
      </div>
      <fieldset className="calendar-view">
        <legend>{t('prosecution.calendar.view')}</legend>
        <label>
          <input type="radio" name={`${id}-view`} checked={view === 'month'} onChange={() => setView('month')} />
          {t('prosecution.calendar.view.month')}
        </label>
        <label>
          <input type="radio" name={`${id}-view`} checked={view === 'list'} onChange={() => setView('list')} />
          {t('prosecution.calendar.view.list')}
        </label>
      </fieldset>
      <p>{t('prosecution.calendar.count', { count })}</p>
      {view === 'month' ? (
        <div className="calendar-scroll">
          <table className="calendar-grid">
            <caption>{t('prosecution.calendar.caption', { month: title })}</caption>
            <thead>
              <tr>
                {weekdays.map((d) => (
                  <th
                    key={d.toISOString()}
                    scope="col"
                    abbr={intl.formatDate(d, { weekday: 'long', timeZone: KIVU_TIME_ZONE })}
                  >
                    {intl.formatDate(d, { weekday: 'short', timeZone: KIVU_TIME_ZONE })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.find((d) => d !== null) ?? ''}>
                  {week.map((day, i) =>
                    day === null ? (
                      <td key={`empty-${String(i)}`} className="calendar-outside" />
                    ) : (
                      <td
                        key={day}
                        data-day={day}
                        className={day === today ? 'calendar-today' : undefined}
                        aria-current={day === today ? 'date' : undefined}
                      >
                        <time dateTime={day} className="calendar-day">
                          <span aria-hidden="true">{Number(day.slice(8, 10))}</span>
                          <span className="visually-hidden">
                            {intl.formatDate(noonOf(day), { dateStyle: 'full', timeZone: KIVU_TIME_ZONE })}
                          </span>
                        </time>
                        {(byDay.get(day) ?? []).length > 0 ? (
                          <ul>
                            {(byDay.get(day) ?? []).map((h) => (
                              <li key={h.hearingId}>
                                <HearingLine hearing={h} showDay={false} />
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : count === 0 ? (
        <p>{t('prosecution.calendar.none')}</p>
      ) : (
        <ol className="calendar-list">
          {inMonth.map(([day, list]) => (
            <li key={day} data-day={day}>
              <DayHeading>
                <time dateTime={day}>
                  {intl.formatDate(noonOf(day), { dateStyle: 'full', timeZone: KIVU_TIME_ZONE })}
                </time>
              </DayHeading>
              <ul>
                {list.map((h) => (
                  <li key={h.hearingId}>
                    <HearingLine hearing={h} showDay={false} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
