import { describe, expect, it } from '@jest/globals';
import { type Actor, InvalidInputError, NotFoundError, parsingDecider, RuleViolationError } from '@pamoja/contracts';
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type ActionPointCompleted,
  type ActionPointRecorded,
  type DecisionRecorded,
  isMeetingEvent,
  type MeetingClosed,
  type MeetingScheduled,
  meetingDecider,
  meetingStreamId,
  type MinutesRecorded,
  parseMeetingCommand,
  provinceOfSiteCode,
  upcastMeetingScheduledV1,
  type SentMeetingCommandOf,
} from './index.js';

// Commands as a client sends them: parsed at the edge, then decided, as the command path does.
const spec = DeciderSpecification.for(parsingDecider(meetingDecider, parseMeetingCommand));

type ScheduleMeeting = SentMeetingCommandOf<'ScheduleMeeting'>;
type RecordActionPoint = SentMeetingCommandOf<'RecordActionPoint'>;
type CompleteActionPoint = SentMeetingCommandOf<'CompleteActionPoint'>;
type RecordDecision = SentMeetingCommandOf<'RecordDecision'>;
type RecordMinutes = SentMeetingCommandOf<'RecordMinutes'>;
type CloseMeeting = SentMeetingCommandOf<'CloseMeeting'>;

// Fictional agencies only.
const MEETING_ID = '0b8f0d52-6c1e-4d8a-9a51-3f2e1c0d9b7a';
const POINT_ID = '5d0c7e34-9f1a-4b2c-8d3e-6a7b8c9d0e1f';
const DECISION_ID = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const JOINT_CASE_ID = '7d1f6c1e-2b4a-4c39-9b7e-0a1d2c3e4f50';
const NOW = new Date('2026-03-10T08:00:00.000Z');
const LATER = new Date('2026-03-12T08:00:00.000Z');

const aplt: Actor = { userId: 'aplt-1', agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] };
const police: Actor = { userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] };
const otherPolice: Actor = { userId: 'opj-2', agencyId: 'pnc-walikale', agencyType: 'police', roles: [] };
/** Another coordination body (another province's): it did not convene the meeting. */
const otherCoordination: Actor = {
  userId: 'cc-sk-1',
  agencyId: 'cc-sud-kivu',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
};

function scheduleCommand(overrides: Partial<ScheduleMeeting['data']> = {}, actor: Actor = aplt): ScheduleMeeting {
  return {
    type: 'ScheduleMeeting',
    data: {
      meetingId: MEETING_ID,
      title: '  Masisi monthly coordination  ',
      province: 'NK',
      siteCode: 'NK-MAS-014',
      scheduledFor: new Date('2026-03-20T07:00:00.000Z'),
      participantAgencyTypes: ['police', 'prosecutor', 'mining_authority'],
      participantAgencyIds: [' ngo-kivu-hope '],
      language: 'fr',
      ...overrides,
    },
    metadata: { actor, now: NOW },
  };
}

function actionPointCommand(
  overrides: Partial<RecordActionPoint['data']> = {},
  actor: Actor = aplt,
  now = NOW,
): RecordActionPoint {
  return {
    type: 'RecordActionPoint',
    data: {
      meetingId: MEETING_ID,
      actionPointId: POINT_ID,
      description: ' Answer the referral of pit 3 ',
      ownerAgencyId: 'pnc-masisi',
      ownerAgencyType: 'police',
      dueBy: new Date('2026-03-17T16:00:00.000Z'),
      jointCaseId: JOINT_CASE_ID,
      ...overrides,
    },
    metadata: { actor, now },
  };
}

const complete = (actor: Actor, actionPointId = POINT_ID, now = LATER): CompleteActionPoint => ({
  type: 'CompleteActionPoint',
  data: { meetingId: MEETING_ID, actionPointId },
  metadata: { actor, now },
});
const decision = (overrides: Partial<RecordDecision['data']> = {}, actor: Actor = aplt): RecordDecision => ({
  type: 'RecordDecision',
  data: {
    meetingId: MEETING_ID,
    decisionId: DECISION_ID,
    text: ' Ask SAEMAPE to inspect pit 3 ',
    jointCaseId: null,
    ...overrides,
  },
  metadata: { actor, now: NOW },
});
const minutes = (text: string, actor: Actor = aplt): RecordMinutes => ({
  type: 'RecordMinutes',
  data: { meetingId: MEETING_ID, text },
  metadata: { actor, now: NOW },
});
const closeCommand = (actor: Actor = aplt): CloseMeeting => ({
  type: 'CloseMeeting',
  data: { meetingId: MEETING_ID },
  metadata: { actor, now: LATER },
});

