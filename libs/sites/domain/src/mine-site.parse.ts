import { duplicatesOf, type InputParser, parseInput, type Unparsed } from '@pamoja/contracts';
import {
  type ChangeSiteStatus,
  type MineSiteCommand,
  type RecordIcglrId,
  type RecordInspection,
  type RegisterMineSite,
  type SentMineSiteCommand,
} from './mine-site.commands.js';
import {
  addUtcMonths,
  isIcglrId,
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

/**
 * A mine-site command as the decider takes it: every field problem named at once (one round trip for a
 * client on a poor connection), free text trimmed, vocabularies known. The command's own `now` is part of
 * what it says, so "not in the future" and the remediation period are checked here too; what depends on
 * the site so far (registered, its current status) and on who acts is the decider's.
 */
export function parseMineSiteCommand(sent: SentMineSiteCommand): MineSiteCommand {
  switch (sent.type) {
    case 'RegisterMineSite':
      return parseInput((p) => register(p, sent));
    case 'RecordInspection':
      return parseInput((p) => inspection(p, sent));
    case 'ChangeSiteStatus':
      return parseInput((p) => statusChange(p, sent));
    case 'RecordIcglrId':
      return parseInput((p) => icglrId(p, sent));
  }
}

function icglrId(p: InputParser, { data, metadata }: Unparsed<RecordIcglrId>): RecordIcglrId {
  p.id('siteId', data.siteId);
  const value = typeof data.icglrId === 'string' ? data.icglrId.trim() : data.icglrId;
  if (!isIcglrId(value)) {
    p.add('icglrId', 'must be 4 to 40 letters (A to Z) and digits, as the ICGLR regional database gave it');
  }
  return { type: 'RecordIcglrId', metadata, data: { ...data, icglrId: value } };
}

function register(p: InputParser, { data, metadata }: Unparsed<RegisterMineSite>): RegisterMineSite {
  p.id('siteId', data.siteId);

  const provinceKnown = isProvince(data.province);
  if (!provinceKnown) p.add('province', 'must be north_kivu or south_kivu');

  if (!isMineSiteCode(data.code)) {
    p.add('code', 'must look like NK-MAS-014: province NK or SK, three capital letters, three digits');
  } else if (provinceKnown && !data.code.startsWith(`${PROVINCE_CODE_PREFIX[data.province]}-`)) {
    p.add('code', `must start with ${PROVINCE_CODE_PREFIX[data.province]} for a site in ${data.province}`);
  }

  const name = p.text('name', data.name, SITES_LIMITS.maxNameLength);

  if (!isTerritory(data.territory)) p.add('territory', `unknown territory ${String(data.territory)}`);
  else if (provinceKnown && !isTerritoryOf(data.province, data.territory)) {
    p.add('territory', `${data.territory} is not a territory of ${data.province}`);
  }

  // Commands come from untyped input; the types are a promise the caller may not keep.
  if (data.minerals.length === 0) p.add('minerals', 'at least one mineral is required');
  for (const mineral of data.minerals.filter((m) => !isMineral(m))) {
    p.add('minerals', `unknown mineral ${String(mineral)}`);
  }
  for (const mineral of duplicatesOf(data.minerals)) p.add('minerals', `${mineral} is listed twice`);

  const { latitude, longitude } = SITES_LIMITS;
  if (!inRange(data.latitude, latitude)) {
    p.add('latitude', `must be between ${latitude.min} and ${latitude.max} (North or South Kivu)`);
  }
  if (!inRange(data.longitude, longitude)) {
    p.add('longitude', `must be between ${longitude.min} and ${longitude.max} (North or South Kivu)`);
  }
  return { type: 'RegisterMineSite', metadata, data: { ...data, name } };
}

function inspection(p: InputParser, { data, metadata }: Unparsed<RecordInspection>): RecordInspection {
  const inspectedAt = p.instant('inspectedAt', data.inspectedAt).getTime();
  if (inspectedAt > metadata.now.getTime()) p.add('inspectedAt', 'must not be in the future');
  const inspectingAgency = p.text('inspectingAgency', data.inspectingAgency, SITES_LIMITS.maxAgencyNameLength);
  const findings = p.text('findings', data.findings, SITES_LIMITS.maxTextLength);
  const indicatorsObserved = data.indicatorsObserved.map((indicator) => indicator.trim());
  if (indicatorsObserved.length > SITES_LIMITS.maxIndicators) {
    p.add('indicatorsObserved', `at most ${SITES_LIMITS.maxIndicators} indicators`);
  }
  if (indicatorsObserved.some((indicator) => indicator === '')) {
    p.add('indicatorsObserved', 'an indicator must not be blank');
  }
  if (indicatorsObserved.some((indicator) => indicator.length > SITES_LIMITS.maxIndicatorLength)) {
    p.add('indicatorsObserved', `an indicator must be at most ${SITES_LIMITS.maxIndicatorLength} characters`);
  }
  for (const indicator of duplicatesOf(indicatorsObserved)) {
    p.add('indicatorsObserved', `${indicator} is listed twice`);
  }
  if (!isRecommendableSiteStatus(data.recommendedStatus)) {
    p.add('recommendedStatus', 'must be green, yellow or red: an inspection ends the unverified blue status');
  }
  return {
    type: 'RecordInspection',
    metadata,
    data: { ...data, inspectingAgency, findings, indicatorsObserved },
  };
}

function statusChange(p: InputParser, { data, metadata }: Unparsed<ChangeSiteStatus>): ChangeSiteStatus {
  const { now } = metadata;
  const unparsed = { type: 'ChangeSiteStatus', metadata, data: { ...data, reason: null } } as const;
  // An unknown status is the one problem worth naming: the others depend on which status it is.
  if (!isMineSiteStatus(data.to)) {
    p.add('to', 'must be blue, green, yellow or red');
    return unparsed;
  }
  // Blue means "not yet verified": once verified, a site can be suspended but not unverified.
  if (data.to === 'blue') p.add('to', 'blue is only the status of a newly registered site');
  const reason = p.optionalText('reason', data.reason, SITES_LIMITS.maxTextLength);
  // A suspension stops a livelihood and trade: the site and buyers are owed the reason.
  if (data.to === 'red' && reason === null) p.add('reason', 'a reason is required to suspend a site (red)');

  let remediationDeadline: Date | null = null;
  if (data.to === 'yellow') {
    if (data.remediationDeadline === null) {
      p.add('remediationDeadline', 'is required for a yellow (remediation) status');
    } else if (!(data.remediationDeadline instanceof Date) || Number.isNaN(data.remediationDeadline.getTime())) {
      p.add('remediationDeadline', 'is not a valid date');
    } else {
      const deadline = data.remediationDeadline.getTime();
      const latest = addUtcMonths(now, SITES_LIMITS.maxRemediationMonths).getTime();
      if (deadline <= now.getTime()) p.add('remediationDeadline', 'must be in the future');
      else if (deadline > latest) {
        p.add('remediationDeadline', `must be at most ${SITES_LIMITS.maxRemediationMonths} months ahead`);
      } else remediationDeadline = data.remediationDeadline;
    }
  } else if (data.remediationDeadline !== null) {
    p.add('remediationDeadline', 'only a yellow (remediation) status has a deadline');
  }
  return { type: 'ChangeSiteStatus', metadata, data: { ...data, reason, remediationDeadline } };
}

function inRange(value: number, range: { readonly min: number; readonly max: number }): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}
