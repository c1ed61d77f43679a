import { forwardRef, type ReactNode } from 'react';
import { type ApiError } from '../api/errors';
import { useT } from '../i18n/i18n';

/**
 * Form pieces shared by every form of the console: an error summary that takes the focus, an error beside
 * each field (named by the field's aria-describedby), and checkbox and radio groups in fieldsets with
 * legends. Errors are catalogue keys, so they read in the person's language.
 */

export interface FieldMessage {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface SummaryItem extends FieldMessage {
  /** The control to move to; none for a problem of the whole form. */
  readonly controlId?: string;
  /** Catalogue key of the field's label, so the summary says which field each problem is about. */
  readonly fieldLabel?: string;
}

/** The problems of a refused or unfinished form, at its top: it takes the focus (`ref`) when shown. */
export const ErrorSummary = forwardRef<HTMLDivElement, { readonly items: readonly SummaryItem[]; readonly id: string }>(
  function ErrorSummary({ items, id }, ref) {
    const t = useT();
    if (items.length === 0) return null;
    return (
      <div
        ref={ref}
        id={id}
        role="alert"
        tabIndex={-1}
        className="banner banner-error error-summary"
        aria-labelledby={`${id}-title`}
      >
        <h2 id={`${id}-title`}>{t('form.problems', { count: items.length })}</h2>
        <ul>
          {items.map((item, i) => {
            const text = item.fieldLabel
              ? t('form.problemAt', { field: t(item.fieldLabel), problem: t(item.key, item.values) })
              : t(item.key, item.values);
            return (
              <li key={`${item.controlId ?? ''}-${item.key}-${String(i)}`}>
                {item.controlId ? (
                  <a
                    href={`#${item.controlId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(item.controlId ?? '')?.focus();
                    }}
                  >
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      </div>
    );
  },
);

/** The errors of one field, where its aria-describedby points. */
export function FieldError({ id, messages }: { readonly id: string; readonly messages: readonly FieldMessage[] }) {
  const t = useT();
  if (messages.length === 0) return null;
  return (
    <small id={id} className="field-error">
      {messages.map((m) => t(m.key, m.values)).join(' ')}
    </small>
  );
}

/** `aria-describedby` of a control: its hint and its error, when there are. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}

interface GroupProps<T extends string> {
  readonly id: string;
  readonly legend: string;
  readonly hint?: ReactNode;
  readonly options: readonly T[];
  readonly label: (option: T) => string;
  readonly errors: readonly FieldMessage[];
  readonly name: string;
}

/** Several may be ticked: a fieldset with its legend, each box with its label. */
export function CheckboxGroup<T extends string>({
  id,
  legend,
  hint,
  options,
  label,
  errors,
  name,
  values,
  onChange,
}: GroupProps<T> & { readonly values: readonly T[]; readonly onChange: (values: T[]) => void }) {
  const invalid = errors.length > 0;
  return (
    <fieldset aria-describedby={describedBy(hint ? `${id}-hint` : undefined, invalid && `${id}-error`)}>
      <legend>{legend}</legend>
      {hint ? (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      ) : null}
      <FieldError id={`${id}-error`} messages={errors} />
      {options.map((option, i) => (
        <label key={option}>
          <input
            type="checkbox"
            id={i === 0 ? id : `${id}-${option}`}
            name={name}
            value={option}
            checked={values.includes(option)}
            aria-invalid={invalid || undefined}
            onChange={(event) =>
              onChange(event.target.checked ? [...values, option] : values.filter((v) => v !== option))
            }
          />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}

/** One of several: a fieldset with its legend, each choice with its label. */
export function RadioGroup<T extends string>({
  id,
  legend,
  hint,
  options,
  label,
  errors,
  name,
  value,
  onChange,
}: GroupProps<T> & { readonly value: T | ''; readonly onChange: (value: T) => void }) {
  const invalid = errors.length > 0;
  return (
    <fieldset aria-describedby={describedBy(hint ? `${id}-hint` : undefined, invalid && `${id}-error`)}>
      <legend>{legend}</legend>
      {hint ? (
        <small id={`${id}-hint`} className="field-hint">
          {hint}
        </small>
      ) : null}
      <FieldError id={`${id}-error`} messages={errors} />
      {options.map((option, i) => (
        <label key={option}>
          <input
            type="radio"
            id={i === 0 ? id : `${id}-${option}`}
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}

/** API refusal reasons (English, from the input checks) that the catalogue says in every language. */
const REASONS: readonly [RegExp, string, (m: RegExpExecArray) => FieldMessage['values']][] = [
  [/^is required$|should not be empty|must not be blank|must be provided/, 'form.problem.required', () => undefined],
  [
    /must be at most (\d+) characters|shorter than or equal to (\d+) characters/,
    'form.problem.tooLong',
    (m) => ({ max: Number(m[1] ?? m[2]) }),
  ],
  [/control characters/, 'form.problem.controlCharacters', () => undefined],
  [/valid Unicode/, 'form.problem.unicode', () => undefined],
  [/ISO-8601|date-time|must be a date/, 'form.problem.dateTime', () => undefined],
  [/must be in the future/, 'form.problem.inPast', () => undefined],
  [
    /must be a number|must be an integer|conforming to the specified constraints/,
    'form.problem.number',
    () => undefined,
  ],
  [/must be one of the following values/, 'form.problem.oneOf', () => undefined],
  [/not found|is not registered|unknown agency|no such/i, 'form.problem.notFound', () => undefined],
];

/** A reason the API gave for a field, in the person's language when it is a known one, else quoted. */
export function messageOfReason(reason: string): FieldMessage {
  for (const [pattern, key, values] of REASONS) {
    const m = pattern.exec(reason);
    if (m) {
      const v = values(m);
      return { key, ...(v ? { values: v } : {}) };
    }
  }
  return { key: 'form.problem.other', values: { reason } };
}

/**
 * A refusal's field problems, beside the form's own fields: `fieldOf` maps the API's name of a field
 * (`input.evidence.sha256`, `charges.0.article`) to the form's, or null when it is none of the form's
 * (then it shows in the summary only). Errors without fields give nothing here: show them with
 * `<ErrorNotice error={...} />`.
 */
export function fieldMessagesOf<F extends string>(
  error: ApiError,
  fieldOf: (apiField: string) => F | null,
): { readonly byField: Partial<Record<F, FieldMessage[]>>; readonly unplaced: FieldMessage[] } {
  const byField: Partial<Record<F, FieldMessage[]>> = {};
  const unplaced: FieldMessage[] = [];
  for (const problem of error.details.fields ?? []) {
    const field = fieldOf(problem.field.replace(/^input\./, ''));
    const message = messageOfReason(problem.reason);
    if (field === null) unplaced.push(message);
    else (byField[field] ??= []).push(message);
  }
  return { byField, unplaced };
}
