import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { type OutboxEntry } from '../../api/db';
import { apiErrorOfEntry } from '../../api/errors';
import { useOutbox, useQuery } from '../../api/hooks';
import { applyToCurrentVersion, discard, retryNow } from '../../api/outbox';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { useActionLabel } from '../outbox/labels';
import {
  AssessNeedsForm,
  CloseAssistanceForm,
  ProtectionMeasureForm,
  ProvideServiceForm,
  type AssistanceData,
  type OnDone,
} from './CaseForms';
import { ConsentSection } from './ConsentSection';
import { EraseSection } from './EraseSection';
import { AssistanceCaseQuery } from './operations';
import { usePersonalData, type PersonalState } from './personal';
import './assistance.css';

/** `/assistance/:id`: one victim's assistance, what the assisting agency records on it, and its consents. */
export function AssistanceCasePage({ params }: PageProps) {
  const id = params['id'] ?? '';
  // Another case is another page: nothing of the last one (its personal data least of all) carries over.
  return <AssistanceView key={id} assistanceId={id} />;
}

function AssistanceView({ assistanceId }: { readonly assistanceId: string }) {
  const t = useT();
  const label = useActionLabel();
  const { session } = useSession();
  const { data, error, loading, offlineAsOf, refresh } = useQuery(AssistanceCaseQuery, { id: assistanceId });
  const personal = usePersonalData(assistanceId);
  const outbox = useOutbox();
  const [result, setResult] = useState<string>();
  const a = data?.assistanceCase;

  const referralIds = new Set(a?.jointCase.referrals.map((r) => r.referralId) ?? []);
  const mine = outbox.filter(
    (e) =>
      (e.subject?.kind === 'assistance' && e.subject.id === assistanceId) ||
      (e.subject?.kind === 'referral' && referralIds.has(e.subject.id) && e.mutation.endsWith('Consent')),
  );
  const pending = mine.filter((e) => e.state === 'pending');
  const conflicts = mine.filter((e) => e.state === 'conflict');
  const refused = mine.filter((e) => e.state === 'refused');

  // A command for this case left the outbox (acknowledged here, in another tab, after a reload): read again.
  const pendingCount = pending.length;
  const previous = useRef(pendingCount);
  useEffect(() => {
    if (pendingCount < previous.current) refresh();
    previous.current = pendingCount;
  }, [pendingCount, refresh]);

  const { hide: hidePersonal } = personal;
  const onDone: OnDone = useCallback(
    (action, { answer }) => {
      const payload = answer as { status?: string; replayed?: boolean } | undefined;
      setResult(
        [
          t('assistance.result', { action: t(action) }),
          payload?.replayed === true ? t('assistance.result.replayed') : '',
        ]
          .filter((s) => s !== '')
          .join(' '),
      );
      // What the screen showed of the person was read before: after an erasure it must not stay.
      if (action === 'assistance.action.erasePersonalData') hidePersonal();
      refresh();
    },
    [t, refresh, hidePersonal],
  );

  const assisting = a !== undefined && session?.agencyId === a.assistingAgencyId;
  const open = a !== undefined && a.status !== 'CLOSED';
  const idle = pending.length === 0 && conflicts.length === 0;
  const reviewsDue = a?.protectionMeasures?.filter((m) => m.reviewDue).length ?? 0;

  return (
    <section className="assistance">
      <p>
        <Link href="/assistance">{t('assistance.backToList')}</Link>
      </p>
      <h1 tabIndex={-1}>
        {a?.reference ? t('assistance.page.titleRef', { reference: a.reference }) : t('assistance.page.title')}
      </h1>
      <OfflineBanner asOf={offlineAsOf} />
      {error?.code === 'NOT_FOUND' ? (
        <p role="alert" className="banner banner-error">
          {t('assistance.page.notFound')}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
      {result ? (
        <p role="status" className="banner" data-testid="assistance-result">
          {result}
        </p>
      ) : null}
      {pending.length > 0 ? (
        <div role="status" className="banner banner-offline">
          <ul>
            {pending.map((e) => (
              <li key={e.commandId}>{t('assistance.pending', { action: label(e) })}</li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => void retryNow()}>
            {t('assistance.retryNow')}
          </button>
        </div>
      ) : null}
      {a ? conflicts.map((entry) => <AssistanceConflict key={entry.commandId} entry={entry} assistance={a} />) : null}
      {refused.map((entry) => (
        <div key={entry.commandId}>
          <p>
            <strong>{t('assistance.refused', { action: label(entry) })}</strong>
          </p>
          <ErrorNotice error={apiErrorOfEntry(entry)} />
          <button type="button" className="secondary" onClick={() => void discard(entry.commandId)}>
            {t('assistance.dismiss')}
          </button>
        </div>
      ))}
      {loading && !data ? <Loading /> : null}
      {a ? (
        <>
          {reviewsDue > 0 ? (
            <p role="alert" className="banner banner-error" data-testid="review-due">
              {t('assistance.page.reviewDue', { count: reviewsDue })}
            </p>
          ) : null}
          <Facts assistance={a} />
          {assisting ? <PersonalSection assistance={a} personal={personal} /> : null}
          <Needs assistance={a} />
          <Services assistance={a} personal={personal} />
          <Measures assistance={a} personal={personal} />
          <ConsentSection assistance={a} mayChange={assisting} idle={idle} onDone={onDone} />
          {assisting ? (
            <section aria-labelledby="assistance-actions">
              <h2 id="assistance-actions">{t('assistance.page.actions')}</h2>
              {!idle ? (
                <p>{conflicts.length > 0 ? t('assistance.page.waitConflict') : t('assistance.page.waitPending')}</p>
              ) : null}
              {open ? (
                // Hidden, not removed, while a command is on its way: a refusal still comes back to its field.
                <div hidden={!idle}>
                  <Action title={t('assistance.needs.formTitle')}>
                    <AssessNeedsForm assistance={a} onDone={onDone} />
                  </Action>
                  {(a.needs?.length ?? 0) > 0 ? (
                    <Action title={t('assistance.service.formTitle')}>
                      <ProvideServiceForm assistance={a} onDone={onDone} />
                    </Action>
                  ) : (
                    <p>{t('assistance.service.needsFirst')}</p>
                  )}
                  <Action title={t('assistance.protection.formTitle')}>
                    <ProtectionMeasureForm assistance={a} onDone={onDone} />
                  </Action>
                  <Action title={t('assistance.close.formTitle')}>
                    <CloseAssistanceForm assistance={a} onDone={onDone} />
                  </Action>
                </div>
              ) : (
                <p>{t('assistance.page.closed')}</p>
              )}
              <div hidden={!idle}>
                <EraseSection assistance={a} onDone={onDone} />
              </div>
            </section>
          ) : null}
        </>
      ) : offlineAsOf && !loading ? (
        <p>{t('assistance.page.notReadOffline')}</p>
      ) : null}
      <p>
        <Link href="/outbox">{t('assistance.outboxLink')}</Link>
      </p>
    </section>
  );
}

/** A form behind its title: opened when needed, so the page reads as the case first. */
function Action({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <details>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** A value, or "not shared with your agency" when the API withholds it (null). */
function Withheld() {
  const t = useT();
  return <span className="redacted">{t('assistance.withheld')}</span>;
}

function Facts({ assistance: a }: { readonly assistance: AssistanceData }) {
  const t = useT();
  const time = useKivuTime();
  const or = (value: ReactNode | null | undefined) => (value === null || value === undefined ? <Withheld /> : value);
  return (
    <dl className="assistance-facts">
      <dt>{t('assistance.field.status')}</dt>
      <dd data-testid="assistance-status">
        <strong>{t(`assistance.status.${a.status}`)}</strong>
        {' · '}
        {t('assistance.field.revision', { revision: a.revision })}
      </dd>
      <dt>{t('assistance.field.case')}</dt>
      <dd>
        <Link href={`/cases/${encodeURIComponent(a.jointCaseId)}`}>
          {a.jointCase.reference ?? t('assistance.field.caseLink')}
        </Link>
      </dd>
      <dt>{t('assistance.field.assistingAgency')}</dt>
      <dd>
        <AgencyName id={a.assistingAgencyId} agency={a.assistingAgency} />
      </dd>
      <dt>{t('assistance.field.registeredAt')}</dt>
      <dd>{time.dateTime(a.registeredAt)}</dd>
      {a.closedAt ? (
        <>
          <dt>{t('assistance.field.closedAt')}</dt>
          <dd>
            {time.dateTime(a.closedAt)}
            {a.closeReason ? ` — ${t(`assistance.closeReason.${a.closeReason}`)}` : null}
          </dd>
        </>
      ) : null}
      <dt>{t('assistance.field.ageGroup')}</dt>
      <dd>
        {a.ageGroup ? (
          <>
            {t(`assistance.ageGroup.${a.ageGroup}`)}
            {a.isChild ? <strong>{` ${t('assistance.field.childRules')}`}</strong> : null}
          </>
        ) : (
          <Withheld />
        )}
      </dd>
      <dt>{t('assistance.field.sex')}</dt>
      <dd>{or(a.sex ? t(`assistance.sex.${a.sex}`) : a.sex)}</dd>
      <dt>{t('assistance.field.nationality')}</dt>
      <dd>{a.agreementToManagePersonalData === null ? <Withheld /> : (a.nationality ?? t('common.none'))}</dd>
      <dt>{t('assistance.field.formsOfExploitation')}</dt>
      <dd>{or(a.formsOfExploitation?.map((f) => t(`assistance.form.${f}`)).join(', '))}</dd>
      <dt>{t('assistance.field.consentGivenBy')}</dt>
      <dd>{or(a.consentGivenBy ? t(`assistance.consentGivenBy.${a.consentGivenBy}`) : a.consentGivenBy)}</dd>
      <dt>{t('assistance.field.agreement')}</dt>
      <dd>
        {a.agreementToManagePersonalData === null ? (
          <Withheld />
        ) : a.agreementToManagePersonalData ? (
          t('assistance.yes')
        ) : (
          t('assistance.no')
        )}
      </dd>
    </dl>
  );
}

/**
 * The person's identity, for the assisting agency only: shown when asked for (each read is audited), held in
 * memory only, hidden again with one press. Nothing of it is kept on the device.
 */
function PersonalSection({
  assistance: a,
  personal,
}: {
  readonly assistance: AssistanceData;
  readonly personal: PersonalState;
}) {
  const t = useT();
  const identity = personal.data?.identity;
  return (
    <section aria-labelledby="assistance-personal" className="personal">
      <h2 id="assistance-personal">{t('assistance.personal.title')}</h2>
      <p>{t('assistance.personal.explain')}</p>
      {!a.agreementToManagePersonalData ? <p>{t('assistance.personal.noAgreement')}</p> : null}
      {personal.data ? (
        <>
          {identity ? (
            <dl className="assistance-facts" data-testid="identity">
              <dt>{t('assistance.personal.fullName')}</dt>
              <dd>{identity.fullName}</dd>
              <dt>{t('assistance.personal.dateOfBirth')}</dt>
              <dd>{identity.dateOfBirth ?? t('common.none')}</dd>
              <dt>{t('assistance.personal.phone')}</dt>
              <dd>{identity.phone ?? t('common.none')}</dd>
              <dt>{t('assistance.personal.currentLocation')}</dt>
              <dd>{identity.currentLocation ?? t('common.none')}</dd>
            </dl>
          ) : (
            <p>{t('assistance.personal.none')}</p>
          )}
          <button type="button" className="secondary" onClick={personal.hide}>
            {t('assistance.personal.hide')}
          </button>
        </>
      ) : (
        <button type="button" className="secondary" onClick={personal.show} aria-busy={personal.loading || undefined}>
          {t('assistance.personal.show')}
        </button>
      )}
      {personal.offline ? <p role="alert">{t('assistance.personal.offline')}</p> : null}
      <ErrorNotice error={personal.error} />
    </section>
  );
}

function Needs({ assistance: a }: { readonly assistance: AssistanceData }) {
  const t = useT();
  const time = useKivuTime();
  return (
    <section aria-labelledby="assistance-needs">
      <h2 id="assistance-needs">{t('assistance.needs.title')}</h2>
      {a.needs === null ? (
        <p>
          <Withheld />
        </p>
      ) : a.needs.length === 0 ? (
        <p>{t('assistance.needs.none')}</p>
      ) : (
        <table>
          <caption>
            {a.assessedAt
              ? t('assistance.needs.caption', { date: time.dateTime(a.assessedAt) })
              : t('assistance.needs.title')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('assistance.needs.need')}</th>
              <th scope="col">{t('assistance.needs.priority')}</th>
              <th scope="col">{t('assistance.needs.met')}</th>
            </tr>
          </thead>
          <tbody>
            {a.needs.map((n) => (
              <tr key={n.need}>
                <th scope="row">{t(`assistance.need.${n.need}`)}</th>
                <td>{t(`assistance.priority.${n.priority}`)}</td>
                <td>{n.met ? t('assistance.needs.metYes') : <strong>{t('assistance.needs.metNo')}</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Services({
  assistance: a,
  personal,
}: {
  readonly assistance: AssistanceData;
  readonly personal: PersonalState;
}) {
  const t = useT();
  const time = useKivuTime();
  // A service's note is the assisting agency's: read with the personal data, when asked for.
  const notes = new Map(personal.data?.services.map((s) => [s.serviceId, s.note]) ?? []);
  return (
    <section aria-labelledby="assistance-services">
      <h2 id="assistance-services">{t('assistance.services.title')}</h2>
      {a.services.length === 0 ? (
        <p>{t('assistance.services.none')}</p>
      ) : (
        <table>
          <caption>{t('assistance.services.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assistance.service.kind')}</th>
              <th scope="col">{t('assistance.service.provider')}</th>
              <th scope="col">{t('assistance.service.providedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {a.services.map((s) => (
              <tr key={s.serviceId}>
                <th scope="row">
                  {t(`assistance.need.${s.kind}`)}
                  {notes.get(s.serviceId) ? ` — ${notes.get(s.serviceId) ?? ''}` : null}
                </th>
                <td>
                  <AgencyName id={s.providerAgencyId} agency={s.providerAgency} />
                </td>
                <td>{time.dateTime(s.providedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Measures({
  assistance: a,
  personal,
}: {
  readonly assistance: AssistanceData;
  readonly personal: PersonalState;
}) {
  const t = useT();
  const time = useKivuTime();
  const descriptions = new Map(personal.data?.protectionMeasures?.map((m) => [m.measureId, m.description]) ?? []);
  return (
    <section aria-labelledby="assistance-measures">
      <h2 id="assistance-measures">{t('assistance.measures.title')}</h2>
      {a.protectionMeasures === null ? (
        <p>
          <Withheld />
        </p>
      ) : a.protectionMeasures.length === 0 ? (
        <p>{t('assistance.measures.none')}</p>
      ) : (
        <table>
          <caption>{t('assistance.measures.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assistance.protection.measure')}</th>
              <th scope="col">{t('assistance.measures.appliedAt')}</th>
              <th scope="col">{t('assistance.protection.reviewBy')}</th>
              <th scope="col">{t('assistance.protection.consentGivenBy')}</th>
            </tr>
          </thead>
          <tbody>
            {a.protectionMeasures.map((m) => (
              <tr key={m.measureId} data-testid={m.reviewDue ? 'measure-review-due' : undefined}>
                <th scope="row">
                  {t(`assistance.measure.${m.measure}`)}
                  {descriptions.get(m.measureId) ? ` — ${descriptions.get(m.measureId) ?? ''}` : null}
                </th>
                <td>{time.dateTime(m.appliedAt)}</td>
                <td>
                  <DueTime dueBy={m.reviewBy} overdue={m.reviewDue} />
                </td>
                <td>{t(`assistance.consentGivenBy.${m.consentGivenBy}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * A command the platform refused as a CONFLICT: the case (or its referral's consents) changed after the person
 * looked. Said plainly, never resent by itself: the person drops it, or does it again on the current version.
 */
function AssistanceConflict({
  entry,
  assistance,
}: {
  readonly entry: OutboxEntry;
  readonly assistance: AssistanceData;
}) {
  const t = useT();
  const time = useKivuTime();
  const label = useActionLabel();
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const onReferral = entry.subject?.kind === 'referral';
  const current = onReferral
    ? assistance.jointCase.referrals.find((r) => r.referralId === entry.subject?.id)?.revision
    : assistance.revision;
  const input = entry.variables.input;
  const expected = typeof input['expectedRevision'] === 'number' ? input['expectedRevision'] : undefined;
  // A closed case takes no changes, but its personal data may still be erased.
  const applies =
    current !== undefined && (onReferral || assistance.status !== 'CLOSED' || entry.mutation === 'erasePersonalData');
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
    <article className="conflict" aria-labelledby={titleId} data-testid="conflict" role="alert">
      <h2 id={titleId}>{t('assistance.conflict.title', { action: label(entry) })}</h2>
      <p>
        {t('assistance.conflict.explain', {
          expected: expected ?? entry.error?.expectedRevision ?? 0,
          current: current ?? entry.error?.currentRevision ?? 0,
          time: time.dateTime(assistance.updatedAt),
        })}
      </p>
      <p>{applies ? t('assistance.conflict.stillApplies') : t('assistance.conflict.noLongerApplies')}</p>
      <div className="actions-row">
        <button type="button" className="secondary" disabled={busy} onClick={() => void discard(entry.commandId)}>
          {t('assistance.conflict.discard')}
        </button>
        {applies ? (
          <button type="button" disabled={busy} aria-busy={busy || undefined} onClick={() => void apply()}>
            {t('assistance.conflict.apply')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
