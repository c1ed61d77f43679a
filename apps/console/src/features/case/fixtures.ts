import type { JointCaseData, TimelineEntry } from './documents';

/** Test data for the case page: a case as the API answers it, with UUIDs where the API puts them. */

let counter = 0;
const uuid = () => {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};

export function entryOf(n: number, overrides: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    position: `p${String(n).padStart(3, '0')}`,
    eventId: uuid(),
    occurredAt: new Date(Date.UTC(2026, 10, 27, 8, 40 + n)).toISOString(),
    agencyId: 'ngo-kivu-hope',
    agency: { name: 'Kivu Hope' },
    agencyType: 'first_responder',
    eventType: 'ReferralSubmitted',
    summary: 'Referral submitted to police (urgent)',
    redacted: false,
    category: null,
    ...overrides,
  };
}

/** An entry the caller may only know happened: the API leaves out what. */
export function redactedEntryOf(n: number, category = 'investigation'): TimelineEntry {
  return entryOf(n, {
    agencyId: 'pnc-pmh-masisi',
    agency: { name: 'Police des mines de Masisi' },
    agencyType: 'police',
    eventType: null,
    summary: null,
    redacted: true,
    category,
  });
}

export function pageOf(entries: readonly TimelineEntry[], hasNextPage = false): JointCaseData['timeline'] {
  return {
    edges: entries.map((node) => ({ cursor: node.position, node })),
    pageInfo: { hasNextPage, endCursor: entries.at(-1)?.position ?? null },
  };
}

export function caseOf(overrides: Partial<JointCaseData> = {}): JointCaseData {
  const referralId = uuid();
  return {
    jointCaseId: uuid(),
    reference: 'NK-2026-00042',
    stage: 'UNDER_INVESTIGATION',
    assistanceStage: 'IN_ASSISTANCE',
    siteCode: 'NK-MAS-014',
    province: 'NK',
    territory: 'MAS',
    openedAt: '2026-11-27T08:40:00.000Z',
    lastActivityAt: '2026-11-27T22:30:00.000Z',
    missedDeadlines: 1,
    agencyIds: ['ngo-kivu-hope', 'pnc-pmh-masisi', 'ngo-ushindi'],
    agencies: [
      { agencyId: 'ngo-kivu-hope', name: 'Kivu Hope' },
      { agencyId: 'pnc-pmh-masisi', name: 'Police des mines de Masisi' },
      { agencyId: 'ngo-ushindi', name: 'Ushindi' },
    ],
    referralIds: [referralId, uuid()],
    investigationIds: [uuid()],
    prosecutionIds: [],
    assistanceIds: [uuid()],
    site: { code: 'NK-MAS-014', name: 'Bibatama-Sud', province: 'NORTH_KIVU', territory: 'MASISI', status: 'YELLOW' },
    referrals: [
      {
        referralId,
        fromAgencyId: 'ngo-kivu-hope',
        fromAgencyType: 'FIRST_RESPONDER',
        fromAgency: { name: 'Kivu Hope' },
        toAgencyId: 'pnc-pmh-masisi',
        toAgencyType: 'POLICE',
        toAgency: { name: 'Police des mines de Masisi' },
        status: 'ACCEPTED',
        statusReason: 'Une équipe part jeudi.',
        urgency: 'URGENT',
        submittedAt: '2026-11-27T08:40:00.000Z',
        dueBy: '2026-11-30T08:40:00.000Z',
        overdue: false,
        deadlineMissed: false,
      },
    ],
    investigations: [
      {
        investigationId: uuid(),
        leadAgencyId: 'pnc-pmh-masisi',
        leadAgency: { name: 'Police des mines de Masisi' },
        status: 'OPEN',
        openedAt: '2026-11-28T09:00:00.000Z',
        closedAt: null,
        closureReason: null,
        offences: ['FORCED_LABOUR', 'TRAFFICKING_IN_PERSONS'],
        evidenceCount: 2,
        suspectCount: 1,
        arrestCount: 0,
        caseFileCount: 0,
      },
    ],
    prosecutions: [],
    assistance: [
      {
        assistanceId: uuid(),
        assistingAgencyId: 'ngo-ushindi',
        assistingAgency: { name: 'Ushindi' },
        status: 'IN_ASSISTANCE',
        registeredAt: '2026-11-29T10:00:00.000Z',
        closedAt: null,
        closeReason: null,
        isChild: null,
        needsOutstanding: null,
      },
    ],
    timeline: pageOf([entryOf(1), redactedEntryOf(2)]),
    ...overrides,
  };
}
