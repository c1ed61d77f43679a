import { useCallback, useEffect, useRef, useState } from 'react';
import { type OutboxEntry } from '../../api/db';
import { useOutbox, useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link, searchParam } from '../../app/router';
import { PendingCommands, RefusedCommands } from '../../components/commands';
import { AgencyName } from '../../components/agency';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { SubmitReferralInput } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useActionLabel } from '../outbox/labels';
import { useAgenciesOfType } from './agencies';
import { ReferralQuery } from './operations';
import { ActionForm } from './ReferralActions';
import { ReferralConflict } from './ReferralConflict';
import { mayTake, type ReferralAction, type ReferralData } from './referralRules';
import { ScreeningForm, ScreeningResult } from './ScreeningSection';
import { agencyTypeKey } from './vocabulary';
import './referrals.css';

/**
 * Whether the agency may refer this referral's person on to another agency, on the same case: the agency that
 * sent it, or the one that received and accepted it (the platform checks it again).
 */
function mayForward(referral: ReferralData, agencyId: string): boolean {
  if (!referral.jointCaseId || !referral.subjectPersonId) return false;
  if (referral.fromAgencyId === agencyId) return referral.status !== 'REVOKED';
  return referral.toAgencyId === agencyId && (referral.status === 'ACCEPTED' || referral.status === 'COMPLETED');
}

/** A referral submitted on this device and not yet acknowledged: what it says, as it was queued. */
function QueuedReferral({ entry }: { readonly entry: OutboxEntry }) {
  const t = useT();
  const time = useKivuTime();
  const input = entry.variables.input as Partial<SubmitReferralInput>;
  // The list the form offered (kept on the device): the agency's name, even offline.
  const { data: directory } = useAgenciesOfType(input.toAgencyType);
  const toAgency = directory?.agencies.find((a) => a.agencyId === input.toAgencyId);
  return (
    <>
      <dl className="referral-facts">
        <dt>{t('referrals.facts.to')}</dt>
        <dd>
          {input.toAgencyId ? <AgencyName id={input.toAgencyId} agency={toAgency} /> : null}
          {input.toAgencyType ? ` (${t(agencyTypeKey(input.toAgencyType))})` : null}
        </dd>
        <dt>{t('referrals.facts.site')}</dt>
        <dd>{input.site?.code ?? input.site?.description ?? t('common.none')}</dd>
        <dt>{t('referrals.facts.urgency')}</dt>
        <dd>{input.urgency ? t(`referrals.urgency.${input.urgency}`) : t('common.none')}</dd>
        <dt>{t('referrals.facts.dueBy')}</dt>
        <dd>{input.dueBy ? time.dateTime(input.dueBy) : t('common.none')}</dd>
        <dt>{t('referrals.facts.summary')}</dt>
        <dd>{input.summary}</dd>
      </dl>
    </>
  );
}

