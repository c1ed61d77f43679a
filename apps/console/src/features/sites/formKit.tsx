import { useCallback, useRef, useState, type ReactNode } from 'react';
import { type Document } from '../../api/client';
import { type ApiError } from '../../api/errors';
import { retryNow, applyToCurrentVersion, discard } from '../../api/outbox';
import { ErrorNotice } from '../../components/feedback';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  fieldMessagesOf,
  type FieldMessage,
  type SummaryItem,
} from '../../components/form';
import { Link } from '../../app/router';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useCommand, type CommandOutcome, type CommandStatus } from '../outbox/useCommand';

/**
 * What every form of the sites feature shares: problems beside their fields (the form's own checks, or
 * the API's refusal naming them), the summary on top taking the focus, a rule the API gave as a notice,
 * and the command's way through the outbox (queued, conflict, recorded).
 */
export function useFormFeedback<F extends string>(formId: string, labels: Readonly<Record<F, string>>) {
  const [byField, setByField] = useState<Partial<Record<F, FieldMessage[]>>>({});
  const [unplaced, setUnplaced] = useState<readonly FieldMessage[]>([]);
  const [refusal, setRefusal] = useState<ApiError>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const fields = Object.keys(labels) as F[];

  const controlId = (field: F) => `${formId}-${field}`;
  const errorId = (field: F) => `${formId}-${field}-error`;
  const errorsOf = (field: F): readonly FieldMessage[] => byField[field] ?? [];
  const invalid = (field: F) => errorsOf(field).length > 0;

  const items: SummaryItem[] = [
    ...fields.flatMap((field) =>
      errorsOf(field).map((m) => ({ ...m, controlId: controlId(field), fieldLabel: labels[field] })),
    ),
    ...unplaced,
  ];

  const focusLater = (target: 'summary' | 'notice') =>
    requestAnimationFrame(() => (target === 'summary' ? summaryRef : noticeRef).current?.focus());

  /** The form's own checks: true when there is nothing to correct. */
  const check = (found: Partial<Record<F, FieldMessage[]>>): boolean => {
    setByField(found);
    setUnplaced([]);
    setRefusal(undefined);
    const ok = Object.values(found).every((list) => !list || (list as FieldMessage[]).length === 0);
    if (!ok) focusLater('summary');
    return ok;
  };

  /** The API refused: each named field's reason beside it; a rule, or no field, as a notice. */
  const refused = (error: ApiError) => {
    const placed = fieldMessagesOf(error, (apiField) => {
      // A mutation names `input.x` (taken off already), a query's filter `filter.x`.
      const head = apiField.replace(/^filter\./, '').split('.')[0] ?? '';
      return (fields as string[]).includes(head) ? (head as F) : null;
    });
    setByField(placed.byField);
    setUnplaced(placed.unplaced);
    const hasFields = (error.details.fields ?? []).length > 0;
    setRefusal(hasFields ? undefined : error);
    focusLater(hasFields ? 'summary' : 'notice');
  };

  const clear = () => {
    setByField({});
    setUnplaced([]);
    setRefusal(undefined);
  };

  /** A control's id, invalid state and description (its hint, its error). */
  const control = (field: F, hintId?: string) => ({
    id: controlId(field),
    name: field,
    'aria-invalid': invalid(field) || undefined,
    'aria-describedby': describedBy(hintId, invalid(field) && errorId(field)),
  });

  const top = (
    <>
      <ErrorSummary ref={summaryRef} id={`${formId}-problems`} items={items} />
      <div ref={noticeRef} tabIndex={-1}>
        <ErrorNotice error={refusal} />
      </div>
    </>
  );
  const errorBeside = (field: F) => <FieldError id={errorId(field)} messages={errorsOf(field)} />;
  return { controlId, errorsOf, invalid, check, refused, clear, control, top, errorBeside };
}

type Variables = { input: Record<string, unknown> & { commandId: string } };

/**
 * `useCommand`, plus what a form shows of it: a command the person dropped after a CONFLICT is not
 * reported as recorded.
 */
