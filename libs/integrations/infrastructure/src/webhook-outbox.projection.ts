import { v5 as uuidv5 } from 'uuid';
import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { WEBHOOK_ENDPOINT_EVENT_TYPES } from '@pamoja/integrations/domain';
import { toWebhookEndpointEvent } from '@pamoja/integrations/application';
import {
  cloudEventAttributes,
  DEFAULT_CATALOGUE,
  type IntegrationEvent,
  type IntegrationEventCatalogue,
  partitionKeyOf,
  sourceOf,
} from '@pamoja/messaging';

export const WEBHOOK_OUTBOX_SCHEMA = 'webhooks_outbox';
export const WEBHOOK_OUTBOX_PROJECTION = 'integrations.webhook-outbox';

const MESSAGE_IDS = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

/** One message per endpoint and event: the same id however often the log is read (rebuild, restart). */
export const webhookMessageIdFor = (endpointId: string, eventId: string): string =>
  uuidv5(`${endpointId}:${eventId}`, MESSAGE_IDS);
/** A replay's copy of a message: the same id for the same replay however often it is applied. */
export const replayedMessageIdFor = (replayId: string, messageId: string): string =>
  uuidv5(`${replayId}:${messageId}`, MESSAGE_IDS);

const s = WEBHOOK_OUTBOX_SCHEMA;

/**
 * The webhook outbox, fed by the log (ADR 0028): for each integration event the catalogue publishes, one
 * message per endpoint subscribed to its type (and its province or site, when the endpoint filters), made in
 * the same transaction as the checkpoint, so each is made exactly once and none is lost in a crash. The
 * endpoints are followed here too, in log order: an endpoint receives what the log records after it
 * subscribed, and nothing while disabled.
 *
 * The messages, their delivery attempts and each endpoint's health are the delivery log, not a view: a
 * rebuild keeps them (`reset` empties only what the log decides) and makes the same message ids again, which
 * are then already there. A rebuild therefore sends nothing twice.
 */
