import { type Decider, NotFoundError, RuleViolationError } from '@pamoja/contracts';
import {
  type ClassifySiteIncident,
  type CloseSiteIncident,
  type ReportSiteIncident,
  type SiteIncidentCommand,
} from './site-incident.commands.js';
import {
  type SiteIncidentClassified,
  type SiteIncidentClosed,
  type SiteIncidentEvent,
  type SiteIncidentReported,
} from './site-incident.events.js';
import { NO_SITE_INCIDENT, type ReportedSiteIncident, type SiteIncidentState } from './site-incident.state.js';

export function siteIncidentStreamId(incidentId: string): `incident-${string}` {
  return `incident-${incidentId}`;
}

export const siteIncidentDecider: Decider<SiteIncidentCommand, SiteIncidentEvent, SiteIncidentState> = {
  initialState: NO_SITE_INCIDENT,
  decide,
  evolve,
};

function decide(command: SiteIncidentCommand, state: SiteIncidentState): SiteIncidentEvent[] {
  switch (command.type) {
    case 'ReportSiteIncident':
      return [report(command, state)];
    case 'ClassifySiteIncident':
      return [classify(command, state)];
    case 'CloseSiteIncident':
      return [close(command, state)];
  }
}

function evolve(state: SiteIncidentState, event: SiteIncidentEvent): SiteIncidentState {
  switch (event.type) {
    case 'SiteIncidentReported': {
      const { incidentId, siteId, jointCaseId, reportedAt } = event.data;
      return { status: 'open', incidentId, siteId, jointCaseId, level: null, category: null, reportedAt };
    }
    // A later event cannot precede SiteIncidentReported in a stream; ignoring one keeps evolve total.
    case 'SiteIncidentClassified':
      return state.status === 'none' ? state : { ...state, level: event.data.level, category: event.data.category };
    case 'SiteIncidentClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed' };
  }
}

function report(
  { data, metadata: { actor, now } }: ReportSiteIncident,
  state: SiteIncidentState,
): SiteIncidentReported {
  if (state.status !== 'none') {
    throw new RuleViolationError('incident_already_reported', `Incident ${state.incidentId} is already reported`);
  }
  return {
    type: 'SiteIncidentReported',
    schemaVersion: 1,
    data: {
      incidentId: data.incidentId,
      siteId: data.siteId,
      jointCaseId: data.jointCaseId,
      source: data.source,
      description: data.description,
      reportedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function classify(
  { data, metadata: { actor, now } }: ClassifySiteIncident,
  state: SiteIncidentState,
): SiteIncidentClassified {
  const incident = open(state, data.incidentId);
  const category = data.category ?? incident.category;
  // A reclassification is allowed (more is learnt while it is open), a repeat is a mistake worth telling.
  if (incident.level === data.level && incident.category === category) {
    throw new RuleViolationError(
      'incident_level_unchanged',
      `Incident ${incident.incidentId} is already level ${data.level}${category === null ? '' : ` (${category})`}`,
    );
  }
  return {
    type: 'SiteIncidentClassified',
    schemaVersion: 2,
    data: {
      incidentId: incident.incidentId,
      level: data.level,
      previousLevel: incident.level,
      category,
      classifiedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function close({ data, metadata }: CloseSiteIncident, state: SiteIncidentState): SiteIncidentClosed {
  const { actor, now, siteStatus, siteStatusReviewedAt } = metadata;
  const incident = open(state, data.incidentId);
  if (incident.level === null) {
    throw new RuleViolationError(
      'incident_not_classified',
      `Incident ${incident.incidentId} must be classified (level 1 to 3) before it is closed`,
    );
  }
  // While a site is suspended, its incidents are the record of why: they stay open until the mining
  // authority has looked at the site's status again since the incident came in.
  if (
    siteStatus === 'red' &&
    (siteStatusReviewedAt === null || siteStatusReviewedAt.getTime() <= Date.parse(incident.reportedAt))
  ) {
    throw new RuleViolationError(
      'red_site_status_not_reviewed',
      `The site of incident ${incident.incidentId} is red (suspended) and its status has not been reviewed since the incident was reported`,
    );
  }
  return {
    type: 'SiteIncidentClosed',
    schemaVersion: 1,
    data: {
      incidentId: incident.incidentId,
      summary: data.summary,
      closedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function open(state: SiteIncidentState, incidentId: string): ReportedSiteIncident {
  if (state.status === 'none') throw new NotFoundError('SiteIncident', incidentId);
  if (state.status === 'closed') {
    throw new RuleViolationError('incident_closed', `Incident ${state.incidentId} is closed and takes no more changes`);
  }
  return state;
}
