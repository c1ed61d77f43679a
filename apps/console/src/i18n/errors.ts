import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { type ApiError } from '../api/errors';

/**
 * Every API error as a sentence in the person's language: a rule by its own key (`error.rule.<rule>`), then
 * a refusal's reason (`error.reason.<reason>`: not a party, the access policy, too many live views), else the
 * code (`error.code.<CODE>`, with `{retryAfter}` seconds for RATE_LIMITED); a code the catalogue does not know
 * reads as an unexpected error, never as the API's English message. The catalogue check (catalogue.test.ts)
 * fails when the API can answer a rule, code or reason that errors.json has no sentence for.
 */
export function useErrorText(): (
  error: Pick<ApiError, 'code' | 'message'> & { details?: ApiError['details'] },
) => string {
  const intl = useIntl();
  return useCallback(
    (error) => {
      const rule = error.details?.rule;
      if (rule && intl.messages[`error.rule.${rule}`]) return intl.formatMessage({ id: `error.rule.${rule}` });
      const reason = error.details?.reason;
      if (reason && intl.messages[`error.reason.${reason}`]) {
        return intl.formatMessage({ id: `error.reason.${reason}` });
      }
      const id = intl.messages[`error.code.${error.code}`]
        ? `error.code.${error.code}`
        : 'error.code.INTERNAL_SERVER_ERROR';
      return intl.formatMessage({ id }, { retryAfter: error.details?.retryAfterSeconds ?? 0 });
    },
    [intl],
  );
}

/** The field of a BAD_USER_INPUT problem, without the `input.` the API puts before it. */
export function fieldName(field: string): string {
  return field.replace(/^input\./, '');
}
