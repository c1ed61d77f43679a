import { useId, useState } from 'react';
import { type OutboxEntry } from '../../api/db';
import { applyToCurrentVersion, discard } from '../../api/outbox';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useActionLabel } from '../outbox/labels';
import { type InvestigationData } from './vocabulary';

/** What can still be done on a closed investigation: moving evidence on (to the prosecutor, a registry). */
const AFTER_CLOSURE: readonly string[] = ['recordEvidenceCustodyTransfer'];

/**
 * A command on the investigation that the platform refused as a CONFLICT: the investigation changed
 * after the person looked. Shows what they tried beside the investigation as it is now, and lets them
 * drop it, or do it again on the current version when it still makes sense there. Nothing is resent
 * without that decision.
 */
export function InvestigationConflict({
  entry,
  current,
}: {
  readonly entry: OutboxEntry;
  readonly current: InvestigationData | undefined;
}) {
  const t = useT();
  const time = useKivuTime();
  const label = useActionLabel();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const input = entry.variables.input;
  const expected = typeof input['expectedRevision'] === 'number' ? input['expectedRevision'] : undefined;
  const applies = current !== undefined && (current.status === 'OPEN' || AFTER_CLOSURE.includes(entry.mutation));

  const apply = async () => {
    if (!current) return;
    setBusy(true);
    try {
      await applyToCurrentVersion(entry.commandId, current.revision);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="conflict" aria-labelledby={titleId} data-testid="investigation-conflict">
      <h3 id={titleId}>{t('investigations.conflict.title', { action: label(entry) })}</h3>
      <p>
        {t('investigations.conflict.explain', {
          expected: expected ?? entry.error?.expectedRevision ?? 0,
          current: current?.revision ?? entry.error?.currentRevision ?? 0,
        })}
      </p>
      <dl className="referral-facts">
        <dt>{t('investigations.conflict.queuedAt')}</dt>
        <dd>{time.dateTime(entry.createdAt)}</dd>
        {current ? (
          <>
            <dt>{t('investigations.facts.status')}</dt>
            <dd>{t(`investigations.status.${current.status}`)}</dd>
            <dt>{t('investigations.conflict.changedAt')}</dt>
            <dd>{time.dateTime(current.lastActivityAt)}</dd>
          </>
        ) : null}
      </dl>
      {current ? (
        <p>
          <strong>
            {applies
              ? t('investigations.conflict.stillApplies', { revision: current.revision })
              : t('investigations.conflict.noLongerApplies')}
          </strong>
        </p>
      ) : null}
      <div className="actions-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => void discard(entry.commandId)}>
          {t('investigations.conflict.discard')}
        </button>
        {applies ? (
          <button type="button" disabled={busy} aria-busy={busy || undefined} onClick={() => void apply()}>
            {t('investigations.conflict.apply')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
