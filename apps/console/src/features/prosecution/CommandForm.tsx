import { useId, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import { type Document } from '../../api/client';
import { type ApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/feedback';
import {
  describedBy,
  ErrorSummary,
  FieldError,
  fieldMessagesOf,
  type FieldMessage,
  type SummaryItem,
} from '../../components/form';
import { useT } from '../../i18n/i18n';
import { useCommand } from '../outbox/useCommand';
import { instantOfKivuLocal } from './kivu';
import { type ProsecutionMutation } from './vocabulary';

/** A mutation of the office, whatever its input: the form only adds the commandId. */
export type CommandDocument = Document<unknown, { input: Record<string, unknown> & { commandId: string } }>;

export interface FieldSpec<F extends string> {
  readonly name: F;
  readonly kind: 'text' | 'textarea' | 'select' | 'datetime' | 'number';
  /** Catalogue key of the label (the summary names the field by it). */
  readonly label: string;
  /** The label's words when they carry values (a suspect's mark); the key above still names it in the summary. */
  readonly labelText?: string;
  /** Catalogue key of a hint under the label. */
  readonly hint?: string;
  readonly required?: boolean;
  /** For a select: the values, with their words already in the person's language. */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly maxLength?: number;
  /** A date-time that must be after now (a hearing's date). */
  readonly future?: boolean;
  /** A date-time that must not be after now (a judgment's date). */
  readonly past?: boolean;
  /** A number: the least it may be, and whether it is whole. */
  readonly min?: number;
  readonly integer?: boolean;
  readonly initial?: string;
}

export type Values<F extends string> = Readonly<Record<F, string>>;
type Problems<F extends string> = Partial<Record<F, FieldMessage[]>>;

/** The ISO instant of a Kivu date-time field, or undefined when it is empty. */
export function instantOf(value: string): string | undefined {
  return value.trim() === '' ? undefined : instantOfKivuLocal(value)?.toISOString();
}

/** A number field's value, or undefined when it is empty. */
export function numberOf(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value.replace(',', '.'));
}

/** Optional text: absent when left empty. */
export function textOf(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The checks a form makes before anything is sent: what a person can see is missing or wrong. */
function checkFields<F extends string>(fields: readonly FieldSpec<F>[], values: Values<F>, now: number): Problems<F> {
  const problems: Problems<F> = {};
  const add = (field: F, message: FieldMessage) => (problems[field] ??= []).push(message);
  for (const field of fields) {
    const value = values[field.name].trim();
    if (value === '') {
      if (field.required)
        add(field.name, { key: field.kind === 'select' ? 'form.problem.choose' : 'form.problem.required' });
      continue;
    }
    if (field.maxLength !== undefined && value.length > field.maxLength) {
      add(field.name, { key: 'form.problem.tooLong', values: { max: field.maxLength } });
    }
    if (field.kind === 'datetime') {
      const instant = instantOfKivuLocal(value);
      if (!instant) add(field.name, { key: 'form.problem.dateTime' });
      else if (field.future && instant.getTime() <= now) add(field.name, { key: 'form.problem.inPast' });
      else if (field.past && instant.getTime() > now) add(field.name, { key: 'prosecution.problem.inFuture' });
    }
    if (field.kind === 'number') {
      const n = numberOf(value);
      if (n === undefined || !Number.isFinite(n) || (field.integer && !Number.isInteger(n))) {
        add(field.name, { key: 'form.problem.number' });
      } else if (field.min !== undefined && n < field.min) {
        add(field.name, { key: 'prosecution.problem.atLeast', values: { min: field.min } });
      }
    }
  }
  return problems;
}

function initialValues<F extends string>(fields: readonly FieldSpec<F>[]): Values<F> {
  return Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])) as Values<F>;
}

/**
 * One command of the prosecutor's office as a form: its fields, checked before anything is sent; sent
 * through the outbox (pressed twice, sent once); refused, each problem the API names shows beside its
 * field, the summary of them at the top takes the focus, and a refusal of the whole command (a rule,
 * a record not found) shows above the fields.
 */
