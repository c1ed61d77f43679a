import { type ApiError } from '../api/errors';
import { useErrorText, fieldName } from '../i18n/errors';
import { useKivuTime, useT } from '../i18n/i18n';

/** Shown above anything read from the device rather than the platform. */
export function OfflineBanner({ asOf }: { asOf: string | undefined }) {
  const t = useT();
  const time = useKivuTime();
  if (!asOf) return null;
  return (
    <p role="status" className="banner banner-offline">
      {t('offline.asOf', { time: time.dateTime(asOf) })}
    </p>
  );
}

/** An API error as a sentence, with each refused field named. */
export function ErrorNotice({ error }: { error: ApiError | undefined }) {
  const text = useErrorText();
  const t = useT();
  if (!error) return null;
  return (
    <div role="alert" className="banner banner-error">
      <p>{text(error)}</p>
      {error.details.fields && error.details.fields.length > 0 ? (
        <ul>
          {error.details.fields.map((problem) => (
            <li key={problem.field}>{t('error.field', { field: fieldName(problem.field), reason: problem.reason })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return <p aria-busy="true">{t('common.loading')}</p>;
}

/** A due time in Kivu time, flagged when overdue. */
export function DueTime({ dueBy, overdue }: { dueBy: string; overdue: boolean }) {
  const t = useT();
  const time = useKivuTime();
  return (
    <span className={overdue ? 'due due-overdue' : 'due'}>
      <time dateTime={dueBy}>{time.dateTime(dueBy)}</time>
      {overdue ? <strong className="flag-overdue">{` ${t('common.overdue')}`}</strong> : null}
    </span>
  );
}