export function useSiteCommand<V extends Variables>(spec: {
  readonly document: Document<unknown, V>;
  readonly mutation: string;
  readonly label: string;
  readonly subject?: { readonly kind: string; readonly id: string };
  readonly onAcknowledged: (outcome: CommandOutcome) => void;
  readonly onRefused: (error: ApiError) => void;
}) {
  const dropped = useRef(false);
  const [recorded, setRecorded] = useState(false);
  const { status, send } = useCommand<V>({
    ...spec,
    onAcknowledged: (outcome) => {
      if (dropped.current) {
        dropped.current = false;
        return;
      }
      setRecorded(true);
      spec.onAcknowledged(outcome);
    },
    onRefused: (error) => spec.onRefused(error),
  });
  const drop = useCallback((commandId: string) => {
    dropped.current = true;
    void discard(commandId);
  }, []);
  const sendCommand = useCallback(
    (input: Omit<V['input'], 'commandId'>) => {
      setRecorded(false);
      return send(input);
    },
    [send],
  );
  return { status, send: sendCommand, drop, recorded };
}

/**
 * Where the form's command is: on its way, kept for later (no link), in CONFLICT with a newer version
 * (never resent by itself: the person drops it, or applies it to the version now shown), or recorded.
 */
export function CommandState({
  command,
  currentRevision,
  onReread,
}: {
  readonly command: {
    readonly status: CommandStatus;
    readonly recorded: boolean;
    readonly drop: (commandId: string) => void;
  };
  /** The version the page shows now, to apply a conflicting command to. */
  readonly currentRevision?: number;
  readonly onReread?: () => void;
}) {
  const t = useT();
  const time = useKivuTime();
  const { status, recorded, drop } = command;
  if (status.kind === 'sending') {
    return (
      <p role="status" aria-busy="true">
        {t('sites.form.sending')}
      </p>
    );
  }
  if (status.kind === 'queued') {
    return (
      <div role="status" className="banner banner-offline">
        <p>{t('sites.form.queued')}</p>
        {status.entry.nextAttemptAt ? (
          <p>{t('sites.form.nextTry', { when: time.relative(status.entry.nextAttemptAt) })}</p>
        ) : null}
        <div className="actions-row">
          <button type="button" className="secondary" onClick={() => void retryNow()}>
            {t('sites.form.retryNow')}
          </button>{' '}
          <Link href="/outbox">{t('sites.form.seeOutbox')}</Link>
        </div>
      </div>
    );
  }
  if (status.kind === 'conflict') {
    const { entry } = status;
    const expected = entry.variables.input['expectedRevision'];
    // What the API said the version is now; the page's own once it has read it again.
    const current = Math.max(entry.error?.currentRevision ?? 0, currentRevision ?? 0);
    return (
      <div role="alert" className="banner banner-error" data-testid="site-conflict">
        <p>
          <strong>{t('sites.form.conflict.title')}</strong>
        </p>
        <p>
          {t('sites.form.conflict.explain', {
            expected: typeof expected === 'number' ? expected : 0,
            current,
          })}
        </p>
        <div className="actions-row">
          {onReread ? (
            <button type="button" className="secondary" onClick={onReread}>
              {t('sites.form.conflict.reread')}
            </button>
          ) : null}{' '}
          <button type="button" className="secondary" onClick={() => drop(entry.commandId)}>
            {t('sites.form.conflict.discard')}
          </button>{' '}
          {currentRevision !== undefined && currentRevision !== expected ? (
            <button type="button" onClick={() => void applyToCurrentVersion(entry.commandId, currentRevision)}>
              {t('sites.form.conflict.apply', { revision: currentRevision })}
            </button>
          ) : null}
        </div>
      </div>
    );
  }
  if (recorded && status.kind === 'done') {
    return <p role="status">{t('sites.form.recorded')}</p>;
  }
  return null;
}

/** A labelled text control with its hint and its error beside it. */
export function TextControl<F extends string>({
  kit,
  field,
  label,
  hint,
  value,
  onChange,
  multiline,
  type = 'text',
  inputMode,
}: {
  readonly kit: ReturnType<typeof useFormFeedback<F>>;
  readonly field: F;
  readonly label: string;
  readonly hint?: ReactNode;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly multiline?: boolean;
  readonly type?: 'text' | 'datetime-local';
  readonly inputMode?: 'decimal';
}) {
  const hintId = hint ? `${kit.controlId(field)}-hint` : undefined;
  const props = kit.control(field, hintId);
  return (
    <>
      <label htmlFor={props.id}>{label}</label>
      {multiline ? (
        <textarea {...props} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...props} type={type} inputMode={inputMode} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint ? (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      ) : null}
      {kit.errorBeside(field)}
    </>
  );
}