const scheduledEvent: MeetingScheduled = {
  type: 'MeetingScheduled',
  schemaVersion: 2,
  data: {
    meetingId: MEETING_ID,
    title: 'Masisi monthly coordination',
    province: 'NK',
    siteCode: 'NK-MAS-014',
    scheduledFor: '2026-03-20T07:00:00.000Z',
    participantAgencyTypes: ['police', 'prosecutor', 'mining_authority'],
    participantAgencyIds: ['ngo-kivu-hope'],
    language: 'fr',
    scheduledAt: NOW.toISOString(),
    byAgencyId: 'aplt-nk',
  },
};
const pointRecorded: ActionPointRecorded = {
  type: 'ActionPointRecorded',
  schemaVersion: 1,
  data: {
    meetingId: MEETING_ID,
    actionPointId: POINT_ID,
    description: 'Answer the referral of pit 3',
    ownerAgencyId: 'pnc-masisi',
    ownerAgencyType: 'police',
    dueBy: '2026-03-17T16:00:00.000Z',
    jointCaseId: JOINT_CASE_ID,
    recordedAt: NOW.toISOString(),
    byAgencyId: 'aplt-nk',
  },
};
const pointCompleted = (byAgencyId: string): ActionPointCompleted => ({
  type: 'ActionPointCompleted',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, actionPointId: POINT_ID, completedAt: LATER.toISOString(), byAgencyId },
});
const closed: MeetingClosed = {
  type: 'MeetingClosed',
  schemaVersion: 1,
  data: { meetingId: MEETING_ID, closedAt: LATER.toISOString(), byAgencyId: 'aplt-nk' },
};

describe('ScheduleMeeting', () => {
  it('schedules a site meeting of the coordination body, trimming title and agency ids', () => {
    spec.given([]).when(scheduleCommand()).then([scheduledEvent]);
  });

  it('schedules a province-wide meeting with agency types only', () => {
    spec
      .given([])
      .when(scheduleCommand({ siteCode: null, participantAgencyIds: [], province: 'SK' }))
      .then([
        {
          ...scheduledEvent,
          data: { ...scheduledEvent.data, province: 'SK', siteCode: null, participantAgencyIds: [] },
        },
      ]);
  });

  it('refuses any other agency type than the coordination body', () => {
    spec.given([]).when(scheduleCommand({}, police)).thenThrows(RuleViolationError, rule('only_coordination_body'));
  });

  it('refuses to schedule the same meeting twice', () => {
    spec
      .given([scheduledEvent])
      .when(scheduleCommand())
      .thenThrows(RuleViolationError, rule('meeting_already_scheduled'));
  });

  it('names every wrong field at once', () => {
    spec
      .given([])
      .when(
        scheduleCommand({
          title: '  ',
          province: 'XX' as 'NK',
          siteCode: 'Masisi pit 3',
          scheduledFor: new Date('nonsense'),
          participantAgencyTypes: ['integrator' as 'police'],
          participantAgencyIds: [''],
          language: 'de' as 'fr',
        }),
      )
      .thenThrows(
        InvalidInputError,
        fields(
          'title',
          'province',
          'siteCode',
          'language',
          'scheduledFor',
          'participantAgencyTypes',
          'participantAgencyIds',
        ),
      );
  });

  it('keeps the language the meeting is held in, for its minutes', () => {
    spec
      .given([])
      .when(scheduleCommand({ language: 'sw' }))
      .then([{ ...scheduledEvent, data: { ...scheduledEvent.data, language: 'sw' } }]);
  });

  it('reads a meeting scheduled before meetings had a language as one held in French', () => {
    const { language: _language, ...v1 } = scheduledEvent.data;
    expect(upcastMeetingScheduledV1(v1)).toEqual({ ...scheduledEvent.data, language: 'fr' });
  });

  it('refuses a site of the other province, and a meeting without participants', () => {
    spec
      .given([])
      .when(scheduleCommand({ siteCode: 'SK-SHA-001' }))
      .thenThrows(InvalidInputError, fields('siteCode'));
    spec
      .given([])
      .when(scheduleCommand({ participantAgencyTypes: [], participantAgencyIds: [] }))
      .thenThrows(InvalidInputError, fields('participantAgencyTypes'));
  });

  it('records a meeting held up to 30 days ago, but not one older or more than a year ahead', () => {
    const recent = new Date(NOW.getTime() - 29 * 86_400_000);
    spec
      .given([])
      .when(scheduleCommand({ scheduledFor: recent }))
      .then([{ ...scheduledEvent, data: { ...scheduledEvent.data, scheduledFor: recent.toISOString() } }]);
    spec
      .given([])
      .when(scheduleCommand({ scheduledFor: new Date(NOW.getTime() - 31 * 86_400_000) }))
      .thenThrows(InvalidInputError, fields('scheduledFor'));
    spec
      .given([])
      .when(scheduleCommand({ scheduledFor: new Date(NOW.getTime() + 366 * 86_400_000) }))
      .thenThrows(InvalidInputError, fields('scheduledFor'));
  });
});

