import { useId, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { agencyName, AgencyName } from '../../components/agency';
import { DueTime, ErrorNotice } from '../../components/feedback';
import { describedBy, ErrorSummary, FieldError, type FieldMessage } from '../../components/form';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useCommand } from '../outbox/useCommand';
import { instantOfKivuLocal } from '../referrals/kivuTime';
import { type AgendaItem } from './agenda';
import { CommandNotice, useFormProblems, type Problems } from './forms';
import {
  CloseMeetingMutation,
  CompleteActionPointMutation,
  MeetingAgenciesQuery,
  RecordActionPointMutation,
  RecordDecisionMutation,
  RecordMinutesMutation,
  type ActionPointData,
  type MeetingData,
} from './operations';
import { agencyTypeKey, MAX_MINUTES, MAX_TEXT, MEETING_AGENCY_TYPES } from './vocabulary';

/** A case the meeting may speak of: those its agenda names, by reference (or by the item's sentence). */
export interface CaseChoice {
  readonly jointCaseId: string;
  readonly label: string;
}

export function caseChoicesOf(items: readonly AgendaItem[]): CaseChoice[] {
  const seen = new Map<string, CaseChoice>();
  for (const item of items) {
    if (!item.jointCaseId || seen.has(item.jointCaseId)) continue;
    const label = item.caseReference ?? (item.text.length > 90 ? `${item.text.slice(0, 89)}…` : item.text);
    seen.set(item.jointCaseId, { jointCaseId: item.jointCaseId, label });
  }
  return [...seen.values()];
}

/** The case's reference when the agenda names it, else null. */
export function referenceOfCase(items: readonly AgendaItem[], jointCaseId: string | null | undefined): string | null {
  if (!jointCaseId) return null;
  return items.find((i) => i.jointCaseId === jointCaseId && i.caseReference)?.caseReference ?? null;
}

interface RecordProps {
  readonly meeting: MeetingData;
  readonly cases: readonly CaseChoice[];
  /** The case preselected (the item being discussed in the walk-through). */
  readonly jointCaseId?: string | null;
  readonly onRecorded: () => void;
  /** Distinguishes two copies of the same form on one page. */
  readonly idPrefix: string;
}

