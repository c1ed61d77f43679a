import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { type OutboxEntry } from '../../api/db';

/**
 * The action a command stands for, in words: its catalogue label (`outbox.action.acceptReferral`), or
 * its mutation's name when a newer console queued a label this one does not know.
 */
export function useActionLabel(): (entry: Pick<OutboxEntry, 'label' | 'mutation'>) => string {
  const intl = useIntl();
  return useCallback(
    (entry) => (intl.messages[entry.label] ? intl.formatMessage({ id: entry.label }) : entry.mutation),
    [intl],
  );
}
