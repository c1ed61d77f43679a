import { useDeclineReasons } from './declineReasons';
import { useMemo } from 'react';
import { agencyName, type DirectoryEntry } from '../../components/agency';
import { useKivuTime, useT } from '../../i18n/i18n';
import type { AgendaData } from './operations';

/** The agency id the platform itself acts under (a deadline that passed): said in words, never shown. */
export const PLATFORM_AGENCY_ID = 'pamoja-platform';

/** The agenda's sections, in the order the meeting takes them. */
export const AGENDA_SECTIONS = [
  'overdueHandoffs',
  'declinedHandoffs',
  'missedDeadlines',
  'suspendedAgencyHandoffs',
  'siteStatusChanges',
  'levelOneIncidents',
  'upcomingHearings',
  'openActionPoints',
] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];

/** One item of the agenda, as a sentence people read aloud, and the case it opens. */
export interface AgendaItem {
  readonly id: string;
  readonly section: AgendaSection;
  readonly text: string;
  readonly jointCaseId: string | null;
  /** The case's reference when the item names one (NK-2026-00042). */
  readonly caseReference: string | null;
}

/** Only changes that call for the meeting: a site turned red or yellow. */
const ALARMING_STATUSES = new Set(['RED', 'YELLOW']);

/** The case's reference from a referral's (NK-2026-00042-R1 → NK-2026-00042). */
export function caseReferenceOf(referralReference: string | null | undefined): string | null {
  if (!referralReference) return null;
  return /^(.*)-R\d+$/.exec(referralReference)?.[1] ?? referralReference;
}

/**
 * The agenda as sentences, in the language of the nearest catalogue: names and references, dates in Kivu
 * time; never an event's name, an id of the log, or an agency's id when the directory names it.
 */
