import { useId, useState } from 'react';
import { type OutboxEntry } from '../../api/db';
import { useQuery } from '../../api/hooks';
import { applyToCurrentVersion, discard } from '../../api/outbox';
import { agencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useActionLabel } from '../outbox/labels';
import { ReferralQuery } from './operations';
import { answeredBy, isReferralAction, mayTake, textOfAction, type ReferralData } from './referralRules';
import './referrals.css';

/**
 * A command on a referral that the platform refused as a CONFLICT: the referral changed after the
 * person looked. Shows what they tried beside the referral as it is now, and lets them decide: drop
 * their action, or do it again on the current version (a new command) when it still makes sense there.
 * Nothing is resent without that decision.
 */
export function ReferralConflict({
  entry,
  current,
}: {
  readonly entry: OutboxEntry;
  /** The referral as the page already shows it; read here when absent (the outbox page). */
  readonly current?: ReferralData;
}) {
  const t = useT();
  const time = useKivuTime();
  const label = useActionLabel();
  const { session } = useSession();
  const titleId = useId();
  const referralId = entry.subject?.id ?? '';
  const read = useQuery(ReferralQuery, { referralId }, { skip: current !== undefined || referralId === '' });
  const referral = current ?? read.data?.referral;
  const [busy, setBusy] = useState(false);

  const input = entry.variables.input;
  const expected = typeof input['expectedRevision'] === 'number' ? input['expectedRevision'] : undefined;
  const text = textOfAction(input);
  const applies =
    referral !== undefined &&
    session !== undefined &&
    isReferralAction(entry.mutation) &&
    mayTake(entry.mutation, referral, session.agencyId);
  const by = referral ? answeredBy(referral) : undefined;

  const apply = async () => {
    if (!referral) return;
    setBusy(true);
    try {
      await applyToCurrentVersion(entry.commandId, referral.revision);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="conflict" aria-labelledby={titleId} data-testid="conflict">
      <h3 id={titleId}>{t('outbox.conflict.title', { action: label(entry) })}</h3>
      <p>
        {t('outbox.conflict.explain', {
          expected: expected ?? entry.error?.expectedRevision ?? 0,
          current: referral?.revision ?? entry.error?.currentRevision ?? 0,
        })}
      </p>
      <div className="conflict-sides">
        <section>
          <h4>{t('outbox.conflict.yours')}</h4>
          <dl className="referral-facts">
            <dt>{t('outbox.conflict.action')}</dt>
            <dd>{label(entry)}</dd>
            {text ? (
              <>
                <dt>{t('outbox.conflict.yourText')}</dt>
                <dd>{text}</dd>
              </>
            ) : null}
            <dt>{t('outbox.conflict.onVersion')}</dt>
            <dd>{expected ?? t('common.none')}</dd>
            <dt>{t('outbox.conflict.queuedAt')}</dt>
            <dd>{time.dateTime(entry.createdAt)}</dd>
          </dl>
        </section>
        <section>
          <h4>{t('outbox.conflict.now')}</h4>
          {current === undefined ? <OfflineBanner asOf={read.offlineAsOf} /> : null}
          {current === undefined ? <ErrorNotice error={read.error} /> : null}
          {referral ? (
            <dl className="referral-facts">
              <dt>{t('referrals.facts.status')}</dt>
              <dd data-testid="conflict-current-status">{t(`referrals.status.${referral.status}`)}</dd>
              <dt>{t('referrals.facts.revision')}</dt>
              <dd>{referral.revision}</dd>
              <dt>{t('outbox.conflict.answeredBy')}</dt>
              <dd title={by?.agencyId}>
                {by
                  ? referral.answeredAt || referral.closedAt
                    ? t('outbox.conflict.byAt', {
                        agency: agencyName(by.agencyId, by.agency),
                        time: time.dateTime(referral.closedAt ?? referral.answeredAt ?? referral.updatedAt),
                      })
                    : agencyName(by.agencyId, by.agency)
                  : t('outbox.conflict.nobodyYet')}
              </dd>
              {referral.statusReason ? (
                <>
                  <dt>{t(`referrals.facts.statusReason.${referral.status}`)}</dt>
                  <dd>{referral.statusReason}</dd>
                </>
              ) : null}
              <dt>{t('outbox.conflict.changedAt')}</dt>
              <dd>{time.dateTime(referral.updatedAt)}</dd>
            </dl>
          ) : read.loading && current === undefined ? (
            <Loading />
          ) : null}
        </section>
      </div>
      {referral ? (
        <p>
          <strong>
            {applies
              ? t('outbox.conflict.stillApplies', { revision: referral.revision })
              : t('outbox.conflict.noLongerApplies', { status: t(`referrals.status.${referral.status}`) })}
          </strong>
        </p>
      ) : null}
      <div className="actions-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => void discard(entry.commandId)}>
          {t('outbox.conflict.discard')}
        </button>
        {applies ? (
          <button type="button" disabled={busy} aria-busy={busy} onClick={() => void apply()}>
            {t('outbox.conflict.apply')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
