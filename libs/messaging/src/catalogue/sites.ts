import { constant, decimal, instant, integer, list, nullable, text } from '../fields.js';
import { defineIntegrationEvent, type IntegrationEventDefinition } from '../integration-event.js';

// Sites: mine sites are public registry facts (code, name, place, minerals, coordinates, status colour),
// shared in full except the inspectors' and status-change texts. Incidents share ids, site, joint case,
// source category and level, never the report's text.
// Mine-site events have no joint case: their Kafka key is the stream id (`site-<siteId>`), which keeps
// one site's events in order. Incidents without a joint case likewise fall back to `incident-<id>`.

const context = 'sites';
const FREE_TEXT = 'free text written by a user: may name or describe people';

export const SITE_INTEGRATION_EVENTS = [
  defineIntegrationEvent({
    context,
    domainEventType: 'MineSiteRegistered',
    description: 'A mine site entered the registry (always blue: not yet verified).',
    fields: {
      siteId: text(),
      code: text({ description: 'registry code, e.g. NK-MAS-014' }),
      name: text({ description: 'the name of the site (a place, not a person)' }),
      province: text(),
      territory: text(),
      minerals: list(text()),
      latitude: decimal(),
      longitude: decimal(),
      status: constant('blue'),
      registeredAt: instant(),
      byAgencyId: text(),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'MineSiteInspected',
    description: 'An inspection team visited the site and recommended a status.',
    fields: {
      siteId: text(),
      inspectedAt: instant(),
      inspectingAgency: text({ description: 'the team as named on its report (an organisation)' }),
      recommendedStatus: text({ description: 'green | yellow | red' }),
      recordedAt: instant(),
      byAgencyId: text(),
    },
    excluded: {
      findings: FREE_TEXT,
      indicatorsObserved: `${FREE_TEXT} (indicators as the team wrote them, not a vocabulary)`,
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'MineSiteStatusChanged',
    description: 'The mining authority changed the site status colour.',
    fields: {
      siteId: text(),
      from: text(),
      to: text(),
      remediationDeadline: nullable(instant({ description: 'only for yellow' })),
      changedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'MineSiteIcglrIdRecorded',
    description: "The mining authority recorded the site's ICGLR identification number (or corrected it).",
    fields: {
      siteId: text(),
      icglrId: text({ description: 'letters and digits, as the ICGLR regional database gave it' }),
      previousIcglrId: nullable(text({ description: 'the id it replaces' })),
      recordedAt: instant(),
      byAgencyId: text(),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'SiteIncidentReported',
    description: 'An incident was reported at a mine site.',
    fields: {
      incidentId: text(),
      siteId: text(),
      jointCaseId: nullable(text()),
      source: text({ description: 'field_agent | whistle_blower | civil_society | sms' }),
      reportedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { description: `${FREE_TEXT}; a whistle-blower's safety depends on what it says` },
  }),
  readingOlderClassifications(
    defineIntegrationEvent({
      context,
      domainEventType: 'SiteIncidentClassified',
      domainSchemaVersion: 2,
      description: 'The incident was classified (1 most serious, OECD Annex II, to 3), with its Annex II risk.',
      fields: {
        incidentId: text(),
        level: integer(),
        previousLevel: nullable(integer()),
        category: nullable(
          text({ description: 'the OECD Annex II risk, e.g. forced_labour; null when none was given' }),
        ),
        classifiedAt: instant(),
        byAgencyId: text(),
      },
    }),
  ),
  defineIntegrationEvent({
    context,
    domainEventType: 'SiteIncidentClosed',
    description: 'The incident was closed.',
    fields: { incidentId: text(), closedAt: instant(), byAgencyId: text() },
    excluded: {
      summary: `${FREE_TEXT}; meant for publication, but only after a person has checked it identifies nobody`,
    },
  }),
] as const satisfies readonly IntegrationEventDefinition[];

/**
 * Classifications published before incidents had an OECD Annex II category stay on the topic for ever:
 * consumers read them as the store upcasts the domain event, with no category.
 */
function readingOlderClassifications<D extends IntegrationEventDefinition>(definition: D): D {
  return { ...definition, readOlderPayload: withNoCategory };
}

function withNoCategory(data: unknown): unknown {
  // Anything but an object is left as it is, for the parser to refuse naming what is wrong.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const fields = data as Readonly<Record<string, unknown>>;
  return fields['category'] === undefined ? { ...fields, category: null } : data;
}