export function webhookOutboxProjection(catalogue: IntegrationEventCatalogue = DEFAULT_CATALOGUE): Projection {
  return {
    name: WEBHOOK_OUTBOX_PROJECTION,
    schema: WEBHOOK_OUTBOX_SCHEMA,
    filter: { eventTypes: [...new Set([...catalogue.publishedEventTypes(), ...WEBHOOK_ENDPOINT_EVENT_TYPES])] },
    // Nobody reads a message back after their own command: the answer does not wait for it.
    readYourWrites: false,
    migrations: [
      {
        version: 1,
        name: 'webhook outbox, delivery log and endpoint health',
        up: (schema) => `
          CREATE TABLE ${schema}.subscriptions (
            endpoint_id text PRIMARY KEY,
            url text NOT NULL,
            event_types text[] NOT NULL,
            provinces text[] NOT NULL,
            site_codes text[] NOT NULL,
            enabled boolean NOT NULL,
            revision bigint NOT NULL
          );
          CREATE TABLE ${schema}.secrets (
            endpoint_id text NOT NULL,
            secret_id text NOT NULL,
            valid_until timestamptz,
            PRIMARY KEY (endpoint_id, secret_id)
          );
          CREATE TABLE ${schema}.sites (site_id text PRIMARY KEY, code text NOT NULL, province text NOT NULL);
          CREATE TABLE ${schema}.case_sites (joint_case_id text PRIMARY KEY, site_code text NOT NULL);
          CREATE TABLE ${schema}.messages (
            seq bigserial UNIQUE,
            message_id uuid PRIMARY KEY,
            endpoint_id text NOT NULL,
            event_id uuid NOT NULL,
            event_type text NOT NULL,
            order_key text NOT NULL,
            joint_case_id text,
            global_position bigint NOT NULL,
            payload text NOT NULL,
            created_at timestamptz NOT NULL,
            replay_of uuid,
            state text NOT NULL DEFAULT 'pending',
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            leased_until timestamptz,
            delivered_at timestamptz
          );
          CREATE INDEX messages_due ON ${schema}.messages (next_attempt_at) WHERE state = 'pending';
          CREATE INDEX messages_in_order ON ${schema}.messages (endpoint_id, order_key, seq) WHERE state = 'pending';
          CREATE INDEX messages_by_endpoint ON ${schema}.messages (endpoint_id, seq);
          CREATE INDEX messages_by_time ON ${schema}.messages (endpoint_id, created_at) WHERE replay_of IS NULL;
          CREATE TABLE ${schema}.attempts (
            message_id uuid NOT NULL,
            attempt integer NOT NULL,
            attempted_at timestamptz NOT NULL,
            status_code integer,
            error text,
            duration_ms integer NOT NULL,
            PRIMARY KEY (message_id, attempt)
          );
          CREATE TABLE ${schema}.endpoint_health (
            endpoint_id text PRIMARY KEY,
            failing_since timestamptz,
            last_success_at timestamptz,
            paused_until timestamptz,
            last_failure text,
            -- The revision of the last WebhookEndpointEnabled applied: a rebuild applies it again, and must not
            -- move the delivery log (reschedule what waited, forget since when the endpoint fails) a second time.
            enabled_revision bigint
          );
        `,
      },
      {
        version: 2,
        name: 'sites by code',
        // Every event placed at a site looks its province up by code: without an index each one read every
        // site, and a rebuild grew with the square of the log.
        up: (schema) => `CREATE INDEX sites_code ON ${schema}.sites (code);`,
      },
    ],
    async reset(tx: SqlQueryable): Promise<void> {
      // The delivery log (messages, attempts, health) stays: see above.
      await tx.query(`TRUNCATE ${s}.subscriptions, ${s}.secrets, ${s}.sites, ${s}.case_sites`);
    },
    async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
      if ((WEBHOOK_ENDPOINT_EVENT_TYPES as readonly string[]).includes(recorded.type)) {
        await applyEndpointEvent(tx, recorded);
        return;
      }
      const integration = catalogue.toIntegrationEvent(recorded);
      if (!integration) return;
      const place = await placeOf(tx, recorded, integration);
      const endpoints = await tx.query<{ endpoint_id: string }>(
        `SELECT endpoint_id FROM ${s}.subscriptions
         WHERE enabled AND $1 = ANY (event_types)
           AND (cardinality(provinces) = 0 OR $2 = ANY (provinces))
           AND (cardinality(site_codes) = 0 OR $3 = ANY (site_codes))`,
        [integration.definition.type, place.province, place.siteCode],
      );
      if (endpoints.length === 0) return;
      const payload = JSON.stringify(cloudEventOf(recorded, integration));
      for (const { endpoint_id: endpointId } of endpoints) {
        await tx.query(
          `INSERT INTO ${s}.messages (message_id, endpoint_id, event_id, event_type, order_key, joint_case_id,
             global_position, payload, created_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (message_id) DO NOTHING`,
          [
            webhookMessageIdFor(endpointId, recorded.eventId),
            endpointId,
            recorded.eventId,
            integration.definition.type,
            partitionKeyOf(recorded),
            recorded.metadata.jointCaseId,
            recorded.globalPosition,
            payload,
            recorded.recordedAt,
          ],
        );
      }
    },
    /**
     * A page, to the rows `apply` one event at a time leaves, in a few statements per run of events between two
     * endpoint events: the endpoints read once, the sites and case places the run needs read once and followed
     * in memory as the run would change them, then the run's sites, case places and messages written in one
     * insert each, in log order. An endpoint event is applied as `apply` does, between two runs.
     */
    async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
      let run: RecordedEvent[] = [];
      for (const recorded of events) {
        if ((WEBHOOK_ENDPOINT_EVENT_TYPES as readonly string[]).includes(recorded.type)) {
          await applyRun(tx, run, catalogue);
          run = [];
          await applyEndpointEvent(tx, recorded);
        } else {
          run.push(recorded);
        }
      }
      await applyRun(tx, run, catalogue);
    },
  };
}

