import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { type Document } from '../../api/client';
import { type ApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/feedback';
import { ErrorSummary, fieldMessagesOf, type FieldMessage, type SummaryItem } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { useCommand, type CommandOutcome } from '../outbox/useCommand';

/**
 * What every assistance form shares: its own checks first, then the command through the outbox (made
 * once per press); a refusal's fields beside the form's own fields (`fieldMessagesOf`), a rule that is
 * about one field beside it too, anything else as a sentence on top; the summary takes the focus.
 */

export interface FormProblem<F extends string> {
  readonly field: F | null;
  readonly message: FieldMessage;
}

type Variables = { input: Record<string, unknown> & { commandId: string } };

interface Spec<F extends string, V extends Variables> {
  /** Prefix of the controls' ids (unique on the page). */
  readonly idPrefix: string;
  readonly document: Document<unknown, V>;
  readonly mutation: string;
  /** Catalogue key naming the action (the outbox shows it). */
  readonly label: string;
  readonly subject?: { readonly kind: string; readonly id: string };
  readonly persistAs?: string;
  /** The API's field (without `input.`) → the form's field, or null when it is none of the form's. */
  readonly fieldOf: (apiField: string) => F | null;
  /** Domain rules that are about one field: shown beside it, in the catalogue's words (`error.rule.*`). */
  readonly ruleFields?: Readonly<Record<string, F>>;
  /** Each field's label key, so the summary names the field of each problem. */
  readonly labels: Readonly<Record<F, string>>;
  readonly onAcknowledged?: (outcome: CommandOutcome) => void;
  readonly onRefused?: (error: ApiError, input: Record<string, unknown>) => void;
}

export function useFormCommand<F extends string, V extends Variables>(spec: Spec<F, V>) {
  const [problems, setProblems] = useState<readonly FormProblem<F>[]>([]);
  const [notice, setNotice] = useState<ApiError>();
  const specRef = useRef(spec);
  useEffect(() => {
    specRef.current = spec;
  });

  const summaryId = `${spec.idPrefix}-problems`;
  // By id rather than by ref: the summary and the notice are rendered by FormTop, wherever the form puts it.
  const focusTop = useCallback(
    (onNotice: boolean) => {
      requestAnimationFrame(() => document.getElementById(onNotice ? `${summaryId}-notice` : summaryId)?.focus());
    },
    [summaryId],
  );

  const { status, send } = useCommand<V>({
    document: spec.document,
    mutation: spec.mutation,
    label: spec.label,
    ...(spec.subject ? { subject: spec.subject } : {}),
    ...(spec.persistAs ? { persistAs: spec.persistAs } : {}),
    ...(spec.onAcknowledged ? { onAcknowledged: spec.onAcknowledged } : {}),
    onRefused: (error, input) => {
      const { fieldOf, ruleFields } = specRef.current;
      const { byField, unplaced } = fieldMessagesOf(error, fieldOf);
      const found: FormProblem<F>[] = [];
      for (const [field, messages] of Object.entries(byField) as [F, FieldMessage[]][]) {
        for (const message of messages) found.push({ field, message });
      }
      for (const message of unplaced) found.push({ field: null, message });
      const rule = error.details.rule;
      const ruleField = rule ? ruleFields?.[rule] : undefined;
      if (rule && ruleField) found.push({ field: ruleField, message: { key: `error.rule.${rule}` } });
      setProblems(found);
      // A refusal that is about no field (a rule of the case, access, a lost case) is a sentence on top.
      setNotice(found.length === 0 ? error : undefined);
      focusTop(found.length === 0);
      specRef.current.onRefused?.(error, input);
    },
  });

  /** The form's own checks passed (`found` empty): the command goes; else the problems show. */
  const submit = (found: readonly FormProblem<F>[], input: Omit<V['input'], 'commandId'>) => {
    if (status.kind === 'sending' || status.kind === 'queued') return;
    setNotice(undefined);
    setProblems(found);
    if (found.length > 0) {
      focusTop(false);
      return;
    }
    void send(input);
  };

  const errorsOf = (field: F): FieldMessage[] => problems.filter((p) => p.field === field).map((p) => p.message);
  const invalid = (field: F) => errorsOf(field).length > 0;
  const controlId = (field: F) => `${spec.idPrefix}-${field.replaceAll('.', '-')}`;
  const errorId = (field: F) => `${controlId(field)}-error`;
  const reset = () => {
    setProblems([]);
    setNotice(undefined);
  };

  const summaryItems: SummaryItem[] = problems.map((p) => ({
    ...p.message,
    ...(p.field ? { controlId: controlId(p.field), fieldLabel: spec.labels[p.field] } : {}),
  }));

  return {
    status,
    submit,
    errorsOf,
    invalid,
    controlId,
    errorId,
    reset,
    summaryItems,
    notice,
    summaryId,
  };
}

export type FormKit = ReturnType<typeof useFormCommand>;

/** What a control needs of its form: its id, its error's id, its errors. */
export interface FieldKit<F extends string> {
  readonly controlId: (field: F) => string;
  readonly errorId: (field: F) => string;
  readonly errorsOf: (field: F) => FieldMessage[];
  readonly invalid: (field: F) => boolean;
}

/** The top of a form: the summary of its problems, or the refusal as a sentence; either takes the focus. */
export function FormTop({ kit }: { readonly kit: Pick<FormKit, 'summaryItems' | 'notice' | 'summaryId'> }) {
  return (
    <>
      <ErrorSummary id={kit.summaryId} items={kit.summaryItems} />
      <div id={`${kit.summaryId}-notice`} tabIndex={-1}>
        <ErrorNotice error={kit.notice} />
      </div>
    </>
  );
}

/** Where the command stands once pressed: on its way, or kept on the device until the link is back. */
export function CommandNote({ status }: { readonly status: FormKit['status'] }) {
  const t = useT();
  if (status.kind === 'queued') {
    return (
      <p role="status" className="banner banner-offline">
        {t('assistance.command.queued')}
      </p>
    );
  }
  if (status.kind === 'sending') {
    return (
      <p role="status" aria-busy="true">
        {t('assistance.command.sending')}
      </p>
    );
  }
  return null;
}

/** A form's submit button: busy while its command is on its way. */
export function SubmitButton({
  status,
  children,
  className,
}: {
  readonly status: FormKit['status'];
  readonly children: ReactNode;
  readonly className?: string;
}) {
  const busy = status.kind === 'sending';
  return (
    <button type="submit" aria-busy={busy || undefined} className={className}>
      {children}
    </button>
  );
}
