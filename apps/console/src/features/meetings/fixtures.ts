import { testSession } from '../../test/render';
import type { GraphqlCall } from '../../test/render';
import type { MeetingData } from './operations';

/** The coordination body that convenes the meetings of North Kivu. */
export const APLT = testSession({
  userId: 'coordinator-1',
  agencyId: 'aplt-nk',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
});

export const POLICE = testSession({
  userId: 'officer-1',
  agencyId: 'pnc-pmh-masisi',
  agencyType: 'police',
  roles: ['investigator'],
});

export const MEETING_ID = '7d1f6a52-3c1e-4b8e-9f0a-2b3c4d5e6f70';
export const CASE_42 = '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b';
export const CASE_43 = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** The directory as the demonstration seeds it, by name. */
export const DIRECTORY = [
  {
    agencyId: 'aplt-nk',
    name: 'APLT Nord-Kivu',
    agencyType: 'COORDINATION_BODY',
    province: 'NORTH_KIVU',
    status: 'ACTIVE',
  },
  {
    agencyId: 'ngo-kivu-hope',
    name: 'Kivu Hope',
    agencyType: 'FIRST_RESPONDER',
    province: 'NORTH_KIVU',
    status: 'ACTIVE',
  },
  { agencyId: 'pnc-pmh-masisi', name: 'PNC Masisi', agencyType: 'POLICE', province: 'NORTH_KIVU', status: 'ACTIVE' },
  {
    agencyId: 'parquet-goma',
    name: 'Parquet de Goma',
    agencyType: 'PROSECUTOR',
    province: 'NORTH_KIVU',
    status: 'ACTIVE',
  },
  {
    agencyId: 'ngo-ushindi',
    name: 'Ushindi',
    agencyType: 'ASSISTANCE_PROVIDER',
    province: 'NORTH_KIVU',
    status: 'ACTIVE',
  },
  {
    agencyId: 'saemape-nk',
    name: 'SAEMAPE Nord-Kivu',
    agencyType: 'MINING_AUTHORITY',
    province: 'NORTH_KIVU',
    status: 'ACTIVE',
  },
] as const;

/** Agency ids the tests check never show as text. */
export const AGENCY_IDS = [...DIRECTORY.map((a) => a.agencyId), 'pamoja-platform'];

const named = (agencyId: string) => {
  const found = DIRECTORY.find((a) => a.agencyId === agencyId);
  return found ? { name: found.name } : null;
};

export function directoryAnswer() {
  return { data: { agencies: DIRECTORY } };
}