/** A run of a page's integration events (no endpoint event among them): see `applyPage`. */
async function applyRun(
  tx: SqlQueryable,
  run: readonly RecordedEvent[],
  catalogue: IntegrationEventCatalogue,
): Promise<void> {
  const published = run
    .map((recorded) => ({ recorded, integration: catalogue.toIntegrationEvent(recorded) }))
    .filter((e): e is { recorded: RecordedEvent; integration: IntegrationEvent } => e.integration !== undefined);
  if (published.length === 0) return;
  const places = await PagePlaces.load(tx, published);
  const subscriptions = await tx.query<{
    endpoint_id: string;
    event_types: string[];
    provinces: string[];
    site_codes: string[];
  }>(`SELECT endpoint_id, event_types, provinces, site_codes FROM ${s}.subscriptions WHERE enabled`);
  const messages: unknown[] = [];
  for (const { recorded, integration } of published) {
    const place = await places.placeOf(recorded, integration);
    const type = integration.definition.type;
    const endpoints = subscriptions.filter(
      (e) =>
        e.event_types.includes(type) &&
        (e.provinces.length === 0 || (place.province !== null && e.provinces.includes(place.province))) &&
        (e.site_codes.length === 0 || (place.siteCode !== null && e.site_codes.includes(place.siteCode))),
    );
    if (endpoints.length === 0) continue;
    const payload = JSON.stringify(cloudEventOf(recorded, integration));
    for (const { endpoint_id: endpointId } of endpoints) {
      messages.push({
        messageId: webhookMessageIdFor(endpointId, recorded.eventId),
        endpointId,
        eventId: recorded.eventId,
        eventType: type,
        orderKey: partitionKeyOf(recorded),
        jointCaseId: recorded.metadata.jointCaseId,
        globalPosition: recorded.globalPosition,
        payload,
        createdAt: recorded.recordedAt.toISOString(),
      });
    }
  }
  await places.write();
  if (messages.length === 0) return;
  await tx.query(
    `INSERT INTO ${s}.messages (message_id, endpoint_id, event_id, event_type, order_key, joint_case_id,
       global_position, payload, created_at, next_attempt_at)
     SELECT (r->>'messageId')::uuid, r->>'endpointId', (r->>'eventId')::uuid, r->>'eventType', r->>'orderKey',
       r->>'jointCaseId', (r->>'globalPosition')::bigint, r->>'payload', (r->>'createdAt')::timestamptz,
       (r->>'createdAt')::timestamptz
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
     ORDER BY n
     ON CONFLICT (message_id) DO NOTHING`,
    [JSON.stringify(messages)],
  );
}

interface KnownSite {
  readonly siteId: string;
  readonly code: string;
  readonly province: string;
}

/**
 * The sites and case places a run of events needs, read in two statements and then kept in memory as `placeOf`
 * would change the tables (insert if absent), with what the run adds written at the end.
 */
class PagePlaces {
  private readonly newSites: KnownSite[] = [];
  private readonly newCaseSites: { jointCaseId: string; siteCode: string }[] = [];

  private constructor(
    private readonly tx: SqlQueryable,
    private readonly sitesById: Map<string, KnownSite>,
    /** Every site known under a code, in the order the table returned them. */
    private readonly sitesByCode: Map<string, KnownSite[]>,
    private readonly caseSites: Map<string, string>,
  ) {}

