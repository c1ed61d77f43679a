import { useEffect, useId, useState } from 'react';
import { type OutboxEntry } from '../../api/db';
import { apiErrorOfEntry } from '../../api/errors';
import { useOnline, useOutbox } from '../../api/hooks';
import { discard, retryNow } from '../../api/outbox';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { ErrorNotice } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { ReferralConflict } from '../referrals/ReferralConflict';
import { useActionLabel } from './labels';

/** Where the thing a command acts on is shown, for the kinds this console has a page for. */
function subjectHref(subject: OutboxEntry['subject']): string | undefined {
  if (!subject) return undefined;
  switch (subject.kind) {
    case 'referral':
      return `/referrals/${encodeURIComponent(subject.id)}`;
    case 'jointCase':
      return `/cases/${encodeURIComponent(subject.id)}`;
    default:
      return undefined;
  }
}

function SubjectLink({ entry }: { readonly entry: OutboxEntry }) {
  const t = useT();
  const href = subjectHref(entry.subject);
  if (!href) return null;
  return <Link href={href}>{t(`outbox.subject.${entry.subject?.kind ?? ''}`)}</Link>;
}

/**
 * A conflict on something this console cannot read yet: what was tried and the revisions, and only
 * "discard" — applying it again needs the current state shown first.
 */
function GenericConflict({ entry }: { readonly entry: OutboxEntry }) {
  const t = useT();
  const label = useActionLabel();
  const titleId = useId();
  return (
    <article className="conflict" aria-labelledby={titleId} data-testid="conflict">
      <h3 id={titleId}>{t('outbox.conflict.title', { action: label(entry) })}</h3>
      <p>
        {t('outbox.conflict.explain', {
          expected: entry.error?.expectedRevision ?? 0,
          current: entry.error?.currentRevision ?? 0,
        })}
      </p>
      <p>
        <SubjectLink entry={entry} />
      </p>
      <button type="button" className="secondary" onClick={() => void discard(entry.commandId)}>
        {t('outbox.conflict.discard')}
      </button>
    </article>
  );
}

/** The time now, renewed every `everyMs`: the next tries count down as the page stays open. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * `/outbox`: what waits on this device for the person signed in. Pending commands go by themselves
 * (with their attempts and next try); refused ones wait to be read; conflicts wait for a decision,
 * beside the current state of what they act on. Nothing here is ever resent blindly.
 */
export function OutboxPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const online = useOnline();
  const label = useActionLabel();
  const entries = useOutbox();
  const now = useNow(5000);
  const pending = entries.filter((e) => e.state === 'pending');
  const refused = entries.filter((e) => e.state === 'refused');
  const conflicts = entries.filter((e) => e.state === 'conflict');

  return (
    <section>
      <h1 tabIndex={-1}>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      {entries.length === 0 ? <p>{t('outbox.empty')}</p> : null}

      {conflicts.length > 0 ? (
        <section aria-labelledby="outbox-conflicts">
          <h2 id="outbox-conflicts">{t('outbox.conflicts.title', { count: conflicts.length })}</h2>
          <p>{t('outbox.conflicts.intro')}</p>
          {conflicts.map((entry) =>
            entry.subject?.kind === 'referral' ? (
              <ReferralConflict key={entry.commandId} entry={entry} />
            ) : (
              <GenericConflict key={entry.commandId} entry={entry} />
            ),
          )}
        </section>
      ) : null}

      {refused.length > 0 ? (
        <section aria-labelledby="outbox-refused">
          <h2 id="outbox-refused">{t('outbox.refusedList.title', { count: refused.length })}</h2>
          {refused.map((entry) => (
            <article key={entry.commandId} data-testid="refused">
              <h3>{t('outbox.refused.title', { action: label(entry) })}</h3>
              <p>
                {t('outbox.queuedAt', { time: time.dateTime(entry.createdAt) })} <SubjectLink entry={entry} />
              </p>
              <ErrorNotice error={apiErrorOfEntry(entry)} />
              <button type="button" className="secondary" onClick={() => void discard(entry.commandId)}>
                {t('outbox.refused.dismiss')}
              </button>
            </article>
          ))}
        </section>
      ) : null}

      {pending.length > 0 ? (
        <section aria-labelledby="outbox-pending">
          <h2 id="outbox-pending">{t('outbox.pendingList.title', { count: pending.length })}</h2>
          <p>{online ? t('outbox.pendingList.online') : t('outbox.pendingList.offline')}</p>
          <div className="overflow-auto">
            <table aria-labelledby="outbox-pending">
              <thead>
                <tr>
                  <th scope="col">{t('outbox.column.action')}</th>
                  <th scope="col">{t('outbox.column.queuedAt')}</th>
                  <th scope="col">{t('outbox.column.attempts')}</th>
                  <th scope="col">{t('outbox.column.nextTry')}</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((entry) => (
                  <tr key={entry.commandId} data-testid="pending">
                    <td>
                      {label(entry)} <SubjectLink entry={entry} />
                    </td>
                    <td>{time.dateTime(entry.createdAt)}</td>
                    <td>{entry.attempts}</td>
                    <td>
                      {!online
                        ? t('outbox.nextTry.whenOnline')
                        : entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now
                          ? time.relative(entry.nextAttemptAt)
                          : t('outbox.nextTry.now')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" onClick={() => void retryNow()}>
            {t('outbox.retryNow')}
          </button>
        </section>
      ) : null}
    </section>
  );
}