function CaseSelect({
  id,
  cases,
  value,
  onChange,
  errors,
}: {
  readonly id: string;
  readonly cases: readonly CaseChoice[];
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly errors: readonly FieldMessage[];
}) {
  const t = useT();
  if (cases.length === 0 && value === '') return null;
  return (
    <>
      <label htmlFor={id}>{t('meetings.field.case')}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(errors.length > 0 && `${id}-error`)}
      >
        <option value="">{t('meetings.field.case.none')}</option>
        {cases.map((c) => (
          <option key={c.jointCaseId} value={c.jointCaseId}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} messages={errors} />
    </>
  );
}

type DecisionField = 'text' | 'jointCaseId';
const DECISION_LABELS: Readonly<Record<DecisionField, string>> = {
  text: 'meetings.field.decision',
  jointCaseId: 'meetings.field.case',
};

/** Record a decision of the meeting, about one of its cases or the meeting as a whole. */
export function DecisionForm({ meeting, cases, jointCaseId, onRecorded, idPrefix }: RecordProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [caseId, setCaseId] = useState(jointCaseId ?? '');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useFormProblems<DecisionField>({
    summaryRef,
    idPrefix: `${idPrefix}-decision`,
    labels: DECISION_LABELS,
    fieldOf: (f) => (f === 'text' || f === 'jointCaseId' ? f : null),
  });
  const { status, send } = useCommand({
    document: RecordDecisionMutation,
    mutation: 'recordDecision',
    label: 'meetings.action.recordDecision',
    subject: { kind: 'meeting', id: meeting.meetingId },
    onRefused: form.onRefused,
    onAcknowledged: () => {
      setText('');
      form.reset();
      onRecorded();
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (status.kind === 'sending' || status.kind === 'queued') return;
    const value = text.trim();
    const found: Problems<DecisionField> = {};
    if (value === '') found.text = [{ key: 'form.problem.required' }];
    else if (value.length > MAX_TEXT) found.text = [{ key: 'form.problem.tooLong', values: { max: MAX_TEXT } }];
    if (!form.check(found)) return;
    // A decision adds to the meeting; it does not depend on what else was recorded since the page was read (the
    // platform still refuses it once the meeting is closed), so a secretariat recording fast meets no conflict.
    void send({
      meetingId: meeting.meetingId,
      text: value,
      ...(caseId ? { jointCaseId: caseId } : {}),
    });
  };
  const busy = status.kind === 'sending';
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${idPrefix}-decision-title`} className="meeting-form">
      <h3 id={`${idPrefix}-decision-title`}>{t('meetings.decision.record')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.items} />
      <ErrorNotice error={form.refusal} />
      <CommandNotice status={status} currentRevision={meeting.revision} onReload={onRecorded} />
      <label htmlFor={form.controlId('text')}>{t(DECISION_LABELS.text)}</label>
      <textarea
        id={form.controlId('text')}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={form.invalid('text') || undefined}
        aria-describedby={describedBy(`${idPrefix}-decision-hint`, form.invalid('text') && form.errorId('text'))}
      />
      <small id={`${idPrefix}-decision-hint`} className="field-hint">
        {t('meetings.field.noPersonalData')}
      </small>
      <FieldError id={form.errorId('text')} messages={form.errorsOf('text')} />
      <CaseSelect
        id={form.controlId('jointCaseId')}
        cases={cases}
        value={caseId}
        onChange={setCaseId}
        errors={form.errorsOf('jointCaseId')}
      />
      <button type="submit" aria-busy={busy || undefined}>
        {t('meetings.decision.submit')}
      </button>
    </form>
  );
}

type PointField = 'description' | 'owner' | 'dueBy' | 'jointCaseId';
const POINT_LABELS: Readonly<Record<PointField, string>> = {
  description: 'meetings.field.actionPoint',
  owner: 'meetings.field.owner',
  dueBy: 'meetings.field.dueBy',
  jointCaseId: 'meetings.field.case',
};
function pointFieldOf(apiField: string): PointField | null {
  if (apiField === 'ownerAgencyId' || apiField === 'ownerAgencyType') return 'owner';
  if (apiField === 'description' || apiField === 'dueBy' || apiField === 'jointCaseId') return apiField;
  return null;
}

/** Record an action point: what is to be done, the agency that owns it (by name), and by when. */
export function ActionPointForm({ meeting, cases, jointCaseId, onRecorded, idPrefix }: RecordProps) {
  const t = useT();
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [caseId, setCaseId] = useState(jointCaseId ?? '');
  const directory = useQuery(MeetingAgenciesQuery, {});
  // The meeting's participants first, then the rest of the directory, by name.
  const agencies = useMemo(() => {
    const all = (directory.data?.agencies ?? []).filter((a) => MEETING_AGENCY_TYPES.includes(a.agencyType));
    const taking = new Set(meeting.participantAgencyIds);
    return {
      participants: all.filter((a) => taking.has(a.agencyId)).sort((a, b) => a.name.localeCompare(b.name)),
      others: all.filter((a) => !taking.has(a.agencyId)).sort((a, b) => a.name.localeCompare(b.name)),
      byId: new Map(all.map((a) => [a.agencyId, a])),
    };
  }, [directory.data, meeting.participantAgencyIds]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useFormProblems<PointField>({
    summaryRef,
    idPrefix: `${idPrefix}-point`,
    labels: POINT_LABELS,
    fieldOf: pointFieldOf,
  });
  const { status, send } = useCommand({
    document: RecordActionPointMutation,
    mutation: 'recordActionPoint',
    label: 'meetings.action.recordActionPoint',
    subject: { kind: 'meeting', id: meeting.meetingId },
    onRefused: form.onRefused,
    onAcknowledged: () => {
      setDescription('');
      setOwner('');
      setDue('');
      form.reset();
      onRecorded();
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (status.kind === 'sending' || status.kind === 'queued') return;
    const value = description.trim();
    const found: Problems<PointField> = {};
    if (value === '') found.description = [{ key: 'form.problem.required' }];
    else if (value.length > MAX_TEXT) found.description = [{ key: 'form.problem.tooLong', values: { max: MAX_TEXT } }];
    const ownerAgency = agencies.byId.get(owner);
    if (!ownerAgency) found.owner = [{ key: 'form.problem.choose' }];
    const dueBy = instantOfKivuLocal(due);
    if (!dueBy) found.dueBy = [{ key: 'form.problem.dateTime' }];
    else if (dueBy.getTime() < Date.now()) found.dueBy = [{ key: 'form.problem.inPast' }];
    if (!form.check(found) || !ownerAgency || !dueBy) return;
    // An action point adds to the meeting, like a decision: no expected revision.
    void send({
      meetingId: meeting.meetingId,
      description: value,
      ownerAgencyId: ownerAgency.agencyId,
      ownerAgencyType: ownerAgency.agencyType,
      dueBy: dueBy.toISOString(),
      ...(caseId ? { jointCaseId: caseId } : {}),
    });
  };
  const busy = status.kind === 'sending';
  const option = (a: { agencyId: string; name: string; agencyType: string }) => (
    <option key={a.agencyId} value={a.agencyId}>
      {t('meetings.agencyOption', { name: a.name, type: t(agencyTypeKey(a.agencyType)) })}
    </option>
  );
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${idPrefix}-point-title`} className="meeting-form">
      <h3 id={`${idPrefix}-point-title`}>{t('meetings.actionPoint.record')}</h3>
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.items} />
      <ErrorNotice error={form.refusal} />
      <CommandNotice status={status} currentRevision={meeting.revision} onReload={onRecorded} />
      <label htmlFor={form.controlId('description')}>{t(POINT_LABELS.description)}</label>
      <textarea
        id={form.controlId('description')}
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        aria-invalid={form.invalid('description') || undefined}
        aria-describedby={describedBy(
          `${idPrefix}-point-hint`,
          form.invalid('description') && form.errorId('description'),
        )}
      />
      <small id={`${idPrefix}-point-hint`} className="field-hint">
        {t('meetings.field.noPersonalData')}
      </small>
      <FieldError id={form.errorId('description')} messages={form.errorsOf('description')} />

      <label htmlFor={form.controlId('owner')}>{t(POINT_LABELS.owner)}</label>
      <select
        id={form.controlId('owner')}
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        aria-busy={(directory.loading && !directory.data) || undefined}
        aria-invalid={form.invalid('owner') || undefined}
        aria-describedby={describedBy(form.invalid('owner') && form.errorId('owner'))}
      >
        <option value="">{t('meetings.field.choose')}</option>
        {agencies.participants.length > 0 ? (
          <optgroup label={t('meetings.field.owner.participants')}>{agencies.participants.map(option)}</optgroup>
        ) : null}
        {agencies.others.length > 0 ? (
          <optgroup label={t('meetings.field.owner.others')}>{agencies.others.map(option)}</optgroup>
        ) : null}
      </select>
      <FieldError id={form.errorId('owner')} messages={form.errorsOf('owner')} />

      <label htmlFor={form.controlId('dueBy')}>{t(POINT_LABELS.dueBy)}</label>
      <input
        id={form.controlId('dueBy')}
        type="datetime-local"
        value={due}
        onChange={(e) => setDue(e.target.value)}
        aria-invalid={form.invalid('dueBy') || undefined}
        aria-describedby={describedBy(`${idPrefix}-dueBy-hint`, form.invalid('dueBy') && form.errorId('dueBy'))}
      />
      <small id={`${idPrefix}-dueBy-hint`} className="field-hint">
        {t('meetings.field.kivuTime')}
      </small>
      <FieldError id={form.errorId('dueBy')} messages={form.errorsOf('dueBy')} />

      <CaseSelect
        id={form.controlId('jointCaseId')}
        cases={cases}
        value={caseId}
        onChange={setCaseId}
        errors={form.errorsOf('jointCaseId')}
      />
      <button type="submit" aria-busy={busy || undefined}>
        {t('meetings.actionPoint.submit')}
      </button>
    </form>
  );
}