  static async load(
    tx: SqlQueryable,
    run: readonly { recorded: RecordedEvent; integration: IntegrationEvent }[],
  ): Promise<PagePlaces> {
    const siteIds = new Set<string>();
    const codes = new Set<string>();
    const cases = new Set<string>();
    for (const { recorded, integration } of run) {
      const text = textOf(integration);
      const siteId = text('siteId');
      if (siteId) siteIds.add(siteId);
      const code = text('siteCode') ?? text('code');
      if (code) codes.add(code);
      if (recorded.metadata.jointCaseId) cases.add(recorded.metadata.jointCaseId);
    }
    const caseSites = new Map(
      (
        await tx.query<{ joint_case_id: string; site_code: string }>(
          `SELECT joint_case_id, site_code FROM ${s}.case_sites WHERE joint_case_id = ANY($1::text[])`,
          [[...cases]],
        )
      ).map((r) => [r.joint_case_id, r.site_code]),
    );
    for (const code of caseSites.values()) codes.add(code);
    const sites = await tx.query<{ site_id: string; code: string; province: string }>(
      // Every site under a code the run may look up: the codes it names, its cases', its sites'.
      `SELECT site_id, code, province FROM ${s}.sites
       WHERE site_id = ANY($1::text[]) OR code = ANY($2::text[])
          OR code IN (SELECT code FROM ${s}.sites WHERE site_id = ANY($1::text[]))`,
      [[...siteIds], [...codes]],
    );
    const places = new PagePlaces(tx, new Map(), new Map(), caseSites);
    for (const r of sites) places.remember({ siteId: r.site_id, code: r.code, province: r.province });
    return places;
  }

  private remember(site: KnownSite): void {
    this.sitesById.set(site.siteId, site);
    const list = this.sitesByCode.get(site.code) ?? [];
    list.push(site);
    this.sitesByCode.set(site.code, list);
  }

  /** As `placeOf` finds it, one event after the other. */
  async placeOf(recorded: RecordedEvent, integration: IntegrationEvent): Promise<Place> {
    const text = textOf(integration);
    if (recorded.type === 'MineSiteRegistered') {
      const siteId = text('siteId');
      const code = text('code');
      const province = text('province');
      if (siteId && code && province && !this.sitesById.has(siteId)) {
        const site = { siteId, code, province };
        this.remember(site);
        this.newSites.push(site);
      }
    }
    let siteCode = text('siteCode') ?? (recorded.type === 'MineSiteRegistered' ? text('code') : null);
    const siteId = text('siteId');
    if (!siteCode && siteId) siteCode = this.sitesById.get(siteId)?.code ?? null;
    const jointCaseId = recorded.metadata.jointCaseId;
    if (jointCaseId) {
      if (siteCode) {
        if (!this.caseSites.has(jointCaseId)) {
          this.caseSites.set(jointCaseId, siteCode);
          this.newCaseSites.push({ jointCaseId, siteCode });
        }
      } else {
        siteCode = this.caseSites.get(jointCaseId) ?? null;
      }
    }
    if (siteCode) {
      const province = await this.provinceOf(siteCode);
      if (province !== undefined) return { siteCode, province };
    }
    return { siteCode, province: provinceOf(text('province')) };
  }

  /**
   * The province of the site under a code. Two sites under one code that disagree: the table answers, as it
   * does one event at a time (with what this run added written first).
   */
  private async provinceOf(code: string): Promise<string | undefined> {
    const known = this.sitesByCode.get(code) ?? [];
    const provinces = new Set(known.map((site) => site.province));
    if (provinces.size <= 1) return known[0]?.province;
    await this.write();
    const [site] = await this.tx.query<{ province: string }>(`SELECT province FROM ${s}.sites WHERE code = $1`, [code]);
    return site?.province;
  }

  /** Writes what the run added so far (once each). */
  async write(): Promise<void> {
    if (this.newSites.length > 0) {
      await this.tx.query(
        `INSERT INTO ${s}.sites (site_id, code, province)
         SELECT r->>'siteId', r->>'code', r->>'province' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
         ORDER BY n ON CONFLICT DO NOTHING`,
        [JSON.stringify(this.newSites.splice(0))],
      );
    }
    if (this.newCaseSites.length > 0) {
      await this.tx.query(
        `INSERT INTO ${s}.case_sites (joint_case_id, site_code)
         SELECT r->>'jointCaseId', r->>'siteCode' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
         ORDER BY n ON CONFLICT DO NOTHING`,
        [JSON.stringify(this.newCaseSites.splice(0))],
      );
    }
  }
}

