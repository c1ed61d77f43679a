import { useEffect, useReducer, useRef, useState } from 'react';
import { request } from '../../api/client';
import { ApiError, OfflineError } from '../../api/errors';
import { useOnline } from '../../api/hooks';
import { subscribe } from '../../api/live';
import { ErrorNotice } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import {
  CaseTimelineEntryAddedSubscription,
  CaseTimelineQuery,
  type JointCaseData,
  type TimelineEntry,
} from './documents';
import { useCaseLabels } from './labels';
import { AT_END, AT_START, mergeTimeline, type Anchor } from './timeline';

/** Entries per page: a few kilobytes on a poor link, most cases in one page. */
export const TIMELINE_PAGE = 50;
/** How long "n new entries" stays said before the count starts again. */
const ANNOUNCE_FOR_MS = 10_000;

type TimelinePage = JointCaseData['timeline'];

interface TimelineState {
  /** The first page as last given (from the device's copy, then the platform, again after a refresh). */
  readonly firstPage: TimelinePage;
  readonly entries: readonly TimelineEntry[];
  /** Where the pages read so far end. */
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  /** A page after the first was read: a refreshed first page no longer says where the pages end. */
  readonly readOn: boolean;
  /** Sticky: once the end is held, the live feed brings everything after it, whatever a refresh says. */
  readonly complete: boolean;
  /** Entries that arrived live, by position (marked "new"). */
  readonly fresh: ReadonlySet<string>;
  /** How many arrived since the live region last fell quiet. */
  readonly announced: number;
}

type TimelineAction =
  | { readonly type: 'page'; readonly page: TimelinePage; readonly anchor: Anchor; readonly readOn: boolean }
  | { readonly type: 'live'; readonly entry: TimelineEntry }
  | { readonly type: 'quiet' };

function startOf(firstPage: TimelinePage): TimelineState {
  return {
    firstPage,
    entries: firstPage.edges.map((e) => e.node),
    endCursor: firstPage.pageInfo.endCursor,
    hasNextPage: firstPage.pageInfo.hasNextPage,
    readOn: false,
    complete: !firstPage.pageInfo.hasNextPage,
    fresh: new Set(),
    announced: 0,
  };
}

function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case 'page': {
      const entries = mergeTimeline(
        state.entries,
        action.page.edges.map((e) => e.node),
        action.anchor,
      );
      const firstPage = action.readOn ? state.firstPage : action.page;
      if (!action.readOn && state.readOn) return { ...state, firstPage, entries };
      const { endCursor, hasNextPage } = action.page.pageInfo;
      return {
        ...state,
        firstPage,
        entries,
        endCursor,
        hasNextPage,
        readOn: action.readOn,
        complete: state.complete || !hasNextPage,
      };
    }
    case 'live': {
      // Known by position: an entry sent twice (a resumed feed, a refresh that brought it) shows once.
      if (state.entries.some((e) => e.position === action.entry.position)) return state;
      return {
        ...state,
        entries: mergeTimeline(state.entries, [action.entry], AT_END),
        fresh: new Set(state.fresh).add(action.entry.position),
        announced: state.announced + 1,
      };
    }
    case 'quiet':
      return state.announced === 0 ? state : { ...state, announced: 0 };
  }
}

/**
 * The merged timeline of a case, oldest first: the first page comes with the case, the next ones on
 * request, and once the reader holds the end, new entries arrive live. The live feed resumes after the
 * last position held (also after a reconnect), entries are known by position so none shows twice, and a
 * polite live region says how many arrived.
 */
