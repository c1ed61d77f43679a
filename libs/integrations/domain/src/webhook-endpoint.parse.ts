import { duplicatesOf, type InputParser, parseInput, type Unparsed } from '@pamoja/contracts';
import {
  type ChangeWebhookEndpoint,
  type CreateWebhookEndpoint,
  type SentWebhookEndpointCommand,
  type WebhookEndpointCommand,
} from './webhook-endpoint.commands.js';
import { SITE_CODE_PATTERN, WEBHOOK_DISABLE_REASONS, WEBHOOK_LIMITS, WEBHOOK_PROVINCES } from './vocabularies.js';

/**
 * A webhook command as the decider takes it: every field problem at once. `knownEventTypes` are the
 * integration catalogue's types (the application passes them: the domain knows no catalogue).
 */
export function parseWebhookEndpointCommand(
  sent: SentWebhookEndpointCommand,
  knownEventTypes: ReadonlySet<string>,
): WebhookEndpointCommand {
  switch (sent.type) {
    case 'CreateWebhookEndpoint':
    case 'ChangeWebhookEndpoint':
      return parseInput((p) => subscription(p, sent, knownEventTypes));
    case 'RotateWebhookSecret':
      return parseInput((p) => {
        p.wholeNumber('gracePeriodHours', sent.data.graceHours, 0, WEBHOOK_LIMITS.maxGraceHours);
        return sent;
      });
    case 'DisableWebhookEndpoint':
      return parseInput((p) => {
        p.oneOf('reason', sent.data.reason, WEBHOOK_DISABLE_REASONS);
        return sent;
      });
    case 'ReplayWebhookMessages':
      return parseInput((p) => {
        const from = p.instant('from', sent.data.from).getTime();
        const to = p.instant('to', sent.data.to).getTime();
        if (to <= from) p.add('to', 'must be after from');
        else if (to - from > WEBHOOK_LIMITS.maxReplayDays * 86_400_000) {
          p.add('to', `must be at most ${WEBHOOK_LIMITS.maxReplayDays} days after from`);
        }
        return sent;
      });
    case 'EnableWebhookEndpoint':
    case 'DeleteWebhookEndpoint':
    case 'ResendWebhookMessage':
      return sent;
  }
}

function subscription(
  p: InputParser,
  sent: Unparsed<CreateWebhookEndpoint> | Unparsed<ChangeWebhookEndpoint>,
  known: ReadonlySet<string>,
): CreateWebhookEndpoint | ChangeWebhookEndpoint {
  const { data } = sent;
  const url = webhookUrl(p, data.url);
  const description = p.optionalText('description', data.description, WEBHOOK_LIMITS.maxDescriptionLength);
  if (data.eventTypes.length === 0) p.add('eventTypes', 'at least one event type is required');
  if (data.eventTypes.length > WEBHOOK_LIMITS.maxEventTypes) {
    p.add('eventTypes', `at most ${WEBHOOK_LIMITS.maxEventTypes} event types`);
  }
  // A name is echoed back only when it looks like one: other input is never repeated in an error.
  const named = (type: string): string => (/^[A-Za-z0-9._-]{1,120}$/.test(type) ? type : 'an entry');
  for (const type of data.eventTypes.filter((t) => !known.has(t))) {
    p.add('eventTypes', `${named(type)} is not an integration event type (see webhookEventTypes)`);
  }
  for (const type of duplicatesOf(data.eventTypes)) p.add('eventTypes', `${named(type)} is listed twice`);
  for (const province of data.provinces.filter((v) => !(WEBHOOK_PROVINCES as readonly string[]).includes(v))) {
    p.add('provinces', `unknown province ${province}`);
  }
  for (const province of duplicatesOf(data.provinces)) p.add('provinces', `${province} is listed twice`);
  if (data.siteCodes.length > WEBHOOK_LIMITS.maxSiteCodes) {
    p.add('siteCodes', `at most ${WEBHOOK_LIMITS.maxSiteCodes} sites`);
  }
  for (const code of data.siteCodes.filter((c) => !SITE_CODE_PATTERN.test(c))) {
    p.add('siteCodes', `${code} is not a site code like NK-MAS-014`);
  }
  for (const code of duplicatesOf(data.siteCodes)) p.add('siteCodes', `${code} is listed twice`);
  const parsed = { ...data, url, description, provinces: data.provinces };
  // The same command with its parsed values: its type (create or change) is the one sent.
  return { ...sent, data: parsed } as CreateWebhookEndpoint | ChangeWebhookEndpoint;
}

/**
 * An endpoint's address: absolute http(s), no user name or password in it (a secret in a URL ends up in
 * logs), no fragment. Whether its host may be reached is the sender's check, at each delivery.
 */
function webhookUrl(p: InputParser, value: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length > WEBHOOK_LIMITS.maxUrlLength) {
    p.add('url', `must be at most ${WEBHOOK_LIMITS.maxUrlLength} characters`);
    return text;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    p.add('url', 'must be an absolute http or https URL');
    return text;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') p.add('url', 'must be an http or https URL');
  if (url.username !== '' || url.password !== '') p.add('url', 'must not carry a user name or password');
  if (url.hash !== '') p.add('url', 'must not have a fragment (#...)');
  return url.href;
}
