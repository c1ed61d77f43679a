import { useState, type SyntheticEvent } from 'react';
import type { ConsoleWebhookEndpointQuery, WebhookMessageState } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { instantOfKivuLocal } from '../referrals/kivuTime';
import { CommandState, TextControl, useFormFeedback, useSiteCommand } from '../sites/formKit';
import { ReplayWebhookMessagesMutation, ResendWebhookMessageMutation } from './documents';
import { When } from './parts';
import { attemptErrorMessage, LIMITS, webhookReason } from './vocabulary';

type Message = ConsoleWebhookEndpointQuery['webhookEndpoint']['messages']['nodes'][number];
type Attempt = Message['attemptLog'][number];
const STATES: readonly WebhookMessageState[] = ['PENDING', 'DELIVERED', 'FAILED'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The delivery log, newest first: each message's event, state, attempts and next attempt, and each attempt's
 * answer (an HTTP status) or why none came, in words; filtered by state; a message sent again, or a period
 * replayed (both under new ids that name their origin).
 */
export function DeliveryLog({
  endpointId,
  messages,
  more,
  loading,
  state,
  onState,
  onMore,
  onChanged,
}: {
  readonly endpointId: string;
  readonly messages: readonly Message[];
  readonly more: boolean;
  readonly loading: boolean;
  readonly state: WebhookMessageState | '';
  readonly onState: (state: WebhookMessageState | '') => void;
  readonly onMore: () => void;
  readonly onChanged: () => void;
}) {
  const t = useT();
  const resendKit = useFormFeedback('resend-webhook', {});
  const [resent, setResent] = useState<string>();
  const resend = useSiteCommand({
    document: ResendWebhookMessageMutation,
    mutation: 'resendWebhookMessage',
    label: 'webhooks.action.resendWebhookMessage',
    subject: { kind: 'webhookEndpoint', id: endpointId },
    onAcknowledged: onChanged,
    onRefused: resendKit.refused,
  });
  return (
    <section aria-labelledby="webhook-log-title">
      <h2 id="webhook-log-title">{t('webhooks.log.title')}</h2>
      <p>{t('webhooks.log.intro')}</p>
      <label htmlFor="webhook-log-state">{t('webhooks.log.state')}</label>
      <select
        id="webhook-log-state"
        value={state}
        onChange={(e) => onState(e.target.value as WebhookMessageState | '')}
      >
        <option value="">{t('webhooks.log.anyState')}</option>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {t(`webhooks.messageState.${s}`)}
          </option>
        ))}
      </select>
      {resendKit.top}
      {resent ? <CommandState command={resend} /> : null}
      <div className="overflow-auto">
        <table className="webhooks-log" aria-busy={loading || undefined}>
          <caption>{t('webhooks.log.caption', { count: messages.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('webhooks.log.column.made')}</th>
              <th scope="col">{t('webhooks.log.column.event')}</th>
              <th scope="col">{t('webhooks.log.column.state')}</th>
              <th scope="col">{t('webhooks.log.column.attempts')}</th>
              <th scope="col">{t('webhooks.log.column.next')}</th>
              <th scope="col">{t('webhooks.log.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.length === 0 ? (
              <tr>
                <td colSpan={6}>{t('webhooks.log.none')}</td>
              </tr>
            ) : null}
            {messages.map((m) => (
              <tr key={m.messageId} data-testid="webhook-message">
                <th scope="row">
                  <When at={m.createdAt} none="" />
                  <br />
                  <small>
                    {t('webhooks.log.messageId')} <code>{m.messageId}</code>
                  </small>
                  {m.replayOf ? (
                    <>
                      <br />
                      <small>
                        {t('webhooks.log.replayOf')} <code>{m.replayOf}</code>
                      </small>
                    </>
                  ) : null}
                </th>
                <td>
                  <code>{m.eventType}</code>
                </td>
                <td className={`webhooks-message-${m.state.toLowerCase()}`}>
                  <strong>{t(`webhooks.messageState.${m.state}`)}</strong>
                  {m.deliveredAt ? (
                    <>
                      <br />
                      <small>
                        <When at={m.deliveredAt} none="" />
                      </small>
                    </>
                  ) : null}
                </td>
                <td>
                  {m.attemptLog.length === 0 ? (
                    t('webhooks.log.noAttempt')
                  ) : (
                    <ol className="webhooks-attempts">
                      {m.attemptLog.map((a) => (
                        <AttemptLine key={a.attempt} attempt={a} />
                      ))}
                    </ol>
                  )}
                </td>
                <td>
                  <When at={m.nextAttemptAt} none={t('webhooks.log.noNext')} />
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-busy={(resend.status.kind === 'sending' && resent === m.messageId) || undefined}
                    aria-label={t('webhooks.log.resend.label', { event: m.eventType, messageId: m.messageId })}
                    onClick={() => {
                      resendKit.clear();
                      setResent(m.messageId);
                      void resend.send({ endpointId, messageId: m.messageId });
                    }}
                  >
                    {t('webhooks.log.resend')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more ? (
        <button type="button" className="secondary" onClick={onMore}>
          {t('webhooks.log.more')}
        </button>
      ) : null}
      <ReplayForm endpointId={endpointId} onChanged={onChanged} />
    </section>
  );
}

function AttemptLine({ attempt: a }: { readonly attempt: Attempt }) {
  const t = useT();
  const time = useKivuTime();
  const what =
    a.statusCode !== null
      ? t(a.statusCode >= 200 && a.statusCode < 300 ? 'webhooks.attempt.ok' : 'webhooks.attempt.status', {
          status: a.statusCode,
        })
      : (() => {
          const m = attemptErrorMessage(a.error ?? '');
          return t(m.key, m.values);
        })();
  return <li>{t('webhooks.attempt.line', { n: a.attempt, when: time.dateTime(a.attemptedAt), what })}</li>;
}

const REPLAY_LABELS = { from: 'webhooks.replay.from', to: 'webhooks.replay.to' } as const;

function ReplayForm({ endpointId, onChanged }: { readonly endpointId: string; readonly onChanged: () => void }) {
  const t = useT();
  const kit = useFormFeedback('replay-webhook', REPLAY_LABELS);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const command = useSiteCommand({
    document: ReplayWebhookMessagesMutation,
    mutation: 'replayWebhookMessages',
    label: 'webhooks.action.replayWebhookMessages',
    subject: { kind: 'webhookEndpoint', id: endpointId },
    onAcknowledged: onChanged,
    onRefused: (error) => {
      const fields = error.details.fields ?? [];
      const head = (f: string) => f.replace(/^input\./, '');
      if (fields.length > 0 && fields.every((f) => head(f.field) === 'from' || head(f.field) === 'to')) {
        kit.check(
          Object.fromEntries(
            (['from', 'to'] as const).map((k) => [
              k,
              fields.filter((f) => head(f.field) === k).map((f) => webhookReason(f.reason)),
            ]),
          ),
        );
      } else kit.refused(error);
    },
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const start = from === '' ? undefined : instantOfKivuLocal(from);
    const end = to === '' ? undefined : instantOfKivuLocal(to);
    const ok = kit.check({
      from: start ? [] : [{ key: 'form.problem.dateTime' }],
      to: !end
        ? [{ key: 'form.problem.dateTime' }]
        : start && end.getTime() <= start.getTime()
          ? [{ key: 'webhooks.problem.toBeforeFrom' }]
          : start && end.getTime() - start.getTime() > LIMITS.maxReplayDays * DAY_MS
            ? [{ key: 'webhooks.problem.replayTooLong', values: { days: LIMITS.maxReplayDays } }]
            : [],
    });
    if (!ok || !start || !end) return;
    void command.send({ endpointId, from: start.toISOString(), to: end.toISOString() });
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="webhook-replay-title">
      <h3 id="webhook-replay-title">{t('webhooks.replay.title')}</h3>
      <p>{t('webhooks.replay.intro', { days: LIMITS.maxReplayDays })}</p>
      {kit.top}
      <div className="webhooks-grid">
        <div>
          <TextControl
            kit={kit}
            field="from"
            type="datetime-local"
            label={t(REPLAY_LABELS.from)}
            hint={t('webhooks.kivuTime')}
            value={from}
            onChange={setFrom}
          />
        </div>
        <div>
          <TextControl
            kit={kit}
            field="to"
            type="datetime-local"
            label={t(REPLAY_LABELS.to)}
            hint={t('webhooks.kivuTime')}
            value={to}
            onChange={setTo}
          />
        </div>
      </div>
      <button type="submit" aria-busy={command.status.kind === 'sending' || undefined}>
        {t('webhooks.replay.submit')}
      </button>
      <CommandState command={command} />
    </form>
  );
}