export function CaseTimeline({
  caseId,
  firstPage,
  onLiveEntry,
}: {
  caseId: string;
  firstPage: TimelinePage;
  onLiveEntry: () => void;
}) {
  const t = useT();
  const online = useOnline();
  const [state, dispatch] = useReducer(timelineReducer, firstPage, startOf);
  const { entries, complete, fresh, announced } = state;
  // A new first page (the platform's after the device's copy, or a refresh) is merged in as it comes.
  if (state.firstPage !== firstPage) dispatch({ type: 'page', page: firstPage, anchor: AT_START, readOn: false });

  const [readingOn, setReadingOn] = useState(false);
  const [readOnProblem, setReadOnProblem] = useState<ApiError | OfflineError | undefined>(undefined);
  const [focusPosition, setFocusPosition] = useState<string | undefined>(undefined);
  const listRef = useRef<HTMLOListElement>(null);

  // Read by the live feed when it (re)starts: it resumes after the last entry held.
  const lastPosition = useRef<string | undefined>(undefined);
  useEffect(() => {
    lastPosition.current = entries.at(-1)?.position;
  }, [entries]);

  // Each live arrival: the case is read again (its stage, its parts), and the count falls quiet later.
  useEffect(() => {
    if (fresh.size > 0) onLiveEntry();
  }, [fresh, onLiveEntry]);
  useEffect(() => {
    if (announced === 0) return;
    const quiet = setTimeout(() => dispatch({ type: 'quiet' }), ANNOUNCE_FOR_MS);
    return () => clearTimeout(quiet);
  }, [announced]);

  const live = complete && online;
  useEffect(() => {
    if (!live) return;
    return subscribe(
      CaseTimelineEntryAddedSubscription,
      () => ({ jointCaseId: caseId, after: lastPosition.current ?? null }),
      { next: (data) => dispatch({ type: 'live', entry: data.caseTimelineEntryAdded }) },
    );
  }, [caseId, live]);

  const readOn = async () => {
    const after = state.endCursor;
    if (!after) return;
    setReadingOn(true);
    setReadOnProblem(undefined);
    try {
      const data = await request(CaseTimelineQuery, { id: caseId, first: TIMELINE_PAGE, after });
      const page = data.case.timeline;
      const held = new Set(entries.map((e) => e.position));
      const firstNew = page.edges.find((e) => !held.has(e.node.position));
      dispatch({ type: 'page', page, anchor: { after }, readOn: true });
      setFocusPosition(firstNew?.node.position);
    } catch (error) {
      setReadOnProblem(error instanceof ApiError || error instanceof OfflineError ? error : new OfflineError(error));
    } finally {
      setReadingOn(false);
    }
  };

  // After reading on, the first entry read takes the focus, so the reader goes on from there.
  useEffect(() => {
    if (!focusPosition) return;
    const items = Array.from(listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? []);
    items.find((li) => li.dataset['position'] === focusPosition)?.focus();
  }, [focusPosition]);

  return (
    <section aria-labelledby="case-timeline-heading" className="case-timeline">
      <div className="case-timeline-header">
        <h2 id="case-timeline-heading">{t('case.timeline.title')}</h2>
        <LiveIndicator live={live} online={online} complete={complete} />
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="timeline-announcer">
        {announced > 0 ? t('case.live.announce', { count: announced }) : ''}
      </p>
      {entries.length === 0 ? (
        <p>{t('case.timeline.none')}</p>
      ) : (
        <ol className="case-timeline-list" aria-label={t('case.timeline.label')} ref={listRef}>
          {entries.map((entry) => (
            <TimelineItem key={entry.position} entry={entry} fresh={fresh.has(entry.position)} />
          ))}
        </ol>
      )}
      {readOnProblem ? <ReadOnProblem problem={readOnProblem} /> : null}
      {state.hasNextPage && !complete ? (
        <button
          type="button"
          className="secondary case-screen-only"
          onClick={() => void readOn()}
          aria-busy={readingOn}
          disabled={readingOn}
        >
          {t('case.timeline.more')}
        </button>
      ) : null}
    </section>
  );
}

function ReadOnProblem({ problem }: { problem: ApiError | OfflineError }) {
  const t = useT();
  if (problem instanceof OfflineError) {
    return (
      <p role="alert" className="banner banner-offline">
        {t('signIn.unreachable')}
      </p>
    );
  }
  return <ErrorNotice error={problem} />;
}

function LiveIndicator({ live, online, complete }: { live: boolean; online: boolean; complete: boolean }) {
  const t = useT();
  if (live) {
    return (
      <span className="case-live case-live-on case-screen-only" data-testid="live-indicator">
        {t('case.live.on')}
      </span>
    );
  }
  return (
    <span className="case-live case-screen-only" data-testid="live-indicator">
      {online || !complete ? t('case.live.untilEnd') : t('case.live.offline')}
    </span>
  );
}

function TimelineItem({ entry, fresh }: { entry: TimelineEntry; fresh: boolean }) {
  const t = useT();
  const time = useKivuTime();
  const labels = useCaseLabels();
  const said = labels.sentence(entry);
  const classes = ['case-timeline-entry', said.withheld ? 'case-withheld-entry' : '', fresh ? 'case-fresh' : '']
    .filter(Boolean)
    .join(' ');
  return (
    // Focusable from script only: after reading on, the first entry read takes the focus.
    <li className={classes} data-position={entry.position} tabIndex={-1}>
      <p className="case-timeline-meta">
        <time dateTime={entry.occurredAt}>{time.dateTime(entry.occurredAt)}</time>
        <span title={entry.agencyId}>{labels.agency(entry.agencyId, entry.agencyType, entry.agency)}</span>
        {fresh ? <mark className="case-fresh-badge">{t('case.timeline.new')}</mark> : null}
      </p>
      <p className="case-timeline-what">
        <span lang={said.lang}>{said.text}</span>
        {said.detail ? (
          <span className="case-timeline-detail" lang="en">
            {said.detail}
          </span>
        ) : null}
      </p>
    </li>
  );
}
