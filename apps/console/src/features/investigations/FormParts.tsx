import { type ReactNode } from 'react';
import { FieldError, type FieldMessage } from '../../components/form';
import { useT } from '../../i18n/i18n';
import { type CommandStatus } from '../outbox/useCommand';
import { instantOfKivuLocal } from '../referrals/kivuTime';
import { type Problems } from './useInvestigationForm';

/** Where a command of a form stands, when it is not simply done: kept on the device, or in conflict. */
export function CommandNote({ status }: { readonly status: CommandStatus }) {
  const t = useT();
  if (status.kind === 'queued') {
    return (
      <p role="status" className="banner banner-offline command-status">
        {t('investigations.form.queued')}
      </p>
    );
  }
  if (status.kind === 'conflict') {
    return (
      <p role="status" className="banner banner-error">
        {t('investigations.form.conflict')}
      </p>
    );
  }
  return null;
}

/** A labelled control with its hint and its error, in the form's order. */
export function Field({
  label,
  htmlFor,
  hint,
  hintId,
  errorId,
  errors,
  children,
}: {
  readonly label: string;
  readonly htmlFor: string;
  readonly hint?: ReactNode;
  readonly hintId?: string;
  readonly errorId: string;
  readonly errors: readonly FieldMessage[];
  readonly children: ReactNode;
}) {
  return (
    <>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && hintId ? (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      ) : null}
      <FieldError id={errorId} messages={errors} />
    </>
  );
}

/** Adds a problem to a field of the form's own checks. */
export function addProblem<F extends string>(
  found: Problems<F>,
  field: F,
  key: string,
  values?: FieldMessage['values'],
): void {
  (found[field] ??= []).push({ key, ...(values ? { values } : {}) });
}

/** A required text of at most `max` characters. */
export function checkText<F extends string>(found: Problems<F>, field: F, value: string, max: number, required = true) {
  const text = value.trim();
  if (required && text === '') addProblem(found, field, 'form.problem.required');
  else if (text.length > max) addProblem(found, field, 'form.problem.tooLong', { max });
}

/** A `datetime-local` value in Kivu time that has already happened (what the police record was done). */
export function checkPast<F extends string>(found: Problems<F>, field: F, local: string, now = new Date()) {
  const instant = instantOfKivuLocal(local);
  if (!instant) addProblem(found, field, local.trim() === '' ? 'form.problem.required' : 'form.problem.dateTime');
  else if (instant.getTime() > now.getTime()) addProblem(found, field, 'investigations.problem.future');
  return instant;
}

/** The instant of a checked `datetime-local` value, as the API takes it. */
export function isoOf(local: string): string {
  return instantOfKivuLocal(local)?.toISOString() ?? local;
}