/** A non-empty text field of an integration event's data, or null. */
function textOf(integration: IntegrationEvent): (key: string) => string | null {
  const data = integration.data;
  return (key) => {
    const value = data[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
}

/** The structured-mode CloudEvent (JSON) an integrator receives: the attributes the Kafka messages carry. */
export function cloudEventOf(recorded: RecordedEvent, integration: IntegrationEvent): Record<string, unknown> {
  return {
    ...cloudEventAttributes(recorded, integration, sourceOf(integration.definition.context)),
    data: integration.data,
  };
}

interface Place {
  readonly siteCode: string | null;
  readonly province: string | null;
}

/**
 * Where an event happened, for the endpoints that filter by province or site: the site it names, else the
 * site its joint case was first placed at; the province of that site, else the one it names (a meeting).
 * An event that cannot be placed reaches only endpoints that do not filter.
 */
async function placeOf(tx: SqlQueryable, recorded: RecordedEvent, integration: IntegrationEvent): Promise<Place> {
  const data = integration.data;
  const text = (key: string): string | null => {
    const value = data[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  if (recorded.type === 'MineSiteRegistered') {
    const siteId = text('siteId');
    const code = text('code');
    const province = text('province');
    if (siteId && code && province) {
      await tx.query(`INSERT INTO ${s}.sites (site_id, code, province) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        siteId,
        code,
        province,
      ]);
    }
  }
  let siteCode = text('siteCode') ?? (recorded.type === 'MineSiteRegistered' ? text('code') : null);
  const siteId = text('siteId');
  if (!siteCode && siteId) {
    const [site] = await tx.query<{ code: string }>(`SELECT code FROM ${s}.sites WHERE site_id = $1`, [siteId]);
    siteCode = site?.code ?? null;
  }
  const jointCaseId = recorded.metadata.jointCaseId;
  if (jointCaseId) {
    if (siteCode) {
      await tx.query(`INSERT INTO ${s}.case_sites (joint_case_id, site_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        jointCaseId,
        siteCode,
      ]);
    } else {
      const [known] = await tx.query<{ site_code: string }>(
        `SELECT site_code FROM ${s}.case_sites WHERE joint_case_id = $1`,
        [jointCaseId],
      );
      siteCode = known?.site_code ?? null;
    }
  }
  if (siteCode) {
    const [site] = await tx.query<{ province: string }>(`SELECT province FROM ${s}.sites WHERE code = $1`, [siteCode]);
    if (site) return { siteCode, province: site.province };
  }
  return { siteCode, province: provinceOf(text('province')) };
}

/** Meetings name a province as NK or SK; the sites' vocabulary is north_kivu or south_kivu. */
function provinceOf(value: string | null): string | null {
  if (value === 'NK') return 'north_kivu';
  if (value === 'SK') return 'south_kivu';
  return value;
}

async function applyEndpointEvent(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
  const event = toWebhookEndpointEvent(recorded);
  const revision = recorded.streamRevision;
  const moved = async (endpointId: string, set: string, params: readonly unknown[] = []): Promise<boolean> =>
    (
      await tx.query(
        `UPDATE ${s}.subscriptions SET ${set === '' ? '' : `${set}, `}revision = $2
         WHERE endpoint_id = $1 AND revision < $2 RETURNING endpoint_id`,
        [endpointId, revision, ...params],
      )
    ).length > 0;
  switch (event.type) {
    case 'WebhookEndpointCreated': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.subscriptions (endpoint_id, url, event_types, provinces, site_codes, enabled, revision)
         VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (endpoint_id) DO NOTHING`,
        [d.endpointId, d.url, d.eventTypes, d.provinces, d.siteCodes, revision],
      );
      await tx.query(`INSERT INTO ${s}.secrets (endpoint_id, secret_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        d.endpointId,
        d.secretId,
      ]);
      return;
    }
    case 'WebhookEndpointChanged': {
      const d = event.data;
      await moved(d.endpointId, 'url = $3, event_types = $4, provinces = $5, site_codes = $6', [
        d.url,
        d.eventTypes,
        d.provinces,
        d.siteCodes,
      ]);
      return;
    }
    case 'WebhookSecretRotated': {
      const d = event.data;
      if (await moved(d.endpointId, '')) {
        await tx.query(`UPDATE ${s}.secrets SET valid_until = $3 WHERE endpoint_id = $1 AND secret_id = $2`, [
          d.endpointId,
          d.previousSecretId,
          d.previousValidUntil,
        ]);
        await tx.query(`INSERT INTO ${s}.secrets (endpoint_id, secret_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          d.endpointId,
          d.secretId,
        ]);
      }
      return;
    }
    case 'WebhookEndpointDisabled':
      await moved(event.data.endpointId, 'enabled = false');
      return;
    case 'WebhookEndpointEnabled': {
      if (!(await moved(event.data.endpointId, 'enabled = true'))) return;
      // Enabled again: what waited is tried at once, and the failing clock starts again; once per event, even
      // when a rebuild reads it again (the delivery log is not the projection's to redo).
      const first = await tx.query(
        `INSERT INTO ${s}.endpoint_health (endpoint_id, enabled_revision) VALUES ($1, $2)
         ON CONFLICT (endpoint_id) DO UPDATE SET failing_since = NULL, paused_until = NULL, enabled_revision = $2
         WHERE ${s}.endpoint_health.enabled_revision IS NULL OR ${s}.endpoint_health.enabled_revision < $2
         RETURNING endpoint_id`,
        [event.data.endpointId, revision],
      );
      if (first.length > 0) {
        await tx.query(`UPDATE ${s}.messages SET next_attempt_at = $2 WHERE endpoint_id = $1 AND state = 'pending'`, [
          event.data.endpointId,
          recorded.recordedAt,
        ]);
      }
      return;
    }
    case 'WebhookEndpointDeleted':
      // Nothing more is made or sent; the delivery log stays for the record.
      await tx.query(`DELETE FROM ${s}.subscriptions WHERE endpoint_id = $1`, [event.data.endpointId]);
      await tx.query(`DELETE FROM ${s}.secrets WHERE endpoint_id = $1`, [event.data.endpointId]);
      return;
    case 'WebhookReplayRequested': {
      const d = event.data;
      if (!(await moved(d.endpointId, ''))) return;
      const originals = await tx.query<{ message_id: string }>(
        d.messageId !== null
          ? `SELECT message_id FROM ${s}.messages WHERE endpoint_id = $1 AND message_id = $2`
          : `SELECT message_id FROM ${s}.messages
             WHERE endpoint_id = $1 AND replay_of IS NULL AND created_at >= $2 AND created_at < $3 ORDER BY seq`,
        d.messageId !== null ? [d.endpointId, d.messageId] : [d.endpointId, d.from, d.to],
      );
      for (const { message_id: original } of originals) {
        await tx.query(
          `INSERT INTO ${s}.messages (message_id, endpoint_id, event_id, event_type, order_key, joint_case_id,
             global_position, payload, created_at, next_attempt_at, replay_of)
           SELECT $1, endpoint_id, event_id, event_type, order_key, joint_case_id, global_position, payload, $2, $2,
                  message_id
           FROM ${s}.messages WHERE message_id = $3
           ON CONFLICT (message_id) DO NOTHING`,
          [replayedMessageIdFor(d.replayId, original), d.requestedAt, original],
        );
      }
      return;
    }
  }
}
