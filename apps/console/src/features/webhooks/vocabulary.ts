import { type FieldMessage } from '../../components/form';
import { messageOfReason } from '../../components/form';
import type { WebhookProvince } from '../../gql/graphql';

/** The provinces an endpoint may filter by (the API's WebhookProvince). */
export const PROVINCES: readonly WebhookProvince[] = ['NORTH_KIVU', 'SOUTH_KIVU'];

/** A mine-site registry code, as the API checks it: NK-MAS-014. */
export const SITE_CODE = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

/** The API's limits (libs/integrations/domain vocabularies): checked here first, in words. */
export const LIMITS = {
  maxUrlLength: 2048,
  maxDescriptionLength: 200,
  maxSiteCodes: 100,
  defaultGraceHours: 24,
  maxGraceHours: 168,
  maxReplayDays: 31,
} as const;

/** The contexts the catalogue names in words; another (a newer platform's) reads as it is. */
export const KNOWN_CONTEXTS: ReadonlySet<string> = new Set([
  'referrals',
  'sites',
  'investigations',
  'prosecutions',
  'assistance',
  'coordination',
  'integrations',
]);

/** Site codes as typed: separated by commas, spaces or lines, in capitals. */
export function siteCodesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== ''),
    ),
  ];
}

/** The URL as the API will take it: absolute http(s), no user name or password, no fragment. */
export function urlProblems(text: string): FieldMessage[] {
  const url = text.trim();
  if (url === '') return [{ key: 'form.problem.required' }];
  if (url.length > LIMITS.maxUrlLength) return [{ key: 'form.problem.tooLong', values: { max: LIMITS.maxUrlLength } }];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [{ key: 'webhooks.problem.url' }];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return [{ key: 'webhooks.problem.url' }];
  if (parsed.username !== '' || parsed.password !== '') return [{ key: 'webhooks.problem.urlCredentials' }];
  if (parsed.hash !== '') return [{ key: 'webhooks.problem.urlFragment' }];
  return [];
}

/** The reasons the webhooks API gives for a field, as this feature's sentences; others as the console's. */
const REASONS: readonly [RegExp, string, (m: RegExpExecArray) => FieldMessage['values']][] = [
  [
    /must not be a private, loopback, link-local or reserved address/,
    'webhooks.problem.privateTarget',
    () => undefined,
  ],
  [/must be an (absolute )?http or https URL/, 'webhooks.problem.url', () => undefined],
  [/must not carry a user name or password/, 'webhooks.problem.urlCredentials', () => undefined],
  [/must not have a fragment/, 'webhooks.problem.urlFragment', () => undefined],
  [/^(\S+) is not an integration event type/, 'webhooks.problem.eventType', (m) => ({ type: m[1] ?? '' })],
  [/must be site codes like/, 'webhooks.problem.siteCode', () => undefined],
  [/must be after from/, 'webhooks.problem.toBeforeFrom', () => undefined],
  [
    /must be at most (\d+) days after from/,
    'webhooks.problem.replayTooLong',
    (m) => ({ days: Number(m[1] ?? LIMITS.maxReplayDays) }),
  ],
  [/must be a whole number from 0 to (\d+)/, 'webhooks.problem.graceHours', (m) => ({ max: Number(m[1] ?? 0) })],
];

export function webhookReason(reason: string): FieldMessage {
  for (const [pattern, key, values] of REASONS) {
    const m = pattern.exec(reason);
    if (m) {
      const v = values(m);
      return { key, ...(v ? { values: v } : {}) };
    }
  }
  return messageOfReason(reason);
}

/**
 * Why an attempt got no answer, in words when the sender's reason is a known one (the request forgery
 * guard, a timeout, a refused connection); otherwise the platform's own words, quoted.
 */
export function attemptErrorMessage(error: string): FieldMessage {
  let m = /^target address (\S+) is private, loopback, link-local or reserved, and not allowed/.exec(error);
  if (m) return { key: 'webhooks.attempt.refusedTarget', values: { address: m[1] ?? '' } };
  m = /^no answer within (\d+) ms/.exec(error);
  if (m) return { key: 'webhooks.attempt.timeout', values: { seconds: Math.round(Number(m[1] ?? 0) / 1000) } };
  if (/ECONNREFUSED/.test(error)) return { key: 'webhooks.attempt.connectionRefused' };
  if (/ENOTFOUND|EAI_AGAIN/.test(error)) return { key: 'webhooks.attempt.unknownHost' };
  if (/the endpoint URL is not valid/.test(error)) return { key: 'webhooks.attempt.badUrl' };
  return { key: 'webhooks.attempt.other', values: { error } };
}
