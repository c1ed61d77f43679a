import { formatKivuTime, InvalidInputError } from '@pamoja/contracts';
import { decodeCursor, type CursorKey } from '@pamoja/platform';

type CursorPart = CursorKey[number] | undefined;
import {
  NO_OPEN_LEVEL_RANK,
  type MineSiteSortKey,
  type MineSiteView,
  type SiteCaseSortKey,
  type SiteCaseView,
  type SiteIncidentSortKey,
  type SiteIncidentView,
  type SiteTimelineEntryView,
  type SiteTimelineSortKey,
} from '@pamoja/sites/application';
import {
  type MineSiteCaseType,
  type MineSiteTimelineEntryType,
  type MineSiteType,
  type SiteIncidentType,
} from './sites.graphql-types.js';

export function toMineSite(view: MineSiteView): MineSiteType {
  return {
    ...view,
    remediationDeadlineLocal: view.remediationDeadline === null ? null : formatKivuTime(view.remediationDeadline),
  };
}

export function toSiteIncident(view: SiteIncidentView): SiteIncidentType {
  return { ...view, closeByLocal: formatKivuTime(view.closeBy) };
}

const upper = (value: string): string => value.toUpperCase();
const words = (value: string): string => value.replaceAll('_', ' ');

/** A short account of a timeline entry, written from its facts only (no user's free text). */
export function timelineSummary(entry: SiteTimelineEntryView): string {
  switch (entry.kind) {
    case 'registered':
      return `Registered as ${entry.detail ?? 'a mine site'}; BLUE until an inspection verifies it`;
    case 'inspected':
      return `Inspection by ${entry.detail ?? 'an inspection team'} recommends ${upper(entry.toStatus ?? 'a status')}`;
    case 'status_changed': {
      const change = `Status ${upper(entry.fromStatus ?? '?')} → ${upper(entry.toStatus ?? '?')}`;
      const deadline = entry.at === null ? '' : `, remediation by ${formatKivuTime(entry.at)}`;
      const reason = entry.detail === 'reason' ? ' (reason on record)' : '';
      return `${change}${deadline}${reason}`;
    }
    case 'incident_reported':
      return (
        `Incident reported (source: ${words(entry.detail ?? 'unknown')})` +
        (entry.jointCaseId === null ? '' : ' in a joint case')
      );
    case 'incident_classified':
      return entry.previousLevel === null
        ? `Incident classified level ${String(entry.level)}`
        : `Incident reclassified from level ${String(entry.previousLevel)} to level ${String(entry.level)}`;
    case 'incident_closed':
      return entry.level === null ? 'Incident closed' : `Incident closed (level ${String(entry.level)})`;
    case 'case_linked':
      return entry.linkedVia === 'incident'
        ? 'Joint case linked by an incident reported at the site'
        : 'Joint case linked by a referral naming the site';
  }
}

export function toTimelineEntry(entry: SiteTimelineEntryView): MineSiteTimelineEntryType & SiteTimelineEntryView {
  return { ...entry, summary: timelineSummary(entry) };
}

export function toSiteCase(view: SiteCaseView): MineSiteCaseType {
  return {
    jointCaseId: view.jointCaseId,
    jointCase: { jointCaseId: view.jointCaseId },
    firstLinkedAt: view.firstLinkedAt,
    lastActivityAt: view.lastActivityAt,
    linkedVia: view.linkedVia,
    referralId: view.linkedVia === 'referral' ? view.linkedBySubjectId : null,
    incidentId: view.linkedVia === 'incident' ? view.linkedBySubjectId : null,
    linkedByAgencyId: view.linkedByAgencyId,
    linkedByAgencyType: view.linkedByAgencyType,
  };
}

// ---- cursors: each list's sort key, as `toConnection` encodes it and `after` brings it back ----------

function notOurs(): InvalidInputError {
  return new InvalidInputError([
    { field: 'after', reason: 'is not a cursor of this list; pass an endCursor it returned' },
  ]);
}

function instant(part: CursorPart): Date {
  if (typeof part !== 'string') throw notOurs();
  const date = new Date(part);
  if (Number.isNaN(date.getTime())) throw notOurs();
  return date;
}

function str(part: CursorPart): string {
  if (typeof part !== 'string') throw notOurs();
  return part;
}

function int(part: CursorPart): number {
  if (typeof part !== 'number' || !Number.isInteger(part)) throw notOurs();
  return part;
}

export const mineSiteCursor = {
  keyOf: (site: MineSiteType): CursorKey => [
    site.highestOpenIncidentLevel ?? NO_OPEN_LEVEL_RANK,
    site.openIncidentCount,
    site.code,
  ],
  decode(after: string): MineSiteSortKey {
    const [rank, count, code] = decodeCursor(after, 3);
    return { rank: int(rank), openIncidentCount: int(count), code: str(code) };
  },
};

export const siteIncidentCursor = {
  keyOf: (incident: SiteIncidentType): CursorKey => [
    incident.status === 'closed' ? 1 : 0,
    incident.level ?? 0,
    incident.reportedAt.toISOString(),
    incident.incidentId,
  ],
  decode(after: string): SiteIncidentSortKey {
    const [closed, level, reportedAt, incidentId] = decodeCursor(after, 4);
    const closedFlag = int(closed);
    if (closedFlag !== 0 && closedFlag !== 1) throw notOurs();
    return {
      closed: closedFlag === 1,
      level: int(level),
      reportedAt: instant(reportedAt),
      incidentId: str(incidentId),
    };
  },
};

export const timelineCursor = {
  keyOf: (entry: SiteTimelineEntryView): CursorKey => [entry.occurredAt.toISOString(), entry.entryId],
  decode(after: string): SiteTimelineSortKey {
    const [occurredAt, entryId] = decodeCursor(after, 2);
    return { occurredAt: instant(occurredAt), entryId: str(entryId) };
  },
};

export const siteCaseCursor = {
  keyOf: (siteCase: MineSiteCaseType): CursorKey => [siteCase.lastActivityAt.toISOString(), siteCase.jointCaseId],
  decode(after: string): SiteCaseSortKey {
    const [lastActivityAt, jointCaseId] = decodeCursor(after, 2);
    return { lastActivityAt: instant(lastActivityAt), jointCaseId: str(jointCaseId) };
  },
};
