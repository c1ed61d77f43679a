import { MINE_SITE_STATUSES, MINERALS, PROVINCES, TERRITORIES } from '@pamoja/sites/domain';
import { FEED_INCIDENT_CATEGORIES, MINERAL_HS_CODES } from '@pamoja/sites/application';

/** An ISO-8601 UTC instant as the feed writes it (`Date.prototype.toISOString`). */
const INSTANT = {
  type: 'string',
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
};
const URN = {
  type: 'string',
  pattern: '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
};
const STATUS = { type: 'string', enum: [...MINE_SITE_STATUSES] };

/**
 * A count as published: the number (0, or at least k) or, under k, `null` with `withheld: true`. The two
 * branches make a withheld count that carries a number invalid.
 */
const COUNT_OF = (properties: Record<string, unknown>) => ({
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: [...Object.keys(properties), 'count', 'withheld'],
      properties: { ...properties, count: { type: 'integer', minimum: 0 }, withheld: { const: false } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: [...Object.keys(properties), 'count', 'withheld'],
      properties: { ...properties, count: { type: 'null' }, withheld: { const: true } },
    },
  ],
});

/** The JSON Schema (draft 2020-12) of `/feeds/sites.json` and `/feeds/sites/<code>.json`, served at `/feeds/sites.schema.json`. */
export const SITE_FEED_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:pamoja:site-feed:v1',
  title: 'Pamoja supply-chain feed per mine site',
  description:
    'Registry facts, status history and incident counts by OECD Annex II category and level of the artisanal ' +
    'mine sites of North and South Kivu, as they stood at asOf (a delay before the request). No person, no case, ' +
    'no free text; a count under minCellCount (k) is withheld.',
  type: 'object',
  additionalProperties: false,
  required: ['feed', 'version', 'asOf', 'delayDays', 'minCellCount', 'sites'],
  properties: {
    feed: { const: 'pamoja-site-feed' },
    version: { const: 1 },
    asOf: { ...INSTANT, description: 'Nothing after this instant is in the feed' },
    delayDays: { type: 'integer', minimum: 0 },
    minCellCount: { type: 'integer', minimum: 2, description: 'k: a non-zero count under it is withheld' },
    sites: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'code',
          'icglrId',
          'name',
          'province',
          'territory',
          'latitude',
          'longitude',
          'minerals',
          'registeredAt',
          'status',
          'statusSince',
          'statusHistory',
          'updatedAt',
          'incidents',
        ],
        properties: {
          id: URN,
          code: { type: 'string', pattern: '^(NK|SK)-[A-Z]{3}-\\d{3}$', description: 'National registry code' },
          icglrId: { type: ['string', 'null'], pattern: '^[A-Za-z0-9]{4,40}$' },
          name: { type: 'string', description: 'The name of the place' },
          province: { type: 'string', enum: [...PROVINCES] },
          territory: { type: 'string', enum: [...TERRITORIES] },
          latitude: { type: 'number', minimum: -90, maximum: 90 },
          longitude: { type: 'number', minimum: -180, maximum: 180 },
          minerals: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['mineral', 'hsCode', 'hsDescription'],
              properties: {
                mineral: { type: 'string', enum: [...MINERALS] },
                hsCode: {
                  type: 'string',
                  enum: Object.values(MINERAL_HS_CODES).map((code) => code.hsCode),
                  description: 'Harmonized System subheading (WCO HS 2022)',
                },
                hsDescription: { type: 'string' },
              },
            },
          },
          registeredAt: INSTANT,
          status: STATUS,
          statusSince: INSTANT,
          statusHistory: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'status', 'previousStatus', 'at', 'remediationDeadline'],
              properties: {
                id: URN,
                status: STATUS,
                previousStatus: { type: ['string', 'null'], enum: [...MINE_SITE_STATUSES, null] },
                at: INSTANT,
                remediationDeadline: { oneOf: [INSTANT, { type: 'null' }] },
              },
            },
          },
          updatedAt: INSTANT,
          incidents: {
            type: 'object',
            additionalProperties: false,
            required: ['total', 'byCategoryAndLevel'],
            properties: {
              total: COUNT_OF({}),
              byCategoryAndLevel: {
                type: 'array',
                items: COUNT_OF({
                  category: { type: 'string', enum: [...FEED_INCIDENT_CATEGORIES] },
                  annexIIParagraph: { type: ['string', 'null'] },
                  level: { type: 'integer', enum: [1, 2, 3] },
                }),
              },
            },
          },
        },
      },
    },
  },
} as const;
