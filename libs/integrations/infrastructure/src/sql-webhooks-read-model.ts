import { type SqlDatabase } from '@pamoja/event-store';
import {
  type WebhookAttemptView,
  type WebhookEndpointHealthView,
  type WebhookEndpointView,
  type WebhookMessageState,
  type WebhookMessageView,
  type WebhooksReadModel,
} from '@pamoja/integrations/application';
import { type WebhookDisableReason, type WebhookProvince } from '@pamoja/integrations/domain';
import { WEBHOOKS_READ_SCHEMA } from './webhook-endpoints.projection.js';
import { WEBHOOK_OUTBOX_SCHEMA } from './webhook-outbox.projection.js';

const r = WEBHOOKS_READ_SCHEMA;
const o = WEBHOOK_OUTBOX_SCHEMA;

interface EndpointRow {
  endpoint_id: string;
  agency_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  provinces: string[];
  site_codes: string[];
  status: 'enabled' | 'disabled';
  disabled_reason: WebhookDisableReason | null;
  disabled_detail: string | null;
  disabled_at: Date | null;
  created_at: Date;
  revision: string | number;
  secrets: { secret_id: string; created_at: string; valid_until: string | null }[] | null;
}

interface MessageRow {
  seq: string | number;
  message_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  joint_case_id: string | null;
  created_at: Date;
  state: WebhookMessageState;
  attempts: number;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  replay_of: string | null;
  payload: string;
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export class SqlWebhooksReadModel implements WebhooksReadModel {
  constructor(private readonly db: SqlDatabase) {}

  async endpoints(agencyId: string): Promise<readonly WebhookEndpointView[]> {
    const rows = await this.db.query<EndpointRow>(
      `${ENDPOINTS} WHERE e.agency_id = $1 ORDER BY e.created_at, e.endpoint_id`,
      [agencyId],
    );
    return rows.map(toEndpoint);
  }

  async endpoint(agencyId: string, endpointId: string): Promise<WebhookEndpointView | null> {
    const [row] = await this.db.query<EndpointRow>(`${ENDPOINTS} WHERE e.agency_id = $1 AND e.endpoint_id = $2`, [
      agencyId,
      endpointId,
    ]);
    return row ? toEndpoint(row) : null;
  }

  async health(endpointId: string): Promise<WebhookEndpointHealthView> {
    const [row] = await this.db.query<{
      failing_since: Date | null;
      last_success_at: Date | null;
      paused_until: Date | null;
    }>(`SELECT failing_since, last_success_at, paused_until FROM ${o}.endpoint_health WHERE endpoint_id = $1`, [
      endpointId,
    ]);
    return {
      failingSince: date(row?.failing_since ?? null),
      lastSuccessAt: date(row?.last_success_at ?? null),
      pausedUntil: date(row?.paused_until ?? null),
    };
  }

  async messages(
    endpointId: string,
    options: { readonly state?: WebhookMessageState; readonly afterSeq?: number; readonly limit: number },
  ): Promise<readonly WebhookMessageView[]> {
    // Newest first: the delivery log is read from what happened last.
    const rows = await this.db.query<MessageRow>(
      `SELECT * FROM ${o}.messages
       WHERE endpoint_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::bigint IS NULL OR seq < $3)
       ORDER BY seq DESC LIMIT $4`,
      [endpointId, options.state ?? null, options.afterSeq ?? null, options.limit],
    );
    return rows.map(toMessage);
  }

  async message(endpointId: string, messageId: string): Promise<WebhookMessageView | null> {
    const [row] = await this.db.query<MessageRow>(
      `SELECT * FROM ${o}.messages WHERE endpoint_id = $1 AND message_id::text = $2`,
      [endpointId, messageId],
    );
    return row ? toMessage(row) : null;
  }

  async attempts(messageId: string): Promise<readonly WebhookAttemptView[]> {
    const rows = await this.db.query<{
      message_id: string;
      attempt: number;
      attempted_at: Date;
      status_code: number | null;
      error: string | null;
      duration_ms: number;
    }>(`SELECT * FROM ${o}.attempts WHERE message_id::text = $1 ORDER BY attempt`, [messageId]);
    return rows.map((a) => ({
      messageId: a.message_id,
      attempt: a.attempt,
      attemptedAt: new Date(a.attempted_at),
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
    }));
  }
}

const ENDPOINTS = `
  SELECT e.*,
    (SELECT json_agg(json_build_object('secret_id', k.secret_id, 'created_at', k.created_at, 'valid_until', k.valid_until)
       ORDER BY k.created_at)
     FROM ${r}.secrets k WHERE k.endpoint_id = e.endpoint_id) AS secrets
  FROM ${r}.endpoints e`;

function toEndpoint(row: EndpointRow): WebhookEndpointView {
  return {
    endpointId: row.endpoint_id,
    agencyId: row.agency_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    provinces: row.provinces as WebhookProvince[],
    siteCodes: row.site_codes,
    status: row.status,
    disabledReason: row.disabled_reason,
    disabledDetail: row.disabled_detail,
    disabledAt: date(row.disabled_at),
    createdAt: new Date(row.created_at),
    revision: Number(row.revision),
    secrets: (row.secrets ?? []).map((k) => ({
      secretId: k.secret_id,
      createdAt: new Date(k.created_at),
      validUntil: date(k.valid_until),
    })),
  };
}

function toMessage(row: MessageRow): WebhookMessageView {
  return {
    seq: Number(row.seq),
    messageId: row.message_id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    jointCaseId: row.joint_case_id,
    createdAt: new Date(row.created_at),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? date(row.next_attempt_at) : null,
    deliveredAt: date(row.delivered_at),
    replayOf: row.replay_of,
    payload: row.payload,
  };
}
