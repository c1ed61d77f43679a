import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { Link } from '../../app/router';
import { ErrorNotice, Loading } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { CaseTimeline, TIMELINE_PAGE } from '../case/CaseTimeline';
import { CaseQuery } from '../case/documents';
import { type AgendaItem } from './agenda';
import { ActionPointForm, DecisionForm, type CaseChoice } from './MeetingRecords';
import { type MeetingData } from './operations';

/** Keys a presenter's remote or a keyboard sends to move on or back. */
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown', 'n', 'N']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'p', 'P']);

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The agenda on the projector: one item at a time in large text, its place in the agenda ("3 / 12"), next
 * and previous by keyboard (arrows, Page Up/Down, N/P) or by button, and the item's case timeline.
 */
export function WalkThrough({
  items,
  meeting,
  cases,
  mayRecord,
  onRecorded,
  onLeave,
}: {
  readonly items: readonly AgendaItem[];
  readonly meeting: MeetingData;
  readonly cases: readonly CaseChoice[];
  readonly mayRecord: boolean;
  readonly onRecorded: () => void;
  readonly onLeave: () => void;
}) {
  const t = useT();
  const [index, setIndex] = useState(0);
  const [timelineOpen, setTimelineOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const total = items.length;
  const at = Math.min(index, Math.max(total - 1, 0));
  const item = items[at];

  const go = useCallback(
    (to: number) => {
      setIndex(Math.max(0, Math.min(total - 1, to)));
      setTimelineOpen(false);
    },
    [total],
  );

  // Layout effects, not effects: Preact runs an effect only after the next frame is painted, so a key pressed
  // as soon as the walk-through shows (a presenter's remote, a quick Escape) would find no listener yet.
  useLayoutEffect(() => {
    headingRef.current?.focus();
  }, []);

  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      if (NEXT_KEYS.has(event.key)) {
        event.preventDefault();
        go(at + 1);
      } else if (PREVIOUS_KEYS.has(event.key)) {
        event.preventDefault();
        go(at - 1);
      } else if (event.key === 'Home') {
        event.preventDefault();
        go(0);
      } else if (event.key === 'End') {
        event.preventDefault();
        go(total - 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        onLeave();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [at, go, onLeave, total]);

  return (
    <section
      className="meeting-walk"
      aria-labelledby="meeting-walk-title"
      aria-roledescription={t('meetings.walk.role')}
    >
      <h2 id="meeting-walk-title" ref={headingRef} tabIndex={-1}>
        {t('meetings.walk.title')}
      </h2>
      <p className="meeting-walk-keys">{t('meetings.walk.keys')}</p>
      {item ? (
        <article className="meeting-walk-item" aria-live="polite" aria-atomic="true">
          <p className="meeting-walk-counter" data-testid="walk-counter">
            {t('meetings.walk.counter', { n: at + 1, total })}
          </p>
          <h3 className="meeting-walk-section">{t(`meetings.agenda.section.${item.section}`)}</h3>
          <p className="meeting-walk-text" data-testid="walk-text">
            {item.text}
          </p>
        </article>
      ) : (
        <p className="meeting-walk-text">{t('meetings.agenda.empty')}</p>
      )}
      <div className="actions-row meeting-walk-nav">
        <button type="button" className="secondary" disabled={at === 0} onClick={() => go(at - 1)}>
          {t('meetings.walk.previous')}
        </button>
        <button type="button" disabled={at >= total - 1} onClick={() => go(at + 1)}>
          {t('meetings.walk.next')}
        </button>
        <button type="button" className="secondary" onClick={onLeave}>
          {t('meetings.walk.leave')}
        </button>
      </div>
      {item?.jointCaseId ? (
        <div className="meeting-walk-case">
          <p>
            <Link href={`/cases/${encodeURIComponent(item.jointCaseId)}`}>
              {item.caseReference
                ? t('meetings.openCaseRef', { reference: item.caseReference })
                : t('meetings.openCase')}
            </Link>{' '}
            <button
              type="button"
              className="secondary"
              aria-expanded={timelineOpen}
              onClick={() => setTimelineOpen((open) => !open)}
            >
              {timelineOpen ? t('meetings.walk.hideTimeline') : t('meetings.walk.showTimeline')}
            </button>
          </p>
          {timelineOpen ? <InlineTimeline jointCaseId={item.jointCaseId} /> : null}
        </div>
      ) : null}
      {mayRecord && item ? (
        <details className="meeting-walk-record" key={item.id}>
          <summary>{t('meetings.walk.record')}</summary>
          <DecisionForm
            meeting={meeting}
            cases={cases}
            jointCaseId={item.jointCaseId}
            onRecorded={onRecorded}
            idPrefix="walk"
          />
          <ActionPointForm
            meeting={meeting}
            cases={cases}
            jointCaseId={item.jointCaseId}
            onRecorded={onRecorded}
            idPrefix="walk"
          />
        </details>
      ) : null}
    </section>
  );
}

/** The case's timeline, as the case page shows it, under the item being discussed. */
function InlineTimeline({ jointCaseId }: { readonly jointCaseId: string }) {
  const { data, error, loading, refresh } = useQuery(CaseQuery, { id: jointCaseId, first: TIMELINE_PAGE });
  return (
    <div className="meeting-walk-timeline">
      <ErrorNotice error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? <CaseTimeline caseId={jointCaseId} firstPage={data.case.timeline} onLiveEntry={refresh} /> : null}
    </div>
  );
}
