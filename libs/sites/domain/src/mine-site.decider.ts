import { type Actor, type Decider, InvalidInputError, NotFoundError, RuleViolationError } from '@pamoja/contracts';
import {
  type ChangeSiteStatus,
  type MineSiteCommand,
  type RecordInspection,
  type RegisterMineSite,
} from './mine-site.commands.js';
import {
  type MineSiteEvent,
  type MineSiteInspected,
  type MineSiteRegistered,
  type MineSiteStatusChanged,
} from './mine-site.events.js';
import { type MineSiteState, NO_MINE_SITE, type RegisteredMineSite } from './mine-site.state.js';
import { duplicates, Problems } from './validation.js';
import {
  addUtcMonths,
  isMineral,
  isMineSiteCode,
  isMineSiteStatus,
  isProvince,
  isRecommendableSiteStatus,
  isTerritory,
  isTerritoryOf,
  PROVINCE_CODE_PREFIX,
  SITES_LIMITS,
} from './vocabularies.js';

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
  }
}

function evolve(state: MineSiteState, event: MineSiteEvent): MineSiteState {
  switch (event.type) {
    case 'MineSiteRegistered': {
      const { siteId, code, province, registeredAt, status } = event.data;
      return { status, siteId, code, province, registeredAt, statusChangedAt: null };
    }
    case 'MineSiteInspected':
      // An inspection recommends; only a status change by the mining authority decides.
      return state;
    case 'MineSiteStatusChanged':
      // A change cannot precede MineSiteRegistered in a stream; ignoring one keeps evolve total.
      return state.status === 'none'
        ? state
        : { ...state, status: event.data.to, statusChangedAt: event.data.changedAt };
  }
}