export function CommandForm<F extends string>({
  mutation,
  document,
  subject,
  title,
  submit,
  intro,
  fields,
  toInput,
  check,
  fieldOf,
  onAcknowledged,
  secondary = false,
}: {
  readonly mutation: ProsecutionMutation;
  readonly document: CommandDocument;
  /** The prosecution the command acts on (or the case file it opens one from). */
  readonly subject: { readonly kind: 'prosecution' | 'caseFile'; readonly id: string };
  /** Catalogue keys of the heading and the button. */
  readonly title: string;
  readonly submit: string;
  readonly intro?: ReactNode;
  readonly fields: readonly FieldSpec<F>[];
  /** The command's input from the checked values (without its commandId). */
  readonly toInput: (values: Values<F>) => Record<string, unknown>;
  /** Checks of the whole form beyond each field's own (e.g. a note required for one reason). */
  readonly check?: (values: Values<F>) => Problems<F>;
  /** The form's field for the API's name of one (after `input.`), or null when it has none. */
  readonly fieldOf?: (apiField: string) => F | null;
  readonly onAcknowledged: (mutation: ProsecutionMutation, answer: unknown) => void;
  readonly secondary?: boolean;
}) {
  const t = useT();
  const id = useId();
  const [values, setValues] = useState<Values<F>>(() => initialValues(fields));
  const [problems, setProblems] = useState<Problems<F>>({});
  const [unplaced, setUnplaced] = useState<readonly FieldMessage[]>([]);
  const [refusal, setRefusal] = useState<ApiError>();
  const summaryRef = useRef<HTMLDivElement>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const controlId = (name: F) => `${id}-${name}`;
  const mapField =
    fieldOf ?? ((apiField: string) => (fields.some((f) => f.name === apiField) ? (apiField as F) : null));

  const { status, send } = useCommand({
    document,
    mutation,
    label: `prosecution.action.${mutation}`,
    subject,
    onAcknowledged: ({ answer }) => {
      setValues(initialValues(fields));
      setProblems({});
      onAcknowledged(mutation, answer);
    },
    // Refused: nothing was written. The fields it names show their problem; anything else, above them.
    onRefused: (error) => {
      const { byField, unplaced: rest } = fieldMessagesOf(error, mapField);
      setProblems(byField);
      setUnplaced(rest);
      const placed = Object.keys(byField).length > 0 || rest.length > 0;
      setRefusal(placed ? undefined : error);
      requestAnimationFrame(() => (placed ? summaryRef.current : refusalRef.current)?.focus());
    },
  });

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found: Problems<F> = { ...checkFields(fields, values, Date.now()) };
    for (const [field, messages] of Object.entries(check?.(values) ?? {}) as [F, FieldMessage[]][]) {
      (found[field] ??= []).push(...messages);
    }
    setProblems(found);
    setUnplaced([]);
    setRefusal(undefined);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    void send(toInput(values));
  };

  const items: SummaryItem[] = [
    ...fields.flatMap((f) =>
      (problems[f.name] ?? []).map((m) => ({ ...m, controlId: controlId(f.name), fieldLabel: f.label })),
    ),
    ...unplaced,
  ];
  const busy = status.kind === 'sending';

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby={`${id}-title`} className="prosecution-form">
      <h3 id={`${id}-title`}>{t(title)}</h3>
      <ErrorSummary ref={summaryRef} id={`${id}-summary`} items={items} />
      <div ref={refusalRef} tabIndex={-1}>
        <ErrorNotice error={refusal} />
      </div>
      {intro}
      {fields.map((field) => {
        const cid = controlId(field.name);
        const messages = problems[field.name] ?? [];
        const invalid = messages.length > 0;
        const common = {
          id: cid,
          name: field.name,
          value: values[field.name],
          required: field.required,
          'aria-invalid': invalid || undefined,
          'aria-describedby': describedBy(field.hint && `${cid}-hint`, invalid && `${cid}-error`),
        };
        const change = (value: string) => setValues((v) => ({ ...v, [field.name]: value }));
        return (
          <div key={field.name}>
            <label htmlFor={cid}>
              {field.labelText ?? t(field.label)}
              {field.required ? null : ` ${t('prosecution.form.optional')}`}
            </label>
            {field.hint ? (
              <small id={`${cid}-hint`} className="field-hint">
                {t(field.hint)}
              </small>
            ) : null}
            {field.kind === 'textarea' ? (
              <textarea {...common} rows={3} onChange={(e) => change(e.target.value)} />
            ) : field.kind === 'select' ? (
              <select {...common} onChange={(e) => change(e.target.value)}>
                <option value="">{t('prosecution.form.choose')}</option>
                {(field.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={field.kind === 'datetime' ? 'datetime-local' : field.kind === 'number' ? 'number' : 'text'}
                {...(field.kind === 'number'
                  ? { inputMode: field.integer ? ('numeric' as const) : ('decimal' as const), min: field.min }
                  : {})}
                onChange={(e) => change(e.target.value)}
              />
            )}
            <FieldError id={`${cid}-error`} messages={messages} />
          </div>
        );
      })}
      <button type="submit" className={secondary ? 'secondary' : undefined} aria-busy={busy || undefined}>
        {t(submit)}
      </button>
    </form>
  );
}