function ReferralFacts({ referral }: { readonly referral: ReferralData }) {
  const t = useT();
  const time = useKivuTime();
  const child = referral.subjectIsChild === true ? 'yes' : referral.subjectIsChild === false ? 'no' : 'unknown';
  return (
    <>
      <dl className="referral-facts">
        <dt>{t('referrals.facts.status')}</dt>
        <dd data-testid="referral-status">
          <strong>{t(`referrals.status.${referral.status}`)}</strong>
          {' · '}
          {t('referrals.facts.revisionShort', { revision: referral.revision })}
        </dd>
        {referral.statusReason ? (
          <>
            <dt>{t(`referrals.facts.statusReason.${referral.status}`)}</dt>
            <dd>{referral.statusReason}</dd>
          </>
        ) : null}
        <dt>{t('referrals.facts.dueBy')}</dt>
        <dd>
          <DueTime dueBy={referral.dueBy} overdue={referral.overdue} />
          {referral.deadlineMissed ? ` ${t('referrals.facts.escalated')}` : null}
        </dd>
        <dt>{t('referrals.facts.urgency')}</dt>
        <dd>{t(`referrals.urgency.${referral.urgency}`)}</dd>
        <dt>{t('referrals.facts.from')}</dt>
        <dd>
          <AgencyName id={referral.fromAgencyId} agency={referral.fromAgency} />
          {` (${t(agencyTypeKey(referral.fromAgencyType))})`}
          {' — '}
          {time.dateTime(referral.submittedAt)}
        </dd>
        <dt>{t('referrals.facts.to')}</dt>
        <dd>
          <AgencyName id={referral.toAgencyId} agency={referral.toAgency} />
          {` (${t(agencyTypeKey(referral.toAgencyType))})`}
          {referral.answeredAt
            ? ` — ${t('referrals.facts.answeredAt', { time: time.dateTime(referral.answeredAt) })}`
            : null}
        </dd>
        <dt>{t('referrals.facts.site')}</dt>
        <dd>
          {referral.siteCode ?? t('referrals.facts.unregisteredSite')}
          {referral.siteDescription ? ` — ${referral.siteDescription}` : null}
        </dd>
        <dt>{t('referrals.facts.subject')}</dt>
        <dd>
          {t(`referrals.facts.subject.${child}`)}
          {referral.childProtectionBasis ? ` ${t('referrals.facts.childProtectionBasis')}` : null}
        </dd>
        <dt>{t('referrals.facts.summary')}</dt>
        <dd>{referral.summary}</dd>
      </dl>

      <h2>{t('referrals.facts.indicators')}</h2>
      {referral.indicators.length === 0 && referral.childLabourFlags.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul>
          {referral.indicators.map((i) => (
            <li key={i}>{t(`referrals.indicator.${i}`)}</li>
          ))}
          {referral.childLabourFlags.map((f) => (
            <li key={f}>{t(`referrals.childLabourFlag.${f}`)}</li>
          ))}
        </ul>
      )}

      <h2>{t('referrals.facts.consent')}</h2>
      <p>
        {referral.consent.active
          ? t('referrals.consent.active')
          : referral.childProtectionBasis
            ? t('referrals.consent.childProtection')
            : t('referrals.consent.none')}
        {referral.consent.withdrawn ? ` ${t('referrals.consent.withdrawn')}` : null}
      </p>
      {referral.consent.records.length > 0 ? (
        <ul>
          {referral.consent.records.map((r) => (
            <li key={r.consentId}>
              {t('referrals.consent.record', {
                givenBy: t(`referrals.consentGiver.${r.givenBy}`),
                agencies: r.agencyTypes.map((a) => t(agencyTypeKey(a))).join(', '),
                purposes: r.purposes.map((p) => t(`referrals.consentPurpose.${p}`)).join(', '),
                time: time.dateTime(r.recordedAt),
              })}
              {r.withdrawnAt ? ` ${t('referrals.consent.withdrawnAt', { time: time.dateTime(r.withdrawnAt) })}` : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * `/referrals/:id`: one referral, what the signed-in agency may do with it in its state, each action on
 * the revision shown and through the outbox, and what this device still holds for it (queued,
 * refused, or in conflict: shown here with what changed, never resent by itself).
 */
export function ReferralPage({ params }: PageProps) {
  const referralId = params['id'] ?? '';
  // One referral's page: moving to another starts afresh (its forms, its screening offer).
  return <ReferralView key={referralId} referralId={referralId} />;
}

function ReferralView({ referralId }: { readonly referralId: string }) {
  const t = useT();
  const { session } = useSession();
  const { data, error, loading, offlineAsOf, refresh } = useQuery(ReferralQuery, { referralId });
  const outbox = useOutbox();
  const label = useActionLabel();
  const [result, setResult] = useState<string>();
  const [offered] = useState(() => searchParam('screening') === 'offer');

  const mine = outbox.filter((e) => e.subject?.kind === 'referral' && e.subject.id === referralId);
  const pending = mine.filter((e) => e.state === 'pending');
  const conflicts = mine.filter((e) => e.state === 'conflict');
  const refused = mine.filter((e) => e.state === 'refused');
  const queuedSubmission = mine.find((e) => e.mutation === 'submitReferral' && e.state === 'pending');

  // A command for this referral was acknowledged (here, in another tab, or after a reload): read it again.
  const pendingCount = pending.length;
  const previous = useRef(pendingCount);
  useEffect(() => {
    if (pendingCount < previous.current) refresh();
    previous.current = pendingCount;
  }, [pendingCount, refresh]);

  const acknowledged = useCallback(
    (action: ReferralAction, payload: unknown) => {
      const answer = payload as { status?: string; replayed?: boolean } | undefined;
      setResult(
        [
          t('referrals.result', { action: label({ label: `outbox.action.${action}`, mutation: action }) }),
          answer?.status ? t('referrals.result.status', { status: t(`referrals.status.${answer.status}`) }) : '',
          answer?.replayed === true ? t('referrals.result.replayed') : '',
        ]
          .filter((part) => part !== '')
          .join(' '),
      );
      // The referral is read again when its command leaves the outbox (below).
    },
    [t, label],
  );

  const referral = data?.referral;
  const agencyId = session?.agencyId ?? '';
  // While something for it is on its way, no second action is offered: it would act on a stale revision.
  const idle = pending.length === 0 && conflicts.length === 0;
  const actions = referral
    ? (['acceptReferral', 'declineReferral', 'completeReferral', 'revokeReferral'] as const).filter((a) =>
        mayTake(a, referral, agencyId),
      )
    : [];
  const mayScreen = referral ? mayTake('assessTraffickingScreening', referral, agencyId) : false;

  const blocked = idle ? null : (
    <p>{conflicts.length > 0 ? t('referrals.page.waitForConflict') : t('referrals.page.waitForPending')}</p>
  );
  // Hidden, not removed, while a command is on its way: a refusal still comes back to its field.
  const actionsSection =
    referral && actions.length > 0 ? (
      <section aria-labelledby="referral-actions">
        <h2 id="referral-actions">{t('referrals.page.actions')}</h2>
        {blocked}
        <div hidden={!idle}>
          {actions.map((action) => (
            <ActionForm key={action} action={action} referral={referral} onAcknowledged={acknowledged} />
          ))}
        </div>
      </section>
    ) : null;
  // Right after the referral was sent, the screening is offered open; otherwise it waits behind a click.
  const screeningSection = referral ? (
    <section aria-labelledby="referral-screening">
      <h2 id="referral-screening">{t('referrals.screening.title')}</h2>
      {referral.screening ? <ScreeningResult screening={referral.screening} /> : <p>{t('referrals.screening.none')}</p>}
      {mayScreen ? (
        <div hidden={!idle}>
          {offered && !referral.screening ? (
            <ScreeningForm referral={referral} offered onAcknowledged={acknowledged} />
          ) : (
            <details>
              <summary>{referral.screening ? t('referrals.screening.again') : t('referrals.screening.start')}</summary>
              <ScreeningForm referral={referral} offered={false} onAcknowledged={acknowledged} />
            </details>
          )}
        </div>
      ) : null}
    </section>
  ) : null;

  return (
    <section>
      <h1 tabIndex={-1}>
        {referral?.siteCode ? t('referrals.page.titleAt', { site: referral.siteCode }) : t('referrals.page.title')}
      </h1>
      <OfflineBanner asOf={offlineAsOf} />
      {result ? (
        <p role="status" className="banner" data-testid="referral-result">
          {result}
        </p>
      ) : null}
      <PendingCommands entries={pending} testId="referral-pending" />
      {conflicts.length > 0 ? (
        <section aria-labelledby="referral-conflicts">
          <h2 id="referral-conflicts">{t('referrals.page.conflicts', { count: conflicts.length })}</h2>
          {conflicts.map((entry) => (
            <ReferralConflict key={entry.commandId} entry={entry} {...(referral ? { current: referral } : {})} />
          ))}
        </section>
      ) : null}
      <RefusedCommands entries={refused} />

      {referral ? (
        <>
          <ReferralFacts referral={referral} />
          {referral.status === 'ACCEPTED' && referral.toAgencyId === agencyId && session?.agencyType === 'police' ? (
            <p>
              <Link href={`/investigations/new?referral=${encodeURIComponent(referral.referralId)}`}>
                {t('investigations.open.title')}
              </Link>
            </p>
          ) : null}
          {referral.status === 'ACCEPTED' &&
          referral.toAgencyId === agencyId &&
          session?.agencyType === 'assistance_provider' ? (
            <p>
              <Link href={`/assistance/new?referral=${encodeURIComponent(referral.referralId)}`}>
                {t('assistance.register.title')}
              </Link>
            </p>
          ) : null}
          {mayForward(referral, agencyId) ? (
            <p>
              <Link href={`/referrals/new?from=${encodeURIComponent(referral.referralId)}`}>
                {t('referrals.forward.link')}
              </Link>
            </p>
          ) : null}

          {offered ? (
            <>
              {screeningSection}
              {actionsSection}
            </>
          ) : (
            <>
              {actionsSection}
              {screeningSection}
            </>
          )}
        </>
      ) : queuedSubmission ? (
        <>
          <p>{t('referrals.page.queuedSubmission')}</p>
          <QueuedReferral entry={queuedSubmission} />
        </>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : offlineAsOf ? (
        <p>{t('referrals.page.notReadOffline')}</p>
      ) : null}
      <p>
        <Link href="/outbox">{t('referrals.page.outboxLink')}</Link>
      </p>
    </section>
  );
}
