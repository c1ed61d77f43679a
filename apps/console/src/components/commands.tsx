import { useEffect, useId, useRef, useState } from 'react';
import { type OutboxEntry } from '../api/db';
import { apiErrorOfEntry } from '../api/errors';
import { useOnline, useOutbox } from '../api/hooks';
import { applyToCurrentVersion, discard, retryNow } from '../api/outbox';
import { ErrorNotice } from './feedback';
import { useKivuTime, useT } from '../i18n/i18n';
import { useActionLabel } from '../features/outbox/labels';

/*
 * What a page shows of the commands this device still holds for the record it shows: on their way, refused, or
 * in conflict with a change made since the person looked. Every page that records through the outbox uses them.
 */

/** What this device holds for one record: commands on their way, in conflict, or refused earlier. */
export function useCommandsFor(kind: string, id: string) {
  const outbox = useOutbox();
  const mine = outbox.filter((e) => e.subject?.kind === kind && e.subject.id === id);
  return {
    pending: mine.filter((e) => e.state === 'pending'),
    conflicts: mine.filter((e) => e.state === 'conflict'),
    refused: mine.filter((e) => e.state === 'refused'),
  };
}

/** Calls `refresh` when one of the commands on their way left the outbox (acknowledged). */
export function useRefreshWhenLanded(pendingCount: number, refresh: () => void): void {
  const previous = useRef(pendingCount);
  useEffect(() => {
    if (pendingCount < previous.current) refresh();
    previous.current = pendingCount;
  }, [pendingCount, refresh]);
}

/** Commands on their way: queued while the link is down, or being sent. */
export function PendingCommands({
  entries,
  testId = 'command-pending',
}: {
  readonly entries: readonly OutboxEntry[];
  readonly testId?: string;
}) {
  const t = useT();
  const time = useKivuTime();
  const label = useActionLabel();
  const online = useOnline();
  if (entries.length === 0) return null;
  return (
    <div role="status" className="banner banner-offline command-status" data-testid={testId}>
      <ul>
        {entries.map((entry) => (
          <li key={entry.commandId}>
            <strong>{label(entry)}</strong>
            {' — '}
            {entry.nextAttemptAt || !online ? t('outbox.pending.queued') : t('outbox.pending.sending')}
            {entry.attempts > 0 ? ` ${t('outbox.pending.attempts', { count: entry.attempts })}` : null}
            {entry.nextAttemptAt && online
              ? ` ${t('outbox.pending.nextTry', { when: time.relative(entry.nextAttemptAt) })}`
              : null}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => void retryNow()}>
        {t('outbox.retryNow')}
      </button>
    </div>
  );
}

/** Commands refused while nobody was looking (sent from the outbox after a reload): why, and dismiss. */
export function RefusedCommands({ entries }: { readonly entries: readonly OutboxEntry[] }) {
  const t = useT();
  const label = useActionLabel();
  return (
    <>
      {entries.map((entry) => (
        <div key={entry.commandId}>
          <p>
            <strong>{t('outbox.refused.title', { action: label(entry) })}</strong>
          </p>
          <ErrorNotice error={apiErrorOfEntry(entry)} />
          <button type="button" className="secondary" onClick={() => void discard(entry.commandId)}>
            {t('outbox.refused.dismiss')}
          </button>
        </div>
      ))}
    </>
  );
}

/**
 * A command the platform refused as a CONFLICT: the record changed after the person looked (someone else
 * recorded something). It is never resent by itself: the person reads the page as it is now, then drops the
 * action or applies it to the current version (a new command). `checkKey` says so for this kind of record (a
 * catalogue key with the `time` the action was prepared).
 */
export function CommandConflict({
  entry,
  currentRevision,
  checkKey,
  testId = 'command-conflict',
}: {
  readonly entry: OutboxEntry;
  readonly currentRevision: number | undefined;
  readonly checkKey: string;
  readonly testId?: string;
}) {
  const t = useT();
  const time = useKivuTime();
  const label = useActionLabel();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const input = entry.variables.input;
  const expected =
    typeof input['expectedRevision'] === 'number' ? input['expectedRevision'] : entry.error?.expectedRevision;
  // The newer of what the page read and what the refusal said: the page may not have read it again yet.
  const known = [currentRevision, entry.error?.currentRevision].filter((r): r is number => typeof r === 'number');
  const current = known.length > 0 ? Math.max(...known) : undefined;

  const apply = async () => {
    if (current === undefined) return;
    setBusy(true);
    try {
      await applyToCurrentVersion(entry.commandId, current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="conflict" aria-labelledby={titleId} data-testid={testId} role="alert">
      <h3 id={titleId}>{t('outbox.conflict.title', { action: label(entry) })}</h3>
      <p>{t('outbox.conflict.explain', { expected: expected ?? 0, current: current ?? 0 })}</p>
      <p>{t(checkKey, { time: time.dateTime(entry.createdAt) })}</p>
      <div className="actions-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => void discard(entry.commandId)}>
          {t('outbox.conflict.discard')}
        </button>
        {current !== undefined ? (
          <button type="button" disabled={busy} aria-busy={busy || undefined} onClick={() => void apply()}>
            {t('outbox.conflict.apply')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
