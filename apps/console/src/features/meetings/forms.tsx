import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { type OutboxEntry } from '../../api/db';
import { type ApiError } from '../../api/errors';
import { applyToCurrentVersion, discard, retryNow } from '../../api/outbox';
import { fieldMessagesOf, type FieldMessage, type SummaryItem } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { type CommandStatus } from '../outbox/useCommand';

export type Problems<F extends string> = Partial<Record<F, FieldMessage[]>>;

/**
 * The problems of one form: its own checks and the API's refusal, beside the fields they name (`fieldOf`
 * maps the API's field to the form's), a refused rule above the form, and the summary taking the focus.
 */
export function useFormProblems<F extends string>({
  idPrefix,
  labels,
  fieldOf,
  summaryRef,
}: {
  readonly idPrefix: string;
  /** Catalogue key of each field's label. */
  readonly labels: Readonly<Record<F, string>>;
  readonly fieldOf: (apiField: string) => F | null;
  /** The summary's element, which takes the focus when problems are shown. */
  readonly summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const [problems, setProblemsState] = useState<Problems<F>>({});
  const [unplaced, setUnplaced] = useState<readonly FieldMessage[]>([]);
  const [refusal, setRefusal] = useState<ApiError>();
  const fieldOfRef = useRef(fieldOf);
  useEffect(() => {
    fieldOfRef.current = fieldOf;
  });

  /** The form's own checks: true when it may be sent. */
  const check = useCallback(
    (found: Problems<F>): boolean => {
      setProblemsState(found);
      setUnplaced([]);
      setRefusal(undefined);
      const ok = Object.values(found).every((list) => !list || (list as FieldMessage[]).length === 0);
      if (!ok) requestAnimationFrame(() => summaryRef.current?.focus());
      return ok;
    },
    [summaryRef],
  );

  const onRefused = useCallback(
    (error: ApiError) => {
      const { byField, unplaced: others } = fieldMessagesOf(error, (f) => fieldOfRef.current(f));
      setProblemsState(byField);
      setUnplaced(others);
      // A rule, a refusal without fields, or fields the form does not have: said above the form.
      const placed = Object.keys(byField).length > 0 && others.length === 0 && !error.details.rule;
      setRefusal(placed ? undefined : error);
      requestAnimationFrame(() => summaryRef.current?.focus());
    },
    [summaryRef],
  );

  const reset = useCallback(() => {
    setProblemsState({});
    setUnplaced([]);
    setRefusal(undefined);
  }, []);

  const errorsOf = (field: F): readonly FieldMessage[] => problems[field] ?? [];
  const controlId = (field: F) => `${idPrefix}-${field}`;
  const errorId = (field: F) => `${idPrefix}-${field}-error`;
  const items: SummaryItem[] = [
    ...(Object.entries(problems) as [F, FieldMessage[] | undefined][]).flatMap(([field, list]) =>
      (list ?? []).map((m) => ({ ...m, controlId: controlId(field), fieldLabel: labels[field] })),
    ),
    ...unplaced,
  ];
  return {
    errorsOf,
    invalid: (field: F) => errorsOf(field).length > 0,
    controlId,
    errorId,
    items,
    summaryId: `${idPrefix}-problems`,
    refusal,
    check,
    onRefused,
    reset,
  };
}

/**
 * Where a command of the meeting page stands: on its way, waiting for the link, or refused because the
 * meeting changed since it was read (CONFLICT): nothing was written, and the person decides.
 */
export function CommandNotice({
  status,
  currentRevision,
  onReload,
}: {
  readonly status: CommandStatus;
  readonly currentRevision: number | undefined;
  readonly onReload: () => void;
}) {
  const t = useT();
  if (status.kind === 'sending') {
    return (
      <p role="status" aria-busy="true">
        {t('meetings.command.sending')}
      </p>
    );
  }
  if (status.kind === 'queued') {
    return (
      <div role="status" className="banner banner-offline">
        <p>{t('meetings.command.queued')}</p>
        <button type="button" className="secondary" onClick={() => void retryNow()}>
          {t('outbox.retryNow')}
        </button>
      </div>
    );
  }
  if (status.kind === 'conflict')
    return <ConflictNotice entry={status.entry} currentRevision={currentRevision} onReload={onReload} />;
  return null;
}

function ConflictNotice({
  entry,
  currentRevision,
  onReload,
}: {
  readonly entry: OutboxEntry;
  readonly currentRevision: number | undefined;
  readonly onReload: () => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const latest = entry.error?.currentRevision ?? currentRevision;
  return (
    <div role="alert" className="banner banner-error meeting-conflict" data-testid="meeting-conflict">
      <p>
        <strong>{t('meetings.conflict.title')}</strong>
      </p>
      <p>{t('meetings.conflict.explain')}</p>
      <div className="actions-row">
        <button type="button" className="secondary" onClick={onReload}>
          {t('meetings.conflict.reload')}
        </button>
        {latest !== undefined ? (
          <button
            type="button"
            disabled={busy}
            aria-busy={busy || undefined}
            onClick={() => {
              setBusy(true);
              void applyToCurrentVersion(entry.commandId, latest)
                .then(onReload)
                .finally(() => setBusy(false));
            }}
          >
            {t('meetings.conflict.apply')}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => void discard(entry.commandId).then(onReload)}>
          {t('meetings.conflict.discard')}
        </button>
      </div>
    </div>
  );
}
