import type { PageProps } from '../../app/page';
import { Link, navigate } from '../../app/router';
import { useT } from '../../i18n/i18n';
import { CreateWebhookEndpointMutation } from './documents';
import { EMPTY_SUBSCRIPTION, EndpointForm, subscriptionInput, useEndpointForm } from './EndpointForm';
import { SecretOnce, SecretCommandState, useSecretCommand } from './secret';
import './webhooks.css';

/**
 * `/webhooks/new`: subscribe an endpoint. The answer holds its signing secret: shown here once, in memory
 * only, and never again (a lost secret is replaced by rotating it on the endpoint's page).
 */
export function CreateWebhookPage(_props: PageProps) {
  const t = useT();
  const form = useEndpointForm('create-webhook');
  const command = useSecretCommand({
    document: CreateWebhookEndpointMutation,
    mutation: 'createWebhookEndpoint',
    label: 'webhooks.action.createWebhookEndpoint',
    onRefused: form.refused,
  });
  const { status } = command;

  return (
    <section className="webhooks">
      <h1 tabIndex={-1}>{t('webhooks.create.title')}</h1>
      <p>
        <Link href="/webhooks">{t('webhooks.back')}</Link>
      </p>
      {status.kind === 'done' ? (
        <>
          <SecretOnce
            secret={status.secret}
            title={t('webhooks.create.created')}
            onDone={() => {
              command.forget();
              navigate(`/webhooks/${encodeURIComponent(status.endpointId)}`);
            }}
          />
          <p>
            <Link href={`/webhooks/${encodeURIComponent(status.endpointId)}`}>{t('webhooks.create.open')}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t('webhooks.create.intro')}</p>
          <EndpointForm
            kit={form.kit}
            initial={EMPTY_SUBSCRIPTION}
            submitLabel={t('webhooks.create.submit')}
            busy={status.kind === 'sending'}
            onSubmit={(s) => {
              if (form.check(s)) void command.send(subscriptionInput(s));
            }}
          />
          <SecretCommandState status={status} />
        </>
      )}
    </section>
  );
}