/**
 * Mark an action point done: its owner agency, or the coordination body on its behalf. On the meeting that
 * recorded it, on the revision shown; from elsewhere (a later meeting, the agency's list), on whatever the
 * meeting is now, since completing a point does not depend on the rest of the meeting.
 */
export function CompleteButton({
  point,
  revision,
  onRecorded,
}: {
  readonly point: Pick<ActionPointData, 'actionPointId' | 'description' | 'meetingId'>;
  /** The revision of the point's meeting as shown, when the page shows that meeting. */
  readonly revision?: number;
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const { status, send } = useCommand({
    document: CompleteActionPointMutation,
    mutation: 'completeActionPoint',
    label: 'meetings.action.completeActionPoint',
    subject: { kind: 'meeting', id: point.meetingId },
    onAcknowledged: onRecorded,
  });
  const busy = status.kind === 'sending' || status.kind === 'queued';
  return (
    <>
      <button
        type="button"
        className="secondary"
        aria-busy={busy || undefined}
        disabled={busy}
        onClick={() =>
          void send({
            meetingId: point.meetingId,
            actionPointId: point.actionPointId,
            ...(revision !== undefined ? { expectedRevision: revision } : {}),
          })
        }
      >
        {t('meetings.actionPoint.complete')}
        <span className="visually-hidden">{` ${point.description}`}</span>
      </button>
      {status.kind === 'refused' ? <ErrorNotice error={status.error} /> : null}
      <CommandNotice status={status} currentRevision={revision} onReload={onRecorded} />
    </>
  );
}

/** The action points as a table: owner by name, due date in Kivu time, and completing one. */
export function ActionPointTable({
  caption,
  points,
  meeting,
  items,
  onRecorded,
}: {
  readonly caption: string;
  readonly points: readonly (Omit<ActionPointData, 'completedAt' | 'completedByAgencyId' | 'completedByAgency'> &
    Partial<Pick<ActionPointData, 'completedAt'>>)[];
  readonly meeting: MeetingData;
  readonly items: readonly AgendaItem[];
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const { session } = useSession();
  const coordination = session?.agencyType === 'coordination_body';
  return (
    <table className="meeting-points">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meetings.column.actionPoint')}</th>
          <th scope="col">{t('meetings.column.owner')}</th>
          <th scope="col">{t('meetings.column.dueBy')}</th>
          <th scope="col">{t('meetings.column.status')}</th>
        </tr>
      </thead>
      <tbody>
        {points.length === 0 ? (
          <tr>
            <td colSpan={4}>{t('meetings.actionPoint.none')}</td>
          </tr>
        ) : (
          points.map((p) => {
            const reference = p.caseReference ?? referenceOfCase(items, p.jointCaseId);
            const mayComplete = p.status === 'OPEN' && (coordination || session?.agencyId === p.ownerAgencyId);
            // An earlier meeting's point is completed on that meeting, whose revision this page does not know.
            const own = p.meetingId === meeting.meetingId;
            return (
              <tr key={p.actionPointId}>
                <th scope="row">
                  {p.description}
                  {reference ? (
                    <small className="meeting-case-ref">{` ${t('meetings.aboutCase', { reference })}`}</small>
                  ) : null}
                </th>
                <td>
                  <AgencyName id={p.ownerAgencyId} agency={p.ownerAgency} />
                </td>
                <td>
                  <DueTime dueBy={p.dueBy} overdue={p.overdue} />
                </td>
                <td>
                  {t(`meetings.actionPointStatus.${p.status}`)}
                  {mayComplete ? (
                    <span className="meeting-screen-only">
                      {' '}
                      <CompleteButton
                        point={p}
                        {...(own ? { revision: meeting.revision } : {})}
                        onRecorded={onRecorded}
                      />
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}

/** The decisions, in the order they were recorded. */
export function DecisionList({
  meeting,
  items,
}: {
  readonly meeting: MeetingData;
  readonly items: readonly AgendaItem[];
}) {
  const t = useT();
  const time = useKivuTime();
  if (meeting.decisions.length === 0) return <p>{t('meetings.decision.none')}</p>;
  return (
    <ol className="meeting-decisions">
      {meeting.decisions.map((d) => {
        const reference = d.caseReference ?? referenceOfCase(items, d.jointCaseId);
        return (
          <li key={d.decisionId}>
            <p>{d.text}</p>
            <small>
              {t('meetings.decision.recorded', {
                time: time.dateTime(d.recordedAt),
                agency: agencyName(d.recordedByAgencyId, d.recordedByAgency),
              })}
              {reference ? ` · ${t('meetings.aboutCase', { reference })}` : null}
            </small>
          </li>
        );
      })}
    </ol>
  );
}

/** The minutes as a whole text: a later record replaces the earlier one. */
export function MinutesForm({
  meeting,
  onRecorded,
}: {
  readonly meeting: MeetingData;
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(meeting.minutes?.text ?? '');
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useFormProblems<'text'>({
    summaryRef,
    idPrefix: `minutes${id.replace(/:/g, '')}`,
    labels: { text: 'meetings.field.minutes' },
    fieldOf: (f) => (f === 'text' ? 'text' : null),
  });
  const { status, send } = useCommand({
    document: RecordMinutesMutation,
    mutation: 'recordMinutes',
    label: 'meetings.action.recordMinutes',
    subject: { kind: 'meeting', id: meeting.meetingId },
    onRefused: form.onRefused,
    onAcknowledged: () => {
      form.reset();
      onRecorded();
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (status.kind === 'sending' || status.kind === 'queued') return;
    const value = text.trim();
    const found: Problems<'text'> = {};
    if (value === '') found.text = [{ key: 'form.problem.required' }];
    else if (value.length > MAX_MINUTES) found.text = [{ key: 'form.problem.tooLong', values: { max: MAX_MINUTES } }];
    if (!form.check(found)) return;
    void send({ meetingId: meeting.meetingId, expectedRevision: meeting.revision, text: value });
  };
  return (
    <form noValidate onSubmit={submit} className="meeting-form">
      <ErrorSummary ref={summaryRef} id={form.summaryId} items={form.items} />
      <ErrorNotice error={form.refusal} />
      <CommandNotice status={status} currentRevision={meeting.revision} onReload={onRecorded} />
      <label htmlFor={form.controlId('text')}>{t('meetings.field.minutes')}</label>
      <textarea
        id={form.controlId('text')}
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={form.invalid('text') || undefined}
        aria-describedby={describedBy(`${form.controlId('text')}-hint`, form.invalid('text') && form.errorId('text'))}
      />
      <small id={`${form.controlId('text')}-hint`} className="field-hint">
        {t('meetings.field.minutes.hint')}
      </small>
      <FieldError id={form.errorId('text')} messages={form.errorsOf('text')} />
      <button type="submit" aria-busy={status.kind === 'sending' || undefined}>
        {t('meetings.minutes.submit')}
      </button>
    </form>
  );
}

/** Close the meeting, after a second press: nothing more is recorded on it. */
export function CloseMeetingButton({
  meeting,
  onRecorded,
}: {
  readonly meeting: MeetingData;
  readonly onRecorded: () => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const { status, send } = useCommand({
    document: CloseMeetingMutation,
    mutation: 'closeMeeting',
    label: 'meetings.action.closeMeeting',
    subject: { kind: 'meeting', id: meeting.meetingId },
    onAcknowledged: onRecorded,
  });
  return (
    <div className="meeting-close">
      {status.kind === 'refused' ? <ErrorNotice error={status.error} /> : null}
      <CommandNotice status={status} currentRevision={meeting.revision} onReload={onRecorded} />
      {confirming ? (
        <div role="group" aria-labelledby="meeting-close-confirm">
          <p id="meeting-close-confirm">{t('meetings.close.confirm')}</p>
          <div className="actions-row">
            <button
              type="button"
              aria-busy={status.kind === 'sending' || undefined}
              onClick={() => void send({ meetingId: meeting.meetingId, expectedRevision: meeting.revision })}
            >
              {t('meetings.close.yes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('meetings.close.no')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('meetings.close.button')}
        </button>
      )}
    </div>
  );
}
