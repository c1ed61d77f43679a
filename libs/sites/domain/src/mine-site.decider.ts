import { type Actor, type Decider, NotFoundError, RuleViolationError } from '@pamoja/contracts';
import {
  type ChangeSiteStatus,
  type MineSiteCommand,
  type RecordIcglrId,
  type RecordInspection,
  type RegisterMineSite,
} from './mine-site.commands.js';
import {
  type MineSiteEvent,
  type MineSiteIcglrIdRecorded,
  type MineSiteInspected,
  type MineSiteRegistered,
  type MineSiteStatusChanged,
} from './mine-site.events.js';
import { type MineSiteState, NO_MINE_SITE, type RegisteredMineSite } from './mine-site.state.js';

export function mineSiteStreamId(siteId: string): `site-${string}` {
  return `site-${siteId}`;
}

export const mineSiteDecider: Decider<MineSiteCommand, MineSiteEvent, MineSiteState> = {
  initialState: NO_MINE_SITE,
  decide,
  evolve,
};

function decide(command: MineSiteCommand, state: MineSiteState): MineSiteEvent[] {
  switch (command.type) {
    case 'RegisterMineSite':
      return [register(command, state)];
    case 'RecordInspection':
      return [inspect(command, state)];
    case 'ChangeSiteStatus':
      return [changeStatus(command, state)];
    case 'RecordIcglrId':
      return [recordIcglrId(command, state)];
  }
}

function evolve(state: MineSiteState, event: MineSiteEvent): MineSiteState {
  switch (event.type) {
    case 'MineSiteRegistered': {
      const { siteId, code, province, registeredAt, status } = event.data;
      return { status, siteId, code, province, registeredAt, statusChangedAt: null, icglrId: null };
    }
    case 'MineSiteInspected':
      // An inspection recommends; only a status change by the mining authority decides.
      return state;
    case 'MineSiteStatusChanged':
      // A change cannot precede MineSiteRegistered in a stream; ignoring one keeps evolve total.
      return state.status === 'none'
        ? state
        : { ...state, status: event.data.to, statusChangedAt: event.data.changedAt };
    case 'MineSiteIcglrIdRecorded':
      return state.status === 'none' ? state : { ...state, icglrId: event.data.icglrId };
  }
}

function register({ data, metadata: { actor, now } }: RegisterMineSite, state: MineSiteState): MineSiteRegistered {
  if (state.status !== 'none') {
    throw new RuleViolationError('site_already_registered', `Mine site ${state.code} is already registered`);
  }
  return {
    type: 'MineSiteRegistered',
    schemaVersion: 1,
    data: {
      siteId: data.siteId,
      code: data.code,
      name: data.name,
      province: data.province,
      territory: data.territory,
      minerals: [...data.minerals],
      latitude: data.latitude,
      longitude: data.longitude,
      status: 'blue',
      registeredAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function inspect({ data, metadata: { actor, now } }: RecordInspection, state: MineSiteState): MineSiteInspected {
  const site = registered(state, data.siteId);
  return {
    type: 'MineSiteInspected',
    schemaVersion: 1,
    data: {
      siteId: site.siteId,
      inspectedAt: data.inspectedAt.toISOString(),
      inspectingAgency: data.inspectingAgency,
      findings: data.findings,
      indicatorsObserved: [...data.indicatorsObserved],
      recommendedStatus: data.recommendedStatus,
      recordedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function changeStatus(
  { data, metadata: { actor, now } }: ChangeSiteStatus,
  state: MineSiteState,
): MineSiteStatusChanged {
  const site = registered(state, data.siteId);
  assertMiningAuthority(actor);
  if (data.to === site.status) {
    throw new RuleViolationError('status_unchanged', `Mine site ${site.code} is already ${site.status}`);
  }

  return {
    type: 'MineSiteStatusChanged',
    schemaVersion: 1,
    data: {
      siteId: site.siteId,
      from: site.status,
      to: data.to,
      reason: data.reason,
      remediationDeadline: data.remediationDeadline?.toISOString() ?? null,
      changedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function recordIcglrId(
  { data, metadata: { actor, now } }: RecordIcglrId,
  state: MineSiteState,
): MineSiteIcglrIdRecorded {
  const site = registered(state, data.siteId);
  assertMiningAuthority(actor, 'record the ICGLR id of a site');
  if (site.icglrId === data.icglrId) {
    throw new RuleViolationError('icglr_id_unchanged', `Mine site ${site.code} already has ICGLR id ${data.icglrId}`);
  }
  return {
    type: 'MineSiteIcglrIdRecorded',
    schemaVersion: 1,
    data: {
      siteId: site.siteId,
      icglrId: data.icglrId,
      previousIcglrId: site.icglrId,
      recordedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function registered(state: MineSiteState, siteId: string): RegisteredMineSite {
  if (state.status === 'none') throw new NotFoundError('MineSite', siteId);
  return state;
}

/** Site status is a regulatory decision of SAEMAPE or the Division des Mines, not of the other agencies. */
function assertMiningAuthority(actor: Actor, what = 'change the status of a site'): void {
  if (actor.agencyType !== 'mining_authority') {
    throw new RuleViolationError('only_mining_authority', `Only a mining authority may ${what}`);
  }
}
