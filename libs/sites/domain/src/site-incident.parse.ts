import { type InputParser, parseInput, type Unparsed } from '@pamoja/contracts';
import {
  type ClassifySiteIncident,
  type CloseSiteIncident,
  type ReportSiteIncident,
  type SentSiteIncidentCommand,
  type SiteIncidentCommand,
} from './site-incident.commands.js';
import {
  ANNEX_II_CATEGORIES,
  isAnnexIICategory,
  isIncidentLevel,
  isIncidentSource,
  SITES_LIMITS,
} from './vocabularies.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An incident command as the decider takes it: every field problem named at once, free text trimmed,
 * vocabularies known. What depends on the incident and its site so far is the decider's.
 */
export function parseSiteIncidentCommand(sent: SentSiteIncidentCommand): SiteIncidentCommand {
  switch (sent.type) {
    case 'ReportSiteIncident':
      return parseInput((p) => report(p, sent));
    case 'ClassifySiteIncident':
      return parseInput((p) => classify(p, sent));
    case 'CloseSiteIncident':
      return parseInput((p) => close(p, sent));
  }
}

function report(p: InputParser, { data, metadata }: Unparsed<ReportSiteIncident>): ReportSiteIncident {
  p.id('incidentId', data.incidentId);
  p.id('siteId', data.siteId);
  // Joint case ids are UUIDs everywhere; anything else would tag events with a case nobody can find.
  if (data.jointCaseId !== null && !UUID.test(data.jointCaseId)) p.add('jointCaseId', 'must be null or a UUID');
  if (!isIncidentSource(data.source)) p.add('source', 'must be field_agent, whistle_blower, civil_society or sms');
  const description = p.text('description', data.description, SITES_LIMITS.maxTextLength);
  return { type: 'ReportSiteIncident', metadata, data: { ...data, description } };
}

function classify(p: InputParser, command: Unparsed<ClassifySiteIncident>): ClassifySiteIncident {
  if (!isIncidentLevel(command.data.level)) p.add('level', 'must be 1 (most serious, OECD Annex II), 2 or 3');
  // Absent is null: a client of before categories classifies by level alone.
  const category = command.data.category ?? null;
  if (category !== null && !isAnnexIICategory(category)) {
    p.add('category', `must be null or one of ${ANNEX_II_CATEGORIES.join(', ')}`);
  }
  return { ...command, data: { ...command.data, category } };
}

function close(p: InputParser, { data, metadata }: Unparsed<CloseSiteIncident>): CloseSiteIncident {
  const summary = p.text('summary', data.summary, SITES_LIMITS.maxTextLength);
  return { type: 'CloseSiteIncident', metadata, data: { ...data, summary } };
}
