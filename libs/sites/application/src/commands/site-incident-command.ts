import { NotFoundError, type Unparsed, idDerivedFrom } from '@pamoja/contracts';
import { commandRunner, type CommandRunner, type EventStore, domainEventReader } from '@pamoja/event-store';
import {
  parseSiteIncidentCommand,
  SITE_INCIDENT_EVENT_TYPES,
  siteIncidentDecider,
  siteIncidentStreamId,
  type ClassifySiteIncident,
  type CloseSiteIncident,
  type IncidentLevel,
  type ReportSiteIncident,
  type SentSiteIncidentCommand,
  type SiteIncidentCommand,
  type SiteIncidentEvent,
  type SiteIncidentState,
  type SitesCommandMetadata,
} from '@pamoja/sites/domain';
import { loadMineSite } from './mine-site-command.js';

export interface SiteIncidentCommandResult {
  readonly incidentId: string;
  readonly siteId: string;
  readonly jointCaseId: string | null;
  readonly status: 'open' | 'closed';
  readonly level: IncidentLevel | null;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** A close request as the client makes it: the runner adds what the site's stream says before deciding. */
export interface CloseSiteIncidentRequest {
  readonly type: 'CloseSiteIncident';
  readonly data: Unparsed<CloseSiteIncident>['data'];
  readonly metadata: SitesCommandMetadata;
}

/** An incident command as a client sends it. */
export type SiteIncidentRequest =
  Unparsed<ReportSiteIncident> | Unparsed<ClassifySiteIncident> | CloseSiteIncidentRequest;

/** Namespace for incident ids derived from the reporting command's id (UUID v5): fixed forever. */
const SITE_INCIDENT_NAMESPACE = '5a7c9e1b-3d2f-5b4a-9c8e-6f1a2b3c4d5e';

export function incidentIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, SITE_INCIDENT_NAMESPACE);
}

const toDomainEvent = domainEventReader<SiteIncidentEvent>(SITE_INCIDENT_EVENT_TYPES);

async function loadIncident(store: EventStore, incidentId: string): Promise<SiteIncidentState> {
  const history = await store.readStream(siteIncidentStreamId(incidentId));
  return history
    .map(toDomainEvent)
    .reduce((state, event) => siteIncidentDecider.evolve(state, event), siteIncidentDecider.initialState);
}

/**
 * Reads what the incident's decision needs from the site's stream: that the site exists (an incident on
 * no known site would be lost), and for a close, its status and when that status was last reviewed.
 */
async function withSiteFacts(store: EventStore, request: SiteIncidentRequest): Promise<SentSiteIncidentCommand> {
  switch (request.type) {
    case 'ReportSiteIncident': {
      const site = await loadMineSite(store, request.data.siteId);
      if (site.status === 'none') throw new NotFoundError('MineSite', request.data.siteId);
      return request;
    }
    case 'ClassifySiteIncident':
      return request;
    case 'CloseSiteIncident': {
      const incident = await loadIncident(store, request.data.incidentId);
      if (incident.status === 'none') throw new NotFoundError('SiteIncident', request.data.incidentId);
      const site = await loadMineSite(store, incident.siteId);
      if (site.status === 'none') throw new NotFoundError('MineSite', incident.siteId);
      // Not read in the same transaction as the append, which is safe: a site's last review only moves
      // forward, so a stale read can refuse a close that a fresh one would allow, never the reverse.
      return {
        ...request,
        metadata: {
          ...request.metadata,
          siteStatus: site.status,
          siteStatusReviewedAt: site.statusChangedAt === null ? null : new Date(site.statusChangedAt),
        },
      };
    }
  }
}

/** Report, classify and close, once the site's facts are added: parsed, decided on the incident's stream. */
const decidedOnTheIncident = commandRunner({
  name: 'site-incident',
  parse: parseSiteIncidentCommand,
  decider: siteIncidentDecider,
  eventTypes: SITE_INCIDENT_EVENT_TYPES,
  streamId: (command: SiteIncidentCommand) => siteIncidentStreamId(command.data.incidentId),
  jointCaseId: {
    ofCommand: (command) => (command.type === 'ReportSiteIncident' ? command.data.jointCaseId : null),
    ofState: (state: SiteIncidentState) => (state.status === 'none' ? null : state.jointCaseId),
  },
  result: (outcome): SiteIncidentCommandResult => {
    const state = outcome.state;
    if (state.status === 'none') throw new Error('an incident command left no incident behind');
    return {
      incidentId: state.incidentId,
      siteId: state.siteId,
      jointCaseId: state.jointCaseId,
      status: state.status,
      level: state.level,
      revision: outcome.revision,
      replayed: outcome.replayed,
      position: outcome.position,
    };
  },
});

/**
 * Every incident command: what it needs of the site is read from the site's stream first (the site
 * exists; for a close, its status and last review), then the command runs on the incident's stream.
 */
export const siteIncidentCommands: CommandRunner<SiteIncidentRequest, SiteIncidentCommandResult> = {
  name: decidedOnTheIncident.name,
  token: decidedOnTheIncident.token,
  // The site is read from its own stream (it must exist); no other agency or site is named.
  references: () => [],
  // Asked only beside a directory refusal, and these commands name nothing of the directory.
  parseProblems: () => [],
  async run(store, request, context) {
    return decidedOnTheIncident.run(store, await withSiteFacts(store, request), context);
  },
};
