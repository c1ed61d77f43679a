import { useCallback, useEffect, useRef, useState } from 'react';
import { type Document } from '../../api/client';
import { apiErrorOfEntry, type ApiError } from '../../api/errors';
import { useOnline, useOutbox } from '../../api/hooks';
import { discard, newCommandId, onOutboxChange, outboxEntries, submitCommand } from '../../api/outbox';
import { useT } from '../../i18n/i18n';

type Variables = { input: Record<string, unknown> & { commandId: string } };

export type SecretCommandStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending' }
  /** Kept on the device (the link is down): sent later; its answer, and so its secret, reaches only this page. */
  | { readonly kind: 'queued' }
  | { readonly kind: 'done'; readonly endpointId: string; readonly secret: string };

/**
 * A command whose answer holds a signing secret (creating an endpoint, rotating its secret), through the
 * outbox like every command: its input waits on the device until sent, but the secret in its answer is
 * handed to this page only, kept in this component's memory while the page is open, and never written
 * anywhere (the outbox does not keep these answers: `SECRET_ANSWERS` in api/outbox.ts). Leaving the page
 * forgets it; it is not shown again.
 */
export function useSecretCommand<V extends Variables>(spec: {
  readonly document: Document<unknown, V>;
  readonly mutation: 'createWebhookEndpoint' | 'rotateWebhookSecret';
  readonly label: string;
  readonly subject?: { readonly kind: string; readonly id: string };
  readonly onRefused: (error: ApiError) => void;
}) {
  const outbox = useOutbox();
  const online = useOnline();
  const [commandId, setCommandId] = useState<string>();
  const [result, setResult] = useState<{ endpointId: string; secret: string }>();
  const specRef = useRef(spec);
  useEffect(() => {
    specRef.current = spec;
  });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Refused (or, for a rotation, in conflict): back to the form, beside its fields; the outbox need not show it
  // a second time.
  const flight = useRef<string>(undefined);
  useEffect(() => {
    const check = () => {
      const entry = outboxEntries().find((e) => e.commandId === flight.current);
      if (entry?.state !== 'refused' && entry?.state !== 'conflict') return;
      flight.current = undefined;
      setCommandId(undefined);
      void discard(entry.commandId);
      specRef.current.onRefused(apiErrorOfEntry(entry));
    };
    return onOutboxChange(check);
  }, []);
  const entry = commandId ? outbox.find((e) => e.commandId === commandId) : undefined;

  const send = useCallback(async (input: Omit<V['input'], 'commandId'>) => {
    // A second press while the first is on its way is the same command: nothing new is queued.
    if (flight.current) return;
    const id = newCommandId();
    flight.current = id;
    setCommandId(id);
    setResult(undefined);
    const { document, mutation, label, subject } = specRef.current;
    const { acknowledged } = await submitCommand({
      document,
      mutation,
      label,
      variables: { input: { ...input, commandId: id } } as V,
      ...(subject ? { subject } : {}),
    });
    const ack = await acknowledged;
    const answer = ack.answer as { endpointId?: string; secret?: string } | undefined;
    if (!mounted.current || flight.current !== id) return;
    flight.current = undefined;
    setCommandId(undefined);
    if (answer?.secret && answer.endpointId) setResult({ endpointId: answer.endpointId, secret: answer.secret });
  }, []);

  /** The person is done with the secret (saved it): it leaves the screen and memory. */
  const forget = useCallback(() => setResult(undefined), []);

  let status: SecretCommandStatus = { kind: 'idle' };
  if (result) status = { kind: 'done', ...result };
  else if (commandId) status = entry?.nextAttemptAt !== undefined || !online ? { kind: 'queued' } : { kind: 'sending' };
  return { status, send, forget };
}

/**
 * The signing secret, once: in a box the person can select, a button that copies it, and the sentence
 * saying it will not be shown again.
 */
export function SecretOnce({
  secret,
  title,
  onDone,
}: {
  readonly secret: string;
  readonly title: string;
  readonly onDone: () => void;
}) {
  const t = useT();
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <section className="webhooks-secret" aria-labelledby="webhooks-secret-title" data-testid="webhook-secret">
      <h2 id="webhooks-secret-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p>
        <strong>{t('webhooks.secret.once')}</strong>
      </p>
      <label htmlFor="webhooks-secret-value">{t('webhooks.secret.label')}</label>
      <input
        id="webhooks-secret-value"
        readOnly
        value={secret}
        className="webhooks-secret-value"
        spellCheck={false}
        autoComplete="off"
        onFocus={(e) => e.target.select()}
      />
      <div className="actions-row">
        <button type="button" onClick={() => void copy()}>
          {t('webhooks.secret.copy')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onDone}>
          {t('webhooks.secret.done')}
        </button>
      </div>
      <p role="status">
        {copied === 'yes' ? t('webhooks.secret.copied') : copied === 'no' ? t('webhooks.secret.copyFailed') : null}
      </p>
    </section>
  );
}

/** Where a secret-bearing command is: on its way, or kept until the link is back (its secret shown here only). */
export function SecretCommandState({ status }: { readonly status: SecretCommandStatus }) {
  const t = useT();
  if (status.kind === 'sending') {
    return (
      <p role="status" aria-busy="true">
        {t('webhooks.command.sending')}
      </p>
    );
  }
  if (status.kind === 'queued') {
    return (
      <p role="status" className="banner banner-offline">
        {t('webhooks.command.queuedSecret')}
      </p>
    );
  }
  return null;
}
