import { useState, type SyntheticEvent } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link, navigate } from '../../app/router';
import { PendingCommands, RefusedCommands, useCommandsFor } from '../../components/commands';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { ConsoleWebhookEndpointQuery, WebhookMessageState } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { CommandState, TextControl, useFormFeedback, useSiteCommand } from '../sites/formKit';
import { DeliveryLog } from './DeliveryLog';
import {
  ChangeWebhookEndpointMutation,
  DeleteWebhookEndpointMutation,
  DisableWebhookEndpointMutation,
  EnableWebhookEndpointMutation,
  RotateWebhookSecretMutation,
  WebhookEndpointQuery,
} from './documents';
import { EndpointForm, subscriptionInput, useEndpointForm } from './EndpointForm';
import { EndpointStatus, FilterText, When } from './parts';
import { SecretCommandState, SecretOnce, useSecretCommand } from './secret';
import { LIMITS, webhookReason } from './vocabulary';
import './webhooks.css';

type Endpoint = ConsoleWebhookEndpointQuery['webhookEndpoint'];
/** Messages per read of the log; "older messages" reads this many more, up to the API's 200. */
export const LOG_PAGE = 50;
const LOG_MAX = 200;
const LOG_POLL_MS = 30_000;

/**
 * `/webhooks/:endpointId`: one endpoint. What it receives and how delivery goes, its signing secrets'
 * validity, rotating the secret (the new one shown once), changing, disabling, enabling or deleting it, and
 * its delivery log newest first: each message's state and attempts, sent again one by one, or a period
 * replayed.
 */
export function WebhookEndpointPage({ params }: PageProps) {
  const t = useT();
  const endpointId = params['endpointId'] ?? '';
  const [state, setState] = useState<WebhookMessageState | ''>('');
  const [first, setFirst] = useState(LOG_PAGE);
  // Read again every half minute: deliveries and retries show as they happen.
  const query = useQuery(
    WebhookEndpointQuery,
    { endpointId, filter: { first, ...(state !== '' ? { state } : {}) } },
    { pollMs: LOG_POLL_MS },
  );
  const endpoint = query.data?.webhookEndpoint;
  const held = useCommandsFor('webhookEndpoint', endpointId);

  return (
    <section className="webhooks">
      <h1 tabIndex={-1}>{t('webhooks.endpoint.title')}</h1>
      <p>
        <Link href="/webhooks">{t('webhooks.back')}</Link>
      </p>
      <OfflineBanner asOf={query.offlineAsOf} />
      <ErrorNotice error={query.error} />
      {!endpoint && query.loading ? <Loading /> : null}
      <PendingCommands entries={held.pending} />
      <RefusedCommands entries={held.refused} />
      {endpoint ? (
        <>
          <EndpointSummary endpoint={endpoint} />
          <Secrets endpoint={endpoint} onChanged={query.refresh} />
          <Actions endpoint={endpoint} onChanged={query.refresh} />
          <DeliveryLog
            endpointId={endpoint.endpointId}
            messages={endpoint.messages.nodes}
            more={endpoint.messages.pageInfo.hasNextPage && first < LOG_MAX}
            loading={query.loading}
            state={state}
            onState={(s) => {
              setState(s);
              setFirst(LOG_PAGE);
            }}
            onMore={() => setFirst((n) => Math.min(LOG_MAX, n + LOG_PAGE))}
            onChanged={query.refresh}
          />
        </>
      ) : null}
    </section>
  );
}

