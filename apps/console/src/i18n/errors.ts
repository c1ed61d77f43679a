import { useIntl } from 'react-intl';
import { type ApiError } from '../api/errors';

/**
 * Every API error as a sentence in the person's language: a rule by its own key (`error.rule.<rule>`),
 * else the code (`error.code.<CODE>`); the catalogue check makes sure every rule and code has both.
 */
export function useErrorText(): (
  error: Pick<ApiError, 'code' | 'message'> & { details?: ApiError['details'] },
) => string {
  const intl = useIntl();
  return (error) => {
    const rule = error.details?.rule;
    if (rule && intl.messages[`error.rule.${rule}`]) return intl.formatMessage({ id: `error.rule.${rule}` });
    const reason = error.details?.reason;
    if (reason && intl.messages[`error.reason.${reason}`]) return intl.formatMessage({ id: `error.reason.${reason}` });
    const id = intl.messages[`error.code.${error.code}`]
      ? `error.code.${error.code}`
      : 'error.code.INTERNAL_SERVER_ERROR';
    return intl.formatMessage({ id }, { retryAfter: error.details?.retryAfterSeconds ?? 0 });
  };
}

/** The field of a BAD_USER_INPUT problem, without the `input.` the API puts before it. */
export function fieldName(field: string): string {
  return field.replace(/^input\./, '');
}