describe('RecordActionPoint', () => {
  it('records an action point for an agency, with its due date and joint case', () => {
    spec.given([scheduledEvent]).when(actionPointCommand()).then([pointRecorded]);
  });

  it('accepts an action point due right now', () => {
    spec
      .given([scheduledEvent])
      .when(actionPointCommand({ dueBy: NOW, jointCaseId: null }))
      .then([{ ...pointRecorded, data: { ...pointRecorded.data, dueBy: NOW.toISOString(), jointCaseId: null } }]);
  });

  it('refuses a due date in the past, naming the field', () => {
    const error = spec
      .given([scheduledEvent])
      .when(actionPointCommand({ dueBy: new Date(NOW.getTime() - 1) }))
      .thenThrows(InvalidInputError, fields('dueBy'));
    expect(error.problems[0]?.reason).toBe('must not be in the past');
  });

  it('names every wrong field at once', () => {
    spec
      .given([scheduledEvent])
      .when(
        actionPointCommand({
          actionPointId: 'ap-1',
          description: '',
          ownerAgencyId: ' ',
          ownerAgencyType: 'integrator' as 'police',
          dueBy: new Date('nonsense'),
          jointCaseId: 'case 12',
        }),
      )
      .thenThrows(
        InvalidInputError,
        fields('actionPointId', 'description', 'ownerAgencyId', 'ownerAgencyType', 'dueBy', 'jointCaseId'),
      );
  });

  it('is recorded by the coordination body only', () => {
    spec
      .given([scheduledEvent])
      .when(actionPointCommand({}, police))
      .thenThrows(RuleViolationError, rule('only_coordination_body'));
  });

  it('is recorded by the coordination body that convened the meeting, not by another one', () => {
    spec
      .given([scheduledEvent])
      .when(actionPointCommand({}, otherCoordination))
      .thenThrows(RuleViolationError, rule('only_convening_body'));
    spec
      .given([scheduledEvent])
      .when(minutes('Present: everyone.', otherCoordination))
      .thenThrows(RuleViolationError, rule('only_convening_body'));
    spec
      .given([scheduledEvent])
      .when(closeCommand(otherCoordination))
      .thenThrows(RuleViolationError, rule('only_convening_body'));
  });

  it('needs a scheduled meeting', () => {
    spec
      .given([])
      .when(actionPointCommand())
      .thenThrows(NotFoundError, (e) => e.entity === 'Meeting');
  });

  it('is refused once the meeting is closed', () => {
    spec
      .given([scheduledEvent, closed])
      .when(actionPointCommand())
      .thenThrows(RuleViolationError, rule('meeting_closed'));
  });

  it('is recorded once', () => {
    spec
      .given([scheduledEvent, pointRecorded])
      .when(actionPointCommand())
      .thenThrows(RuleViolationError, rule('action_point_already_recorded'));
  });
});

describe('CompleteActionPoint', () => {
  it('is completed by the owner agency', () => {
    spec
      .given([scheduledEvent, pointRecorded])
      .when(complete(police))
      .then([pointCompleted('pnc-masisi')]);
  });

  it('is completed by the coordination body on the owner’s behalf, even after the meeting closed', () => {
    spec
      .given([scheduledEvent, pointRecorded, closed])
      .when(complete(aplt))
      .then([pointCompleted('aplt-nk')]);
    spec
      .given([scheduledEvent, pointRecorded, closed])
      .when(complete(police))
      .then([pointCompleted('pnc-masisi')]);
  });

  it('is refused to any other agency, even of the owner’s type', () => {
    spec
      .given([scheduledEvent, pointRecorded])
      .when(complete(otherPolice))
      .thenThrows(RuleViolationError, rule('only_owner_or_coordination_body'));
  });

  it('is refused for an unknown action point and when already completed', () => {
    spec
      .given([scheduledEvent, pointRecorded])
      .when(complete(police, DECISION_ID))
      .thenThrows(RuleViolationError, rule('action_point_unknown'));
    spec
      .given([scheduledEvent, pointRecorded, pointCompleted('pnc-masisi')])
      .when(complete(aplt))
      .thenThrows(RuleViolationError, rule('action_point_already_completed'));
  });

  it('needs a scheduled meeting', () => {
    spec.given([]).when(complete(police)).thenThrows(NotFoundError);
  });
});