function EndpointSummary({ endpoint: e }: { readonly endpoint: Endpoint }) {
  const t = useT();
  return (
    <section aria-labelledby="webhook-summary-title">
      <h2 id="webhook-summary-title" className="webhooks-url">
        {e.url}
      </h2>
      <dl className="webhooks-summary">
        <dt>{t('webhooks.field.description')}</dt>
        <dd>{e.description ?? t('webhooks.description.none')}</dd>
        <dt>{t('webhooks.column.status')}</dt>
        <dd data-testid="webhook-status">
          <EndpointStatus status={e.status} reason={e.disabledReason} detail={e.disabledDetail} at={e.disabledAt} />
        </dd>
        <dt>{t('webhooks.column.eventTypes')}</dt>
        <dd>
          <ul className="webhooks-types">
            {e.eventTypes.map((type) => (
              <li key={type}>
                <code>{type}</code>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('webhooks.column.filter')}</dt>
        <dd>
          <FilterText provinces={e.provinces} siteCodes={e.siteCodes} />
        </dd>
        <dt>{t('webhooks.column.failingSince')}</dt>
        <dd>
          <When at={e.failingSince} none={t('webhooks.failing.no')} />
        </dd>
        <dt>{t('webhooks.column.lastSuccess')}</dt>
        <dd>
          <When at={e.lastSuccessAt} none={t('webhooks.lastSuccess.none')} />
        </dd>
        <dt>{t('webhooks.column.pausedUntil')}</dt>
        <dd>
          <When at={e.pausedUntil} none={t('webhooks.paused.no')} />
        </dd>
        <dt>{t('webhooks.endpoint.created')}</dt>
        <dd>
          <When at={e.createdAt} none="" />
        </dd>
      </dl>
    </section>
  );
}

function Secrets({ endpoint, onChanged }: { readonly endpoint: Endpoint; readonly onChanged: () => void }) {
  const t = useT();
  const time = useKivuTime();
  const kit = useFormFeedback('rotate-webhook-secret', { gracePeriodHours: 'webhooks.rotate.grace' });
  const [grace, setGrace] = useState(String(LIMITS.defaultGraceHours));
  const command = useSecretCommand({
    document: RotateWebhookSecretMutation,
    mutation: 'rotateWebhookSecret',
    label: 'webhooks.action.rotateWebhookSecret',
    subject: { kind: 'webhookEndpoint', id: endpoint.endpointId },
    onRefused: (error) => {
      const reason = error.details.fields?.find((f) => /gracePeriodHours/.test(f.field))?.reason;
      if (reason) kit.check({ gracePeriodHours: [webhookReason(reason)] });
      else kit.refused(error);
    },
  });
  const { status } = command;
  // Whether a previous secret's grace period is over, as of when the page was opened.
  const [now] = useState(Date.now);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const hours = Number(grace.trim());
    const ok = kit.check({
      gracePeriodHours:
        grace.trim() === '' || !Number.isInteger(hours) || hours < 0 || hours > LIMITS.maxGraceHours
          ? [{ key: 'webhooks.problem.graceHours', values: { max: LIMITS.maxGraceHours } }]
          : [],
    });
    if (!ok) return;
    void command.send({ endpointId: endpoint.endpointId, gracePeriodHours: hours }).then(onChanged);
  };
  return (
    <section aria-labelledby="webhook-secrets-title">
      <h2 id="webhook-secrets-title">{t('webhooks.secrets.title')}</h2>
      <p>{t('webhooks.secrets.intro')}</p>
      <table>
        <caption>{t('webhooks.secrets.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('webhooks.secrets.created')}</th>
            <th scope="col">{t('webhooks.secrets.validity')}</th>
          </tr>
        </thead>
        <tbody>
          {endpoint.secrets.map((s) => (
            <tr key={s.secretId} data-testid="webhook-secret-validity">
              <th scope="row">
                <time dateTime={s.createdAt}>{time.dateTime(s.createdAt)}</time>
              </th>
              <td>
                {s.validUntil === null
                  ? t('webhooks.secrets.current')
                  : Date.parse(s.validUntil) > now
                    ? t('webhooks.secrets.until', { when: time.dateTime(s.validUntil) })
                    : t('webhooks.secrets.expired', { when: time.dateTime(s.validUntil) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {status.kind === 'done' ? (
        <SecretOnce secret={status.secret} title={t('webhooks.rotate.done')} onDone={command.forget} />
      ) : (
        <form noValidate onSubmit={submit} aria-labelledby="webhook-rotate-title">
          <h3 id="webhook-rotate-title">{t('webhooks.rotate.title')}</h3>
          {kit.top}
          <TextControl
            kit={kit}
            field="gracePeriodHours"
            label={t('webhooks.rotate.grace')}
            hint={t('webhooks.rotate.grace.hint', { max: LIMITS.maxGraceHours })}
            value={grace}
            onChange={setGrace}
          />
          <button type="submit" aria-busy={status.kind === 'sending' || undefined}>
            {t('webhooks.rotate.submit')}
          </button>
          <SecretCommandState status={status} />
        </form>
      )}
    </section>
  );
}

function Actions({ endpoint, onChanged }: { readonly endpoint: Endpoint; readonly onChanged: () => void }) {
  const t = useT();
  const subject = { kind: 'webhookEndpoint', id: endpoint.endpointId };
  const form = useEndpointForm('change-webhook');
  const change = useSiteCommand({
    document: ChangeWebhookEndpointMutation,
    mutation: 'changeWebhookEndpoint',
    label: 'webhooks.action.changeWebhookEndpoint',
    subject,
    onAcknowledged: onChanged,
    onRefused: form.refused,
  });
  const switchKit = useFormFeedback('switch-webhook', {});
  const enable = useSiteCommand({
    document: EnableWebhookEndpointMutation,
    mutation: 'enableWebhookEndpoint',
    label: 'webhooks.action.enableWebhookEndpoint',
    subject,
    onAcknowledged: onChanged,
    onRefused: switchKit.refused,
  });
  const disable = useSiteCommand({
    document: DisableWebhookEndpointMutation,
    mutation: 'disableWebhookEndpoint',
    label: 'webhooks.action.disableWebhookEndpoint',
    subject,
    onAcknowledged: onChanged,
    onRefused: switchKit.refused,
  });
  const turning = endpoint.status === 'ENABLED' ? disable : enable;
  return (
    <section aria-labelledby="webhook-actions-title">
      <h2 id="webhook-actions-title">{t('webhooks.actions.title')}</h2>
      <div>
        {switchKit.top}
        <p>{endpoint.status === 'ENABLED' ? t('webhooks.disable.explain') : t('webhooks.enable.explain')}</p>
        <button
          type="button"
          className={endpoint.status === 'ENABLED' ? 'secondary' : undefined}
          aria-busy={turning.status.kind === 'sending' || undefined}
          onClick={() => {
            switchKit.clear();
            void turning.send({ endpointId: endpoint.endpointId });
          }}
        >
          {endpoint.status === 'ENABLED' ? t('webhooks.disable.submit') : t('webhooks.enable.submit')}
        </button>
        <CommandState command={turning} onReread={onChanged} />
      </div>
      <details>
        <summary>{t('webhooks.change.title')}</summary>
        <EndpointForm
          key={endpoint.revision}
          kit={form.kit}
          initial={{
            url: endpoint.url,
            description: endpoint.description ?? '',
            eventTypes: endpoint.eventTypes,
            provinces: endpoint.provinces,
            siteCodes: endpoint.siteCodes.join(', '),
          }}
          submitLabel={t('webhooks.change.submit')}
          busy={change.status.kind === 'sending'}
          onSubmit={(s) => {
            if (form.check(s)) void change.send({ endpointId: endpoint.endpointId, ...subscriptionInput(s) });
          }}
        />
        <CommandState command={change} onReread={onChanged} />
      </details>
      <DeleteEndpoint endpoint={endpoint} />
    </section>
  );
}

/** The host the person types to confirm a deletion (the whole URL when it has none). */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function DeleteEndpoint({ endpoint }: { readonly endpoint: Endpoint }) {
  const t = useT();
  const kit = useFormFeedback('delete-webhook', { confirm: 'webhooks.delete.confirmField' });
  const [typed, setTyped] = useState('');
  const host = hostOf(endpoint.url);
  const command = useSiteCommand({
    document: DeleteWebhookEndpointMutation,
    mutation: 'deleteWebhookEndpoint',
    label: 'webhooks.action.deleteWebhookEndpoint',
    subject: { kind: 'webhookEndpoint', id: endpoint.endpointId },
    onAcknowledged: () => navigate('/webhooks'),
    onRefused: kit.refused,
  });
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const ok = kit.check({
      confirm: typed.trim() === host ? [] : [{ key: 'webhooks.delete.mismatch', values: { host } }],
    });
    if (ok) void command.send({ endpointId: endpoint.endpointId });
  };
  return (
    <details>
      <summary>{t('webhooks.delete.title')}</summary>
      <form noValidate onSubmit={submit}>
        {kit.top}
        <p>{t('webhooks.delete.explain')}</p>
        <TextControl
          kit={kit}
          field="confirm"
          label={t('webhooks.delete.confirm', { host })}
          value={typed}
          onChange={setTyped}
        />
        <button type="submit" className="contrast" aria-busy={command.status.kind === 'sending' || undefined}>
          {t('webhooks.delete.submit')}
        </button>
        <CommandState command={command} />
      </form>
    </details>
  );
}