export function useAgendaItems(agenda: AgendaData | undefined): readonly AgendaItem[] {
  const t = useT();
  const time = useKivuTime();
  const declineReasons = useDeclineReasons(agenda?.declinedHandoffs.map((h) => h.referralId) ?? []);
  return useMemo(() => {
    if (!agenda) return [];
    const name = (id: string | null | undefined, agency: DirectoryEntry): string =>
      !id
        ? t('meetings.agenda.someAgency')
        : id === PLATFORM_AGENCY_ID
          ? t('meetings.agenda.platform')
          : agencyName(id, agency);
    const ref = (reference: string | null | undefined) => ({
      hasReference: reference ? 'yes' : 'no',
      reference: reference ?? '',
    });
    // A registered site by its name and code (Bibatama (NK-MAS-014)), else its code.
    const site = (code: string, siteName: string | null | undefined) =>
      siteName ? t('meetings.siteNamed', { name: siteName, code }) : code;
    const withCase = (caseReference: string | null | undefined) => ({
      hasCase: caseReference ? 'yes' : 'no',
      caseReference: caseReference ?? '',
    });
    const status = (code: string) =>
      ['BLUE', 'GREEN', 'YELLOW', 'RED'].includes(code) ? t(`meetings.siteStatus.${code}`) : code;
    const items: AgendaItem[] = [];

    for (const h of agenda.overdueHandoffs) {
      items.push({
        id: `overdue-${h.referralId}`,
        section: 'overdueHandoffs',
        jointCaseId: h.jointCaseId ?? null,
        caseReference: h.caseReference ?? caseReferenceOf(h.reference),
        text: t('meetings.agenda.overdueHandoff', {
          ...ref(h.reference),
          from: name(h.fromAgencyId, h.fromAgency),
          to: name(h.toAgencyId, h.toAgency),
          dueDate: time.date(h.dueBy),
          dueTime: time.time(h.dueBy),
          site: site(h.siteCode, h.siteName),
        }),
      });
    }
    for (const h of agenda.declinedHandoffs) {
      items.push({
        id: `declined-${h.referralId}`,
        section: 'declinedHandoffs',
        jointCaseId: h.jointCaseId ?? null,
        caseReference: h.caseReference ?? caseReferenceOf(h.reference),
        text: t('meetings.agenda.declinedHandoff', {
          ...ref(h.reference),
          from: name(h.fromAgencyId, h.fromAgency),
          to: name(h.toAgencyId, h.toAgency),
          date: time.date(h.declinedAt ?? h.submittedAt),
          site: site(h.siteCode, h.siteName),
          hasReason: declineReasons.has(h.referralId) ? 'yes' : 'no',
          reason: declineReasons.get(h.referralId) ?? '',
        }),
      });
    }
    for (const m of agenda.missedDeadlines) {
      // A case file has no reference of its own: it is the case's.
      const caseFile = m.subjectKind === 'CASE_FILE';
      items.push({
        id: `missed-${m.escalationId}`,
        section: 'missedDeadlines',
        jointCaseId: m.jointCaseId ?? null,
        caseReference: m.caseReference ?? null,
        text: t(caseFile ? 'meetings.agenda.missedCaseFile' : 'meetings.agenda.missedReferral', {
          ...ref(caseFile ? m.caseReference : m.subjectReference),
          agency: name(m.agencyId, m.agency),
          hasDue: m.dueBy ? 'yes' : 'no',
          due: m.dueBy ? time.dateTime(m.dueBy) : '',
          missed: time.date(m.missedAt),
          site: site(m.siteCode, m.siteName),
        }),
      });
    }
    for (const h of agenda.suspendedAgencyHandoffs) {
      items.push({
        id: `suspended-${h.referralId}`,
        section: 'suspendedAgencyHandoffs',
        jointCaseId: h.jointCaseId ?? null,
        caseReference: h.caseReference ?? caseReferenceOf(h.reference),
        text: t('meetings.agenda.suspendedHandoff', {
          ...ref(h.reference),
          from: name(h.fromAgencyId, h.fromAgency),
          to: name(h.toAgencyId, h.toAgency),
          suspended: name(h.suspendedAgencyId, h.suspendedAgency),
          due: time.dateTime(h.dueBy),
          site: site(h.siteCode, h.siteName),
        }),
      });
    }
    for (const s of agenda.siteStatusChanges) {
      if (!ALARMING_STATUSES.has(s.to)) continue;
      items.push({
        id: `site-${s.siteId}-${s.changedAt}`,
        section: 'siteStatusChanges',
        jointCaseId: null,
        caseReference: null,
        text: t('meetings.agenda.siteStatusChange', {
          site: site(s.siteCode, s.siteName),
          from: status(s.from),
          to: status(s.to),
          date: time.date(s.changedAt),
          by: name(s.byAgencyId, s.byAgency),
        }),
      });
    }
    for (const i of agenda.levelOneIncidents) {
      items.push({
        id: `incident-${i.incidentId}`,
        section: 'levelOneIncidents',
        jointCaseId: i.jointCaseId ?? null,
        caseReference: i.caseReference ?? null,
        text: t('meetings.agenda.levelOneIncident', {
          ...withCase(i.caseReference),
          site: site(i.siteCode, i.siteName),
          date: time.date(i.reportedAt),
          open: i.open ? 'yes' : 'no',
        }),
      });
    }
    for (const h of agenda.upcomingHearings) {
      items.push({
        id: `hearing-${h.hearingId}`,
        section: 'upcomingHearings',
        jointCaseId: h.jointCaseId ?? null,
        caseReference: h.caseReference ?? null,
        text: t('meetings.agenda.hearing', {
          ...ref(h.prosecutionReference),
          court: h.court,
          date: time.date(h.scheduledFor),
          time: time.time(h.scheduledFor),
          site: site(h.siteCode, h.siteName),
        }),
      });
    }
    for (const p of agenda.openActionPoints) {
      items.push({
        id: `point-${p.actionPointId}`,
        section: 'openActionPoints',
        jointCaseId: p.jointCaseId ?? null,
        caseReference: p.caseReference ?? null,
        text: t('meetings.agenda.openActionPoint', {
          ...withCase(p.caseReference),
          owner: name(p.ownerAgencyId, p.ownerAgency),
          description: p.description,
          due: time.date(p.dueBy),
          overdue: p.overdue ? 'yes' : 'no',
        }),
      });
    }
    return items;
  }, [agenda, t, time, declineReasons]);
}
