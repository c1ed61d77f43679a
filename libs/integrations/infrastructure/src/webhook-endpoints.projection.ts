import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { WEBHOOK_ENDPOINT_EVENT_TYPES } from '@pamoja/integrations/domain';
import { toWebhookEndpointEvent } from '@pamoja/integrations/application';

export const WEBHOOKS_READ_SCHEMA = 'webhooks_read';
export const WEBHOOK_ENDPOINTS_PROJECTION = 'integrations.webhook-endpoints';

const s = WEBHOOKS_READ_SCHEMA;

/**
 * The integrators' endpoints as their owners read them: subscription, status and why, the secrets' validity
 * (never a secret). Rows remember the stream revision they reflect, so an event delivered twice changes nothing.
 */
export const webhookEndpointsProjection: Projection = {
  name: WEBHOOK_ENDPOINTS_PROJECTION,
  schema: WEBHOOKS_READ_SCHEMA,
  filter: { eventTypes: [...WEBHOOK_ENDPOINT_EVENT_TYPES] },
  migrations: [
    {
      version: 1,
      name: 'webhook endpoints and their secrets',
      up: (schema) => `
        CREATE TABLE ${schema}.endpoints (
          endpoint_id text PRIMARY KEY,
          agency_id text NOT NULL,
          url text NOT NULL,
          description text,
          event_types text[] NOT NULL,
          provinces text[] NOT NULL,
          site_codes text[] NOT NULL,
          status text NOT NULL,
          disabled_reason text,
          disabled_detail text,
          disabled_at timestamptz,
          created_at timestamptz NOT NULL,
          revision bigint NOT NULL
        );
        CREATE INDEX endpoints_by_agency ON ${schema}.endpoints (agency_id, created_at, endpoint_id);
        CREATE TABLE ${schema}.secrets (
          endpoint_id text NOT NULL,
          secret_id text NOT NULL,
          created_at timestamptz NOT NULL,
          valid_until timestamptz,
          PRIMARY KEY (endpoint_id, secret_id)
        );
      `,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.endpoints, ${s}.secrets`);
  },
  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    const event = toWebhookEndpointEvent(recorded);
    const revision = recorded.streamRevision;
    switch (event.type) {
      case 'WebhookEndpointCreated': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.endpoints (endpoint_id, agency_id, url, description, event_types, provinces, site_codes,
             status, created_at, revision)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'enabled', $8, $9) ON CONFLICT (endpoint_id) DO NOTHING`,
          [
            d.endpointId,
            d.agencyId,
            d.url,
            d.description,
            d.eventTypes,
            d.provinces,
            d.siteCodes,
            d.createdAt,
            revision,
          ],
        );
        await tx.query(
          `INSERT INTO ${s}.secrets (endpoint_id, secret_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [d.endpointId, d.secretId, d.createdAt],
        );
        return;
      }
      case 'WebhookEndpointChanged': {
        const d = event.data;
        await update(
          tx,
          d.endpointId,
          revision,
          'url = $3, description = $4, event_types = $5, provinces = $6, site_codes = $7',
          [d.url, d.description, d.eventTypes, d.provinces, d.siteCodes],
        );
        return;
      }
      case 'WebhookSecretRotated': {
        const d = event.data;
        if (await update(tx, d.endpointId, revision, '', [])) {
          await tx.query(`UPDATE ${s}.secrets SET valid_until = $3 WHERE endpoint_id = $1 AND secret_id = $2`, [
            d.endpointId,
            d.previousSecretId,
            d.previousValidUntil,
          ]);
          await tx.query(
            `INSERT INTO ${s}.secrets (endpoint_id, secret_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
            [d.endpointId, d.secretId, d.rotatedAt],
          );
        }
        return;
      }
      case 'WebhookEndpointDisabled': {
        const d = event.data;
        await update(
          tx,
          d.endpointId,
          revision,
          "status = 'disabled', disabled_reason = $3, disabled_detail = $4, disabled_at = $5",
          [d.reason, d.detail, d.disabledAt],
        );
        return;
      }
      case 'WebhookEndpointEnabled':
        await update(
          tx,
          event.data.endpointId,
          revision,
          "status = 'enabled', disabled_reason = NULL, disabled_detail = NULL, disabled_at = NULL",
          [],
        );
        return;
      case 'WebhookEndpointDeleted':
        // The owner sees it no more; its messages and delivery log stay with the outbox.
        await tx.query(`DELETE FROM ${s}.endpoints WHERE endpoint_id = $1`, [event.data.endpointId]);
        await tx.query(`DELETE FROM ${s}.secrets WHERE endpoint_id = $1`, [event.data.endpointId]);
        return;
      case 'WebhookReplayRequested':
        await update(tx, event.data.endpointId, revision, '', []);
        return;
    }
  },
};

/** Moves the row to `revision` with `set`; false when the row already reflects it (a duplicate). */
async function update(
  tx: SqlQueryable,
  endpointId: string,
  revision: number,
  set: string,
  params: readonly unknown[],
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE ${s}.endpoints SET ${set === '' ? '' : `${set}, `}revision = $2
     WHERE endpoint_id = $1 AND revision < $2 RETURNING endpoint_id`,
    [endpointId, revision, ...params],
  );
  return rows.length > 0;
}
