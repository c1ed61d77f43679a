import { useCallback, useEffect, useRef, useState } from 'react';
import { type Document } from '../../api/client';
import { type OutboxEntry } from '../../api/db';
import { apiErrorOfEntry, type ApiError } from '../../api/errors';
import { useOnline, useOutbox } from '../../api/hooks';
import {
  acknowledgementOf,
  discard,
  newCommandId,
  onOutboxChange,
  outboxEntries,
  outboxLoaded,
  submitCommand,
  type Acknowledgement,
} from '../../api/outbox';

type Variables = { input: Record<string, unknown> & { commandId: string } };
type Subject = { readonly kind: string; readonly id: string };

export type CommandStatus =
  | { readonly kind: 'idle' }
  /** On its way: kept on the device, the platform has not answered yet. */
  | { readonly kind: 'sending'; readonly entry: OutboxEntry | undefined }
  /** The link is down (or the platform busy): it goes when the link is back, with the same commandId. */
  | { readonly kind: 'queued'; readonly entry: OutboxEntry }
  /** The thing changed since the person looked: it waits for them to decide, and is never resent by itself. */
  | { readonly kind: 'conflict'; readonly entry: OutboxEntry }
  /** Refused (bad input, a rule): nothing was written; the page shows why, and the person may try again. */
  | { readonly kind: 'refused'; readonly error: ApiError }
  /** Acknowledged. */
  | { readonly kind: 'done'; readonly answer: unknown };

/** What the page learns when its command is answered. */
export interface CommandOutcome {
  /** The mutation's payload; undefined when another tab, or this one before a reload, sent it. */
  readonly answer: unknown;
  readonly subject: Subject | undefined;
  /**
   * Sent while this page was not following it (after a reload, or while the person was elsewhere), and
   * gone from the outbox before the page looked: the page may say so rather than move on by itself.
   */
  readonly earlier: boolean;
}

interface CommandSpec<V extends Variables> {
  readonly document: Document<unknown, V>;
  readonly mutation: string;
  /** Catalogue key naming the action, e.g. `outbox.action.acceptReferral`. */
  readonly label: string;
  readonly subject?: Subject;
  /**
   * Where the command in flight is kept for this tab (sessionStorage), so that a reload while it is
   * queued finds its command again instead of making another one.
   */
  readonly persistAs?: string;
  readonly onAcknowledged?: (outcome: CommandOutcome) => void;
  /** Refused: `input` is the command as it was sent (after a reload, the page's only copy of it). */
  readonly onRefused?: (error: ApiError, input: Record<string, unknown>) => void;
}

interface InFlight {
  readonly commandId: string;
  readonly subject?: Subject;
  /** Read back from sessionStorage after a reload, rather than sent by this page. */
  readonly restored?: boolean;
}

function readPersisted(key: string | undefined): InFlight | undefined {
  if (!key) return undefined;
  try {
    const text = sessionStorage.getItem(key);
    return text ? { ...(JSON.parse(text) as InFlight), restored: true } : undefined;
  } catch {
    return undefined;
  }
}

function writePersisted(key: string | undefined, value: InFlight | undefined): void {
  if (!key) return;
  try {
    if (value) sessionStorage.setItem(key, JSON.stringify({ commandId: value.commandId, subject: value.subject }));
    else sessionStorage.removeItem(key);
  } catch {
    // Storage off: after a reload the command shows in the outbox only.
  }
}

/**
 * One action of a page, through the outbox. The commandId is made once, when the person presses
 * submit, and kept while the command is in flight: pressing again, or reloading while it is queued,
 * sends the same command, never a second one. A refusal frees it: the corrected form is a new command.
 */
export function useCommand<V extends Variables>(
  spec: CommandSpec<V>,
): {
  readonly status: CommandStatus;
  readonly send: (input: Omit<V['input'], 'commandId'>, options?: { subject?: Subject }) => Promise<void>;
} {
  const outbox = useOutbox();
  const online = useOnline();
  const [inFlight, setInFlight] = useState<InFlight | undefined>(() => readPersisted(spec.persistAs));
  const [outcome, setOutcome] = useState<CommandStatus>({ kind: 'idle' });
  // Read by callbacks only: the command in flight, whether its entry was seen, the latest spec.
  const flight = useRef(inFlight);
  const seen = useRef(false);
  const specRef = useRef(spec);
  useEffect(() => {
    specRef.current = spec;
  });
  // An answer that comes after the page was left is not this page's to act on: a later visit reads it.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const settle = useCallback((commandId: string, status: CommandStatus) => {
    if (!mounted.current || flight.current?.commandId !== commandId) return false;
    flight.current = undefined;
    seen.current = false;
    writePersisted(specRef.current.persistAs, undefined);
    setInFlight(undefined);
    setOutcome(status);
    return true;
  }, []);

  // Follows the command in the outbox: refused, it comes back to the page; gone without an answer here
  // (sent by another tab, or before a reload), it is done.
  useEffect(() => {
    const check = () => {
      const current = flight.current;
      if (!current) return;
      const entry = outboxEntries().find((e) => e.commandId === current.commandId);
      if (entry) {
        seen.current = true;
        if (
          entry.state === 'refused' &&
          settle(current.commandId, { kind: 'refused', error: apiErrorOfEntry(entry) })
        ) {
          // The page shows the refusal beside its fields; the outbox need not show it a second time.
          void discard(entry.commandId);
          specRef.current.onRefused?.(apiErrorOfEntry(entry), entry.variables.input);
        }
        return;
      }
      const watched = seen.current;
      if (watched || (current.restored === true && outboxLoaded())) {
        const answer = acknowledgementOf(current.commandId)?.answer;
        if (settle(current.commandId, { kind: 'done', answer })) {
          specRef.current.onAcknowledged?.({ answer, subject: current.subject, earlier: !watched });
        }
      }
    };
    const unsubscribe = onOutboxChange(check);
    void Promise.resolve().then(check);
    return unsubscribe;
  }, [settle]);

  const send = useCallback(
    async (input: Omit<V['input'], 'commandId'>, options: { subject?: Subject } = {}) => {
      // A second press while the first is in flight is the same command: nothing new is queued.
      if (flight.current) return;
      const commandId = newCommandId();
      const { persistAs, document, mutation, label } = specRef.current;
      const subject = options.subject ?? specRef.current.subject;
      const current: InFlight = { commandId, ...(subject ? { subject } : {}) };
      flight.current = current;
      seen.current = false;
      writePersisted(persistAs, current);
      setInFlight(current);
      setOutcome({ kind: 'idle' });
      const { acknowledged } = await submitCommand({
        document,
        mutation,
        label,
        variables: { input: { ...input, commandId } } as V,
        ...(subject ? { subject } : {}),
      });
      void acknowledged.then((ack: Acknowledgement) => {
        if (settle(commandId, { kind: 'done', answer: ack.answer })) {
          specRef.current.onAcknowledged?.({ answer: ack.answer, subject, earlier: false });
        }
      });
    },
    [settle],
  );

  let status: CommandStatus = outcome;
  if (inFlight) {
    const entry = outbox.find((e) => e.commandId === inFlight.commandId);
    if (entry?.state === 'conflict') status = { kind: 'conflict', entry };
    else if (entry?.state === 'pending' && (entry.nextAttemptAt !== undefined || !online)) {
      status = { kind: 'queued', entry };
    } else status = { kind: 'sending', entry };
  }
  return { status, send };
}