function register({ data, metadata: { actor, now } }: RegisterMineSite, state: MineSiteState): MineSiteRegistered {
  if (state.status !== 'none') {
    throw new RuleViolationError('site_already_registered', `Mine site ${state.code} is already registered`);
  }
  const problems = new Problems();
  if (typeof data.siteId !== 'string' || data.siteId.trim() === '') problems.add('siteId', 'is required');

  const provinceKnown = isProvince(data.province);
  if (!provinceKnown) problems.add('province', 'must be north_kivu or south_kivu');

  if (!isMineSiteCode(data.code)) {
    problems.add('code', 'must look like NK-MAS-014: province NK or SK, three capital letters, three digits');
  } else if (provinceKnown && !data.code.startsWith(`${PROVINCE_CODE_PREFIX[data.province]}-`)) {
    problems.add('code', `must start with ${PROVINCE_CODE_PREFIX[data.province]} for a site in ${data.province}`);
  }

  const name = problems.requiredText('name', data.name, SITES_LIMITS.maxNameLength);

  if (!isTerritory(data.territory)) problems.add('territory', `unknown territory ${String(data.territory)}`);
  else if (provinceKnown && !isTerritoryOf(data.province, data.territory)) {
    problems.add('territory', `${data.territory} is not a territory of ${data.province}`);
  }

  // Commands come from untyped input; the types are a promise the application layer may not keep.
  if (data.minerals.length === 0) problems.add('minerals', 'at least one mineral is required');
  for (const mineral of data.minerals.filter((m) => !isMineral(m))) {
    problems.add('minerals', `unknown mineral ${String(mineral)}`);
  }
  for (const mineral of duplicates(data.minerals)) problems.add('minerals', `${mineral} is listed twice`);

  const { latitude, longitude } = SITES_LIMITS;
  if (!inRange(data.latitude, latitude)) {
    problems.add('latitude', `must be between ${latitude.min} and ${latitude.max} (North or South Kivu)`);
  }
  if (!inRange(data.longitude, longitude)) {
    problems.add('longitude', `must be between ${longitude.min} and ${longitude.max} (North or South Kivu)`);
  }
  problems.throwIfAny();

  return {
    type: 'MineSiteRegistered',
    schemaVersion: 1,
    data: {
      siteId: data.siteId,
      code: data.code,
      name,
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
  const problems = new Problems();
  const inspectedAt = problems.instant('inspectedAt', data.inspectedAt);
  if (inspectedAt !== undefined && inspectedAt > now.getTime())
    problems.add('inspectedAt', 'must not be in the future');
  const inspectingAgency = problems.requiredText(
    'inspectingAgency',
    data.inspectingAgency,
    SITES_LIMITS.maxAgencyNameLength,
  );
  const findings = problems.requiredText('findings', data.findings);
  const indicatorsObserved = data.indicatorsObserved.map((indicator) => indicator.trim());
  if (indicatorsObserved.length > SITES_LIMITS.maxIndicators) {
    problems.add('indicatorsObserved', `at most ${SITES_LIMITS.maxIndicators} indicators`);
  }
  if (indicatorsObserved.some((indicator) => indicator === '')) {
    problems.add('indicatorsObserved', 'an indicator must not be blank');
  }
  if (indicatorsObserved.some((indicator) => indicator.length > SITES_LIMITS.maxIndicatorLength)) {
    problems.add('indicatorsObserved', `an indicator must be at most ${SITES_LIMITS.maxIndicatorLength} characters`);
  }
  for (const indicator of duplicates(indicatorsObserved)) {
    problems.add('indicatorsObserved', `${indicator} is listed twice`);
  }
  if (!isRecommendableSiteStatus(data.recommendedStatus)) {
    problems.add('recommendedStatus', 'must be green, yellow or red: an inspection ends the unverified blue status');
  }
  problems.throwIfAny();

  return {
    type: 'MineSiteInspected',
    schemaVersion: 1,
    data: {
      siteId: site.siteId,
      inspectedAt: data.inspectedAt.toISOString(),
      inspectingAgency,
      findings,
      indicatorsObserved,
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
  if (!isMineSiteStatus(data.to)) {
    throw new InvalidInputError([{ field: 'to', reason: 'must be blue, green, yellow or red' }]);
  }
  if (data.to === site.status) {
    throw new RuleViolationError('status_unchanged', `Mine site ${site.code} is already ${site.status}`);
  }

  const problems = new Problems();
  // Blue means "not yet verified": once verified, a site can be suspended but not unverified.
  if (data.to === 'blue') problems.add('to', 'blue is only the status of a newly registered site');
  const reason = problems.optionalText('reason', data.reason);
  // A suspension stops a livelihood and trade: the site and buyers are owed the reason.
  if (data.to === 'red' && reason === null) problems.add('reason', 'a reason is required to suspend a site (red)');

  let remediationDeadline: string | null = null;
  if (data.to === 'yellow') {
    if (data.remediationDeadline === null) {
      problems.add('remediationDeadline', 'is required for a yellow (remediation) status');
    } else {
      const deadline = problems.instant('remediationDeadline', data.remediationDeadline);
      const latest = addUtcMonths(now, SITES_LIMITS.maxRemediationMonths).getTime();
      if (deadline === undefined) {
        // Already reported as not a valid date.
      } else if (deadline <= now.getTime()) {
        problems.add('remediationDeadline', 'must be in the future');
      } else if (deadline > latest) {
        problems.add('remediationDeadline', `must be at most ${SITES_LIMITS.maxRemediationMonths} months ahead`);
      } else {
        remediationDeadline = data.remediationDeadline.toISOString();
      }
    }
  } else if (data.remediationDeadline !== null) {
    problems.add('remediationDeadline', 'only a yellow (remediation) status has a deadline');
  }
  problems.throwIfAny();

  return {
    type: 'MineSiteStatusChanged',
    schemaVersion: 1,
    data: {
      siteId: site.siteId,
      from: site.status,
      to: data.to,
      reason,
      remediationDeadline,
      changedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function registered(state: MineSiteState, siteId: string): RegisteredMineSite {
  if (state.status === 'none') throw new NotFoundError('MineSite', siteId);
  return state;
}

/** Site status is a regulatory decision of SAEMAPE or the Division des Mines, not of the other agencies. */
function assertMiningAuthority(actor: Actor): void {
  if (actor.agencyType !== 'mining_authority') {
    throw new RuleViolationError('only_mining_authority', 'Only a mining authority may change the status of a site');
  }
}

function inRange(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}
