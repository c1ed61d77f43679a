import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useActionLabel } from '../outbox/labels';
import { HearingsCalendar, unrecorded } from './HearingsCalendar';
import { monthOf } from './kivu';
import { useNow } from './useNow';
import {
  CommandConflict,
  PendingCommands,
  RefusedCommands,
  useCommandsFor,
  useRefreshWhenLanded,
} from '../../components/commands';
import { ProsecutionQuery } from './operations';
import {
  CancelHearingForm,
  CloseProsecutionForm,
  DecideAppealForm,
  FileAppealForm,
  FileChargesForm,
  ImposeSentenceForm,
  OrderRestitutionForm,
  RecordHearingHeldForm,
  RenderVerdictForm,
  RescheduleHearingForm,
  ScheduleHearingForm,
  useChargeLabel,
  useSuspectLabel,
  type HearingData,
  type ProsecutionData,
} from './ProsecutionForms';
import { type ProsecutionMutation } from './vocabulary';
import './prosecution.css';

type Acknowledged = (mutation: ProsecutionMutation, answer: unknown) => void;

/** A form behind a disclosure: the page stays readable, each action one click away. */
function Action({ summary, children }: { readonly summary: string; readonly children: ReactNode }) {
  return (
    <details className="prosecution-action">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

function Facts({ prosecution: p }: { readonly prosecution: ProsecutionData }) {
  const t = useT();
  const time = useKivuTime();
  return (
    <dl className="prosecution-facts">
      <dt>{t('prosecution.field.status')}</dt>
      <dd data-testid="prosecution-status">
        <strong>{t(`prosecution.status.${p.status}`)}</strong>
        {' · '}
        {t('prosecution.revision', { revision: p.revision })}
      </dd>
      <dt>{t('prosecution.field.case')}</dt>
      <dd>
        <Link href={`/cases/${encodeURIComponent(p.jointCaseId)}`}>
          {p.jointCase.reference ?? t('prosecution.case.noReference')}
        </Link>
        {p.jointCase.siteCode ? ` · ${p.jointCase.siteCode}` : null}
        {` · ${t(`stage.${p.jointCase.stage}`)}`}
      </dd>
      <dt>{t('prosecution.field.office')}</dt>
      <dd>
        <AgencyName id={p.officeAgencyId} agency={p.officeAgency} />
      </dd>
      <dt>{t('prosecution.field.fromPolice')}</dt>
      <dd>
        <AgencyName id={p.fromPoliceAgencyId} agency={p.fromPoliceAgency} />
      </dd>
      <dt>{t('prosecution.field.received')}</dt>
      <dd>
        <time dateTime={p.receivedAt}>{time.dateTime(p.receivedAt)}</time>
      </dd>
      {p.closedAt ? (
        <>
          <dt>{t('prosecution.field.closed')}</dt>
          <dd>
            <time dateTime={p.closedAt}>{time.dateTime(p.closedAt)}</time>
            {p.closeReason ? ` — ${t(`prosecution.closeReason.${p.closeReason}`)}` : null}
            {p.closeNote ? ` — ${p.closeNote}` : null}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Charges({ prosecution: p }: { readonly prosecution: ProsecutionData }) {
  const t = useT();
  const time = useKivuTime();
  const suspect = useSuspectLabel(p);
  return (
    <section aria-labelledby="prosecution-charges">
      <h2 id="prosecution-charges">{t('prosecution.charges.title')}</h2>
      <p>
        {t('prosecution.suspects', { count: p.suspects.length })}{' '}
        {p.suspects.map((s) => suspect(s.suspectId)).join(' ; ')}
      </p>
      {p.charges.length === 0 ? (
        <p>{t('prosecution.charges.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('prosecution.charges.caption', { count: p.charges.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('prosecution.column.offence')}</th>
                <th scope="col">{t('prosecution.column.suspect')}</th>
                <th scope="col">{t('prosecution.column.legalBasis')}</th>
                <th scope="col">{t('prosecution.column.verdict')}</th>
                <th scope="col">{t('prosecution.column.sentence')}</th>
              </tr>
            </thead>
            <tbody>
              {p.charges.map((c) => (
                <tr key={c.chargeId}>
                  <th scope="row">
                    {t(`prosecution.offence.${c.offence}`)}
                    <br />
                    <small>{t('prosecution.charge.filed', { date: time.date(c.filedAt) })}</small>
                  </th>
                  <td>{suspect(c.suspectId)}</td>
                  <td>{c.legalBasis}</td>
                  <td>
                    {c.verdict ? (
                      <>
                        <strong>{t(`prosecution.verdict.${c.verdict}`)}</strong>
                        {c.verdictRenderedAt ? ` — ${time.date(c.verdictRenderedAt)}` : null}
                      </>
                    ) : (
                      t('prosecution.verdict.pending')
                    )}
                  </td>
                  <td>
                    {c.sentence ? (
                      <>
                        {t('prosecution.sentence.months', { months: c.sentence.imprisonmentMonths })}
                        {c.sentence.fineAmount !== null && c.sentence.fineCurrency
                          ? ` · ${t('prosecution.sentence.fine', {
                              amount: c.sentence.fineAmount,
                              currency: t(`prosecution.currency.${c.sentence.fineCurrency}`),
                            })}`
                          : null}
                        {c.sentence.otherMeasures ? ` · ${c.sentence.otherMeasures}` : null}
                      </>
                    ) : (
                      t('common.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HearingState({ hearing: h }: { readonly hearing: HearingData }) {
  const t = useT();
  const time = useKivuTime();
  const now = useNow();
  if (h.cancelledAt) {
    return (
      <>
        {t('prosecution.hearing.cancelledOn', { date: time.dateTime(h.cancelledAt) })}
        {h.cancelReason ? ` — ${h.cancelReason}` : null}
      </>
    );
  }
  if (h.heldAt) {
    return (
      <>
        {t('prosecution.hearing.heldOn', { date: time.dateTime(h.heldAt) })}
        {h.outcome ? ` — ${h.outcome}` : null}
      </>
    );
  }
  return unrecorded(h, now) ? (
    <strong className="flag-overdue">{t('prosecution.hearing.state.unrecorded')}</strong>
  ) : (
    <>{t('prosecution.hearing.state.scheduled')}</>
  );
}

function Hearings({
  prosecution: p,
  open,
  idle,
  onAcknowledged,
}: {
  readonly prosecution: ProsecutionData;
  readonly open: boolean;
  readonly idle: boolean;
  readonly onAcknowledged: Acknowledged;
}) {
  const t = useT();
  const time = useKivuTime();
  const now = useNow();
  const hearings = [...p.hearings].sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  const next = hearings.find((h) => !h.heldAt && !h.cancelledAt);
  return (
    <section aria-labelledby="prosecution-hearings">
      <h2 id="prosecution-hearings">{t('prosecution.hearings.section')}</h2>
      {hearings.length === 0 ? (
        <p>{t('prosecution.hearings.none')}</p>
      ) : (
        <>
          <div className="table-scroll">
            <table>
              <caption>{t('prosecution.hearings.caption', { count: hearings.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('prosecution.column.when')}</th>
                  <th scope="col">{t('prosecution.column.court')}</th>
                  <th scope="col">{t('prosecution.column.purpose')}</th>
                  <th scope="col">{t('prosecution.column.hearingState')}</th>
                </tr>
              </thead>
              <tbody>
                {hearings.map((h) => (
                  <tr key={h.hearingId} id={`hearing-${h.hearingId}`}>
                    <th scope="row">
                      <time dateTime={h.scheduledFor}>{time.dateTime(h.scheduledFor)}</time>
                      {h.rescheduleCount > 0 ? (
                        <>
                          <br />
                          <small>{t('prosecution.hearing.moved', { count: h.rescheduleCount })}</small>
                        </>
                      ) : null}
                    </th>
                    <td>{h.court}</td>
                    <td>{h.purpose}</td>
                    <td>
                      <HearingState hearing={h} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details>
            <summary>{t('prosecution.hearings.calendar')}</summary>
            <HearingsCalendar nested hearings={hearings} initialMonth={monthOf(next?.scheduledFor ?? new Date(now))} />
          </details>
        </>
      )}
      {open ? (
        <div hidden={!idle}>
          {hearings
            .filter((h) => !h.heldAt && !h.cancelledAt)
            .map((h) => (
              <Action
                key={h.hearingId}
                summary={t('prosecution.hearing.actions', { date: time.dateTime(h.scheduledFor) })}
              >
                <RecordHearingHeldForm prosecution={p} hearing={h} onAcknowledged={onAcknowledged} />
                <RescheduleHearingForm prosecution={p} hearing={h} onAcknowledged={onAcknowledged} />
                <CancelHearingForm prosecution={p} hearing={h} onAcknowledged={onAcknowledged} />
              </Action>
            ))}
          <Action summary={t('prosecution.form.scheduleHearing.title')}>
            <ScheduleHearingForm prosecution={p} onAcknowledged={onAcknowledged} />
          </Action>
        </div>
      ) : null}
    </section>
  );
}

function Restitutions({ prosecution: p }: { readonly prosecution: ProsecutionData }) {
  const t = useT();
  const time = useKivuTime();
  return (
    <section aria-labelledby="prosecution-restitutions">
      <h2 id="prosecution-restitutions">{t('prosecution.restitutions.title')}</h2>
      {p.restitutions.length === 0 ? (
        <p>{t('prosecution.restitutions.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('prosecution.restitutions.caption', { count: p.restitutions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('prosecution.column.victimRef')}</th>
                <th scope="col">{t('prosecution.column.amount')}</th>
                <th scope="col">{t('prosecution.column.ordered')}</th>
                <th scope="col">{t('prosecution.column.note')}</th>
              </tr>
            </thead>
            <tbody>
              {p.restitutions.map((r) => (
                <tr key={r.restitutionId}>
                  <th scope="row">{r.victimRef}</th>
                  <td>
                    {t('prosecution.money', { amount: r.amount, currency: t(`prosecution.currency.${r.currency}`) })}
                  </td>
                  <td>{time.date(r.orderedAt)}</td>
                  <td>{r.note ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Appeals({ prosecution: p }: { readonly prosecution: ProsecutionData }) {
  const t = useT();
  const time = useKivuTime();
  const chargeLabel = useChargeLabel(p);
  return (
    <section aria-labelledby="prosecution-appeals">
      <h2 id="prosecution-appeals">{t('prosecution.appeals.title')}</h2>
      {p.appeals.length === 0 ? (
        <p>{t('prosecution.appeals.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('prosecution.appeals.caption', { count: p.appeals.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('prosecution.column.charge')}</th>
                <th scope="col">{t('prosecution.column.appealBy')}</th>
                <th scope="col">{t('prosecution.column.filed')}</th>
                <th scope="col">{t('prosecution.column.appealOutcome')}</th>
              </tr>
            </thead>
            <tbody>
              {p.appeals.map((a) => {
                const charge = p.charges.find((c) => c.chargeId === a.chargeId);
                return (
                  <tr key={a.appealId}>
                    <th scope="row">{charge ? chargeLabel(charge) : t('common.none')}</th>
                    <td>{t(`prosecution.appealParty.${a.by}`)}</td>
                    <td>{time.date(a.filedAt)}</td>
                    <td>
                      {a.outcome ? (
                        <>
                          {t(`prosecution.appealOutcome.${a.outcome}`)}
                          {a.decidedAt ? ` — ${time.date(a.decidedAt)}` : null}
                        </>
                      ) : (
                        t('prosecution.appeal.pending')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The actions the office may take on the prosecution as it is: each only where it can apply. */
function Actions({
  prosecution: p,
  onAcknowledged,
}: {
  readonly prosecution: ProsecutionData;
  readonly onAcknowledged: Acknowledged;
}) {
  const t = useT();
  const unjudged = p.charges.some((c) => !c.verdict);
  const toSentence = p.charges.some((c) => c.verdict === 'CONVICTED' && !c.sentence);
  const convicted = p.charges.some((c) => c.verdict === 'CONVICTED');
  const judged = p.charges.some((c) => c.verdict);
  const undecided = p.appeals.some((a) => !a.outcome);
  return (
    <section aria-labelledby="prosecution-actions">
      <h2 id="prosecution-actions">{t('prosecution.actions.title')}</h2>
      {p.suspects.length > 0 ? (
        <Action summary={t('prosecution.form.fileCharges.title')}>
          <FileChargesForm prosecution={p} onAcknowledged={onAcknowledged} />
        </Action>
      ) : null}
      {unjudged ? (
        <Action summary={t('prosecution.form.renderVerdict.title')}>
          <RenderVerdictForm prosecution={p} onAcknowledged={onAcknowledged} />
        </Action>
      ) : null}
      {toSentence ? (
        <Action summary={t('prosecution.form.imposeSentence.title')}>
          <ImposeSentenceForm prosecution={p} onAcknowledged={onAcknowledged} />
        </Action>
      ) : null}
      {convicted ? (
        <Action summary={t('prosecution.form.orderRestitution.title')}>
          <OrderRestitutionForm prosecution={p} onAcknowledged={onAcknowledged} />
        </Action>
      ) : null}
      {judged ? (
        <Action summary={t('prosecution.form.fileAppeal.title')}>
          <FileAppealForm prosecution={p} onAcknowledged={onAcknowledged} />
        </Action>
      ) : null}
      {undecided ? (
        <Action summary={t('prosecution.form.decideAppeal.title')}>
          <DecideAppealForm prosecution={p} onAcknowledged={onAcknowledged} />
        </Action>
      ) : null}
      <Action summary={t('prosecution.form.closeProsecution.title')}>
        <CloseProsecutionForm prosecution={p} onAcknowledged={onAcknowledged} />
      </Action>
    </section>
  );
}

/**
 * `/prosecutions/:id`: one prosecution of the office (charges, hearings, verdicts, sentences,
 * restitution, appeals, status), its case by reference, and what the office may record on it, each
 * command on the revision shown and through the outbox. A CONFLICT shows here and waits for the person.
 */
export function ProsecutionPage({ params }: PageProps) {
  const prosecutionId = params['id'] ?? '';
  return <ProsecutionView key={prosecutionId} prosecutionId={prosecutionId} />;
}

function ProsecutionView({ prosecutionId }: { readonly prosecutionId: string }) {
  const t = useT();
  const label = useActionLabel();
  const { data, error, loading, offlineAsOf, refresh } = useQuery(ProsecutionQuery, { prosecutionId });
  const { pending, conflicts, refused } = useCommandsFor('prosecution', prosecutionId);
  const [result, setResult] = useState<string>();
  const resultRef = useRef<HTMLParagraphElement>(null);
  // Recorded: the form was hidden while it was on its way, so the focus goes to what the platform said.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  useRefreshWhenLanded(pending.length, refresh);

  const acknowledged = useCallback<Acknowledged>(
    (mutation, payload) => {
      const answer = payload as { status?: string; replayed?: boolean } | undefined;
      setResult(
        [
          t('prosecution.result', { action: label({ label: `prosecution.action.${mutation}`, mutation }) }),
          answer?.status ? t('prosecution.result.status', { status: t(`prosecution.status.${answer.status}`) }) : '',
          answer?.replayed === true ? t('prosecution.result.replayed') : '',
        ]
          .filter((part) => part !== '')
          .join(' '),
      );
      refresh();
    },
    [t, label, refresh],
  );

  const p = data?.prosecution;
  // Opened at one hearing (from the calendar or a queue): that hearing's row is brought into view.
  const loaded = p !== undefined;
  useEffect(() => {
    if (!loaded || !location.hash.startsWith('#hearing-')) return;
    const row = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (row && typeof row.scrollIntoView === 'function') row.scrollIntoView({ block: 'center' });
  }, [loaded]);
  // While something is on its way or waits on a conflict, no other action: it would act on a stale revision.
  const idle = pending.length === 0 && conflicts.length === 0;
  const open = p !== undefined && p.status !== 'CLOSED';

  return (
    <section>
      <h1 tabIndex={-1}>
        {p?.reference ? t('prosecution.page.titleOf', { reference: p.reference }) : t('prosecution.page.title')}
      </h1>
      <OfflineBanner asOf={offlineAsOf} />
      {result ? (
        <p ref={resultRef} tabIndex={-1} role="status" className="banner" data-testid="prosecution-result">
          {result}
        </p>
      ) : null}
      <PendingCommands entries={pending} testId="prosecution-pending" />
      {conflicts.length > 0 ? (
        <section aria-labelledby="prosecution-conflicts">
          <h2 id="prosecution-conflicts">{t('prosecution.conflicts', { count: conflicts.length })}</h2>
          {conflicts.map((entry) => (
            <CommandConflict
              key={entry.commandId}
              entry={entry}
              currentRevision={p?.revision}
              checkKey="prosecution.conflict.check"
              testId="prosecution-conflict"
            />
          ))}
        </section>
      ) : null}
      <RefusedCommands entries={refused} />
      {p ? (
        <>
          <Facts prosecution={p} />
          <Charges prosecution={p} />
          <Hearings prosecution={p} open={open} idle={idle} onAcknowledged={acknowledged} />
          <Restitutions prosecution={p} />
          <Appeals prosecution={p} />
          {open ? (
            <>
              {idle ? null : (
                <p>
                  {conflicts.length > 0 ? t('prosecution.page.waitForConflict') : t('prosecution.page.waitForPending')}
                </p>
              )}
              {/* Hidden, not removed, while a command is on its way: a refusal still comes back to its field. */}
              <div hidden={!idle}>
                <Actions prosecution={p} onAcknowledged={acknowledged} />
              </div>
            </>
          ) : (
            <p>{t('prosecution.page.closed')}</p>
          )}
        </>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : offlineAsOf ? (
        <p>{t('prosecution.page.notReadOffline')}</p>
      ) : null}
      <p>
        <Link href="/prosecutions">{t('prosecution.page.back')}</Link>
        {' · '}
        <Link href="/outbox">{t('prosecution.page.outboxLink')}</Link>
      </p>
    </section>
  );
}