/** A meeting of North Kivu with every kind of agenda item. */
export function meetingOf(overrides: Partial<MeetingData> = {}): MeetingData {
  return {
    meetingId: MEETING_ID,
    title: 'Réunion mensuelle Masisi',
    language: 'FR',
    province: 'NK',
    siteCode: null,
    scheduledFor: '2026-12-10T07:00:00Z',
    status: 'SCHEDULED',
    revision: 3,
    closedAt: null,
    scheduledByAgencyId: 'aplt-nk',
    scheduledByAgency: named('aplt-nk'),
    participantAgencyIds: ['pnc-pmh-masisi', 'ngo-kivu-hope'],
    participantAgencyTypes: [],
    participantAgencies: [
      { agencyId: 'pnc-pmh-masisi', name: 'PNC Masisi' },
      { agencyId: 'ngo-kivu-hope', name: 'Kivu Hope' },
    ],
    decisions: [
      {
        decisionId: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
        jointCaseId: CASE_42,
        caseReference: 'NK-2026-00042',
        recordedAt: '2026-12-10T07:30:00Z',
        text: 'La PNC Masisi répond à l’orientation avant vendredi.',
        recordedByAgencyId: 'aplt-nk',
        recordedByAgency: named('aplt-nk'),
      },
    ],
    actionPoints: [
      {
        actionPointId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
        meetingId: MEETING_ID,
        description: 'Envoyer une équipe au site NK-MAS-014',
        dueBy: '2026-12-20T12:00:00Z',
        overdue: false,
        status: 'OPEN',
        jointCaseId: null,
        caseReference: null,
        ownerAgencyId: 'saemape-nk',
        ownerAgencyType: 'MINING_AUTHORITY',
        ownerAgency: named('saemape-nk'),
        completedAt: null,
        completedByAgencyId: null,
        completedByAgency: null,
      },
    ],
    minutes: null,
    agenda: {
      asOf: '2026-12-10T07:00:00Z',
      since: '2026-11-10T07:00:00Z',
      previousMeetingId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
      overdueHandoffs: [
        {
          referralId: '0b9f7c1e-5a44-4d0e-9a57-3f1f2b7c9d10',
          reference: 'NK-2026-00042-R1',
          jointCaseId: CASE_42,
          caseReference: 'NK-2026-00042',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          dueBy: '2026-12-03T12:00:00Z',
          submittedAt: '2026-11-30T08:00:00Z',
          fromAgencyId: 'ngo-kivu-hope',
          fromAgency: named('ngo-kivu-hope'),
          toAgencyId: 'pnc-pmh-masisi',
          toAgencyType: 'police',
          toAgency: named('pnc-pmh-masisi'),
        },
      ],
      declinedHandoffs: [
        {
          referralId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
          reference: 'NK-2026-00043-R2',
          jointCaseId: CASE_43,
          caseReference: 'NK-2026-00043',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          dueBy: '2026-12-04T12:00:00Z',
          declinedAt: '2026-12-02T09:00:00Z',
          submittedAt: '2026-12-01T08:00:00Z',
          fromAgencyId: 'ngo-kivu-hope',
          fromAgency: named('ngo-kivu-hope'),
          toAgencyId: 'ngo-ushindi',
          toAgencyType: 'assistance_provider',
          toAgency: named('ngo-ushindi'),
        },
      ],
      missedDeadlines: [
        {
          escalationId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
          subjectKind: 'REFERRAL',
          subjectReference: 'NK-2026-00042-R1',
          jointCaseId: CASE_42,
          caseReference: 'NK-2026-00042',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          agencyId: 'pnc-pmh-masisi',
          agency: named('pnc-pmh-masisi'),
          dueBy: '2026-12-03T12:00:00Z',
          missedAt: '2026-12-03T12:00:00Z',
        },
        {
          escalationId: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
          subjectKind: 'CASE_FILE',
          subjectReference: null,
          jointCaseId: CASE_43,
          caseReference: 'NK-2026-00043',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          agencyId: null,
          agency: null,
          dueBy: '2026-12-05T12:00:00Z',
          missedAt: '2026-12-05T12:00:00Z',
        },
      ],
      siteStatusChanges: [
        {
          siteId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          from: 'GREEN',
          to: 'RED',
          changedAt: '2026-12-01T10:00:00Z',
          byAgencyId: 'pamoja-platform',
          byAgency: null,
        },
        {
          siteId: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
          siteCode: 'NK-WAL-003',
          siteName: null,
          from: 'YELLOW',
          to: 'GREEN',
          changedAt: '2026-12-02T10:00:00Z',
          byAgencyId: 'saemape-nk',
          byAgency: named('saemape-nk'),
        },
      ],
      levelOneIncidents: [
        {
          incidentId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
          siteId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          jointCaseId: CASE_42,
          caseReference: 'NK-2026-00042',
          reportedAt: '2026-12-01T08:00:00Z',
          classifiedAt: '2026-12-01T09:00:00Z',
          open: true,
        },
      ],
      upcomingHearings: [
        {
          hearingId: 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e',
          prosecutionId: 'c2d3e4f5-a6b7-4c8d-8e9f-1a2b3c4d5e6f',
          prosecutionReference: 'NK-2026-00042-P1',
          jointCaseId: CASE_42,
          caseReference: 'NK-2026-00042',
          siteCode: 'NK-MAS-014',
          siteName: 'Bibatama',
          court: 'Tribunal de grande instance de Goma',
          scheduledFor: '2026-12-15T07:00:00Z',
        },
      ],
      suspendedAgencyHandoffs: [
        {
          referralId: 'd3e4f5a6-b7c8-4d9e-8f0a-2b3c4d5e6f7a',
          reference: 'NK-2026-00044-R1',
          jointCaseId: null,
          caseReference: null,
          siteCode: 'NK-MAS-014',
          siteName: null,
          dueBy: '2026-12-12T12:00:00Z',
          declinedAt: null,
          submittedAt: '2026-12-05T08:00:00Z',
          fromAgencyId: 'ngo-kivu-hope',
          fromAgency: named('ngo-kivu-hope'),
          toAgencyId: 'ngo-ushindi',
          toAgencyType: 'assistance_provider',
          toAgency: named('ngo-ushindi'),
          suspendedAgencyId: 'ngo-ushindi',
          suspendedAgency: named('ngo-ushindi'),
        },
      ],
      openActionPoints: [
        {
          actionPointId: 'e4f5a6b7-c8d9-4e0f-9a1b-3c4d5e6f7a8b',
          meetingId: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
          description: 'Former les agents de la PNC à l’orientation',
          dueBy: '2026-12-01T12:00:00Z',
          overdue: true,
          status: 'OPEN',
          jointCaseId: null,
          caseReference: null,
          ownerAgencyId: 'pnc-pmh-masisi',
          ownerAgencyType: 'POLICE',
          ownerAgency: named('pnc-pmh-masisi'),
          recordedAt: '2026-11-10T08:00:00Z',
        },
      ],
    },
    ...overrides,
  };
}

/** Answers the meeting page's reads: the meeting, the directory; `command` answers the mutations. */
export function meetingAnswers(
  meeting: () => object,
  command: (call: GraphqlCall) => unknown = () => ({ data: {} }),
): (call: GraphqlCall) => unknown {
  return (call) => {
    if (call.operationName === 'ConsoleMeeting') return { data: { meeting: meeting() } };
    if (call.operationName === 'ConsoleMeetingAgencies') return directoryAnswer();
    return command(call);
  };
}

/** A command's payload as the platform answers it. */
export function payload(mutation: string, revision = 4) {
  return {
    data: { [mutation]: { meetingId: MEETING_ID, itemId: null, revision, status: 'SCHEDULED', replayed: false } },
  };
}

/** Every UUID-looking string. */
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A name of the log's events (ReferralDeadlineMissed): one CamelCase word, which never shows. */
export const EVENT_NAME = /\b[A-Z][a-z]+[A-Z][A-Za-z]*\b/;
