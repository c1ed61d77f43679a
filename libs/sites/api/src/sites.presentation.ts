import { formatKivuTime } from '@pamoja/contracts';
import { type CursorKey } from '@pamoja/platform/graphql';
import { cursorPart, keysetCursor } from '@pamoja/platform/context';
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

/** Most serious open incident level (or none), open incident count, code. */
const mineSiteKey = keysetCursor(cursorPart.int, cursorPart.int, cursorPart.id);

export const mineSiteCursor = {
  keyOf: (site: MineSiteType): CursorKey =>
    mineSiteKey.keyOf([site.highestOpenIncidentLevel ?? NO_OPEN_LEVEL_RANK, site.openIncidentCount, site.code]),
  decode(after: string): MineSiteSortKey {
    const [rank, openIncidentCount, code] = mineSiteKey.decode(after);
    return { rank, openIncidentCount, code };
  },
};

/** Open before closed, level (0 while unclassified), reported, id. */
const siteIncidentKey = keysetCursor(cursorPart.bool, cursorPart.int, cursorPart.instant, cursorPart.id);

export const siteIncidentCursor = {
  keyOf: (incident: SiteIncidentType): CursorKey =>
    siteIncidentKey.keyOf([
      incident.status === 'closed',
      incident.level ?? 0,
      incident.reportedAt,
      incident.incidentId,
    ]),
  decode(after: string): SiteIncidentSortKey {
    const [closed, level, reportedAt, incidentId] = siteIncidentKey.decode(after);
    return { closed, level, reportedAt, incidentId };
  },
};

/** When it happened, then the entry's id. */
const timelineKey = keysetCursor(cursorPart.instant, cursorPart.id);

export const timelineCursor = {
  keyOf: (entry: SiteTimelineEntryView): CursorKey => timelineKey.keyOf([entry.occurredAt, entry.entryId]),
  decode(after: string): SiteTimelineSortKey {
    const [occurredAt, entryId] = timelineKey.decode(after);
    return { occurredAt, entryId };
  },
};

/** Last activity, then the joint case's id. */
const siteCaseKey = keysetCursor(cursorPart.instant, cursorPart.id);

export const siteCaseCursor = {
  keyOf: (siteCase: MineSiteCaseType): CursorKey => siteCaseKey.keyOf([siteCase.lastActivityAt, siteCase.jointCaseId]),
  decode(after: string): SiteCaseSortKey {
    const [lastActivityAt, jointCaseId] = siteCaseKey.decode(after);
    return { lastActivityAt, jointCaseId };
  },
};