describe('RecordDecision', () => {
  const recorded: DecisionRecorded = {
    type: 'DecisionRecorded',
    schemaVersion: 1,
    data: {
      meetingId: MEETING_ID,
      decisionId: DECISION_ID,
      text: 'Ask SAEMAPE to inspect pit 3',
      jointCaseId: JOINT_CASE_ID,
      recordedAt: NOW.toISOString(),
      byAgencyId: 'aplt-nk',
    },
  };

  it('records a decision, about a joint case or not', () => {
    spec
      .given([scheduledEvent])
      .when(decision({ jointCaseId: JOINT_CASE_ID }))
      .then([recorded]);
  });

  it('is recorded by the coordination body only, on an open meeting, once', () => {
    spec
      .given([scheduledEvent])
      .when(decision({}, police))
      .thenThrows(RuleViolationError, rule('only_coordination_body'));
    spec.given([scheduledEvent, closed]).when(decision()).thenThrows(RuleViolationError, rule('meeting_closed'));
    spec
      .given([scheduledEvent, recorded])
      .when(decision())
      .thenThrows(RuleViolationError, rule('decision_already_recorded'));
    spec.given([]).when(decision()).thenThrows(NotFoundError);
  });

  it('names a blank text and a malformed joint case id', () => {
    spec
      .given([scheduledEvent])
      .when(decision({ text: ' ', jointCaseId: 'case-1' }))
      .thenThrows(InvalidInputError, fields('text', 'jointCaseId'));
  });
});

describe('RecordMinutes', () => {
  const recorded: MinutesRecorded = {
    type: 'MinutesRecorded',
    schemaVersion: 1,
    data: {
      meetingId: MEETING_ID,
      text: 'Present: police, parquet.',
      recordedAt: NOW.toISOString(),
      byAgencyId: 'aplt-nk',
    },
  };

  it('records the minutes, and a later version again', () => {
    spec.given([scheduledEvent]).when(minutes(' Present: police, parquet. ')).then([recorded]);
    spec.given([scheduledEvent, recorded]).when(minutes('Present: police, parquet.')).then([recorded]);
  });

  it('is recorded by the coordination body only, on an open meeting, with a text', () => {
    spec
      .given([scheduledEvent])
      .when(minutes('x', police))
      .thenThrows(RuleViolationError, rule('only_coordination_body'));
    spec.given([scheduledEvent, closed]).when(minutes('x')).thenThrows(RuleViolationError, rule('meeting_closed'));
    spec.given([scheduledEvent]).when(minutes('')).thenThrows(InvalidInputError, fields('text'));
    spec.given([]).when(minutes('x')).thenThrows(NotFoundError);
  });
});

describe('CloseMeeting', () => {
  it('closes the meeting', () => {
    spec.given([scheduledEvent, pointRecorded]).when(closeCommand()).then([closed]);
  });

  it('is closed by the coordination body only, once', () => {
    spec
      .given([scheduledEvent])
      .when(closeCommand(police))
      .thenThrows(RuleViolationError, rule('only_coordination_body'));
    spec.given([scheduledEvent, closed]).when(closeCommand()).thenThrows(RuleViolationError, rule('meeting_closed'));
    spec.given([]).when(closeCommand()).thenThrows(NotFoundError);
  });
});

describe('meeting vocabulary', () => {
  it('names streams meeting-<id> and reads the province off a registry code', () => {
    expect(meetingStreamId(MEETING_ID)).toBe(`meeting-${MEETING_ID}`);
    expect(provinceOfSiteCode('SK-SHA-001')).toBe('SK');
    expect(provinceOfSiteCode('Masisi')).toBeNull();
    expect(isMeetingEvent(closed)).toBe(true);
    expect(isMeetingEvent({ type: 'ReferralSubmitted' })).toBe(false);
  });
});
