import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { DEFAULT_CATALOGUE, sourceOf, toCloudEventMessage, validateJsonSchema } from '../index.js';

// One stored sample of every meeting event; every free-text value holds a marker that must never leave.
const MARKER = 'MEETING-TEXT-MARKER';
const T = '2026-11-27T08:40:00.000Z';
const MEETING_ID = '0b8f0d52-6c1e-4d8a-9a51-3f2e1c0d9b7a';
const JOINT_CASE_ID = '7d1f6c1e-2b4a-4c39-9b7e-0a1d2c3e4f50';

const samples: { type: string; schemaVersion?: number; data: Record<string, unknown> }[] = [
  {
    type: 'MeetingScheduled',
    schemaVersion: 2,
    data: {
      meetingId: MEETING_ID,
      title: `${MARKER} Masisi coordination`,
      province: 'NK',
      siteCode: 'NK-MAS-014',
      scheduledFor: T,
      participantAgencyTypes: ['police', 'prosecutor'],
      participantAgencyIds: ['ngo-kivu-hope'],
      language: 'sw',
      scheduledAt: T,
      byAgencyId: 'aplt-nk',
    },
  },
  {
    type: 'ActionPointRecorded',
    data: {
      meetingId: MEETING_ID,
      actionPointId: 'ap-1',
      description: `${MARKER} visit the family of`,
      ownerAgencyId: 'pnc-masisi',
      ownerAgencyType: 'police',
      dueBy: T,
      jointCaseId: JOINT_CASE_ID,
      recordedAt: T,
      byAgencyId: 'aplt-nk',
    },
  },
  {
    type: 'ActionPointCompleted',
    data: { meetingId: MEETING_ID, actionPointId: 'ap-1', completedAt: T, byAgencyId: 'pnc-masisi' },
  },
  {
    type: 'DecisionRecorded',
    data: {
      meetingId: MEETING_ID,
      decisionId: 'd-1',
      text: `${MARKER} decided about`,
      jointCaseId: null,
      recordedAt: T,
      byAgencyId: 'aplt-nk',
    },
  },
  {
    type: 'MinutesRecorded',
    data: { meetingId: MEETING_ID, text: `${MARKER} present: the mother of`, recordedAt: T, byAgencyId: 'aplt-nk' },
  },
  { type: 'MeetingClosed', data: { meetingId: MEETING_ID, closedAt: T, byAgencyId: 'aplt-nk' } },
];

const stored = (sample: (typeof samples)[number], i: number): RecordedEvent => ({
  eventId: `00000000-0000-4000-8000-${String(900 + i).padStart(12, '0')}`,
  type: sample.type,
  schemaVersion: sample.schemaVersion ?? 1,
  data: sample.data,
  metadata: {
    actor: { userId: MARKER, agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] },
    correlationId: '11111111-2222-4333-8444-555555555555',
    causationId: null,
    jointCaseId: null,
    occurredAt: T,
  },
  streamId: `meeting-${MEETING_ID}`,
  streamRevision: i,
  globalPosition: 900 + i,
  transactionId: 800 + i,
  recordedAt: new Date(T),
});

describe('meeting events on the integration feed', () => {
  it('shares every meeting event but the minutes, on the coordination topic, valid against its schema', () => {
    const shared = samples.map(stored).flatMap((event) => {
      const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
      if (!integration) return [];
      expect(validateJsonSchema(integration.definition.schema, integration.data)).toEqual([]);
      return [[event.type, integration.definition.type]];
    });
    expect(shared).toEqual([
      ['MeetingScheduled', 'pamoja.coordination.MeetingScheduled.v1'],
      ['ActionPointRecorded', 'pamoja.coordination.ActionPointRecorded.v1'],
      ['ActionPointCompleted', 'pamoja.coordination.ActionPointCompleted.v1'],
      ['DecisionRecorded', 'pamoja.coordination.DecisionRecorded.v1'],
      ['MeetingClosed', 'pamoja.coordination.MeetingClosed.v1'],
    ]);
    expect(DEFAULT_CATALOGUE.withheld().map((w) => w.domainEventType)).toContain('MinutesRecorded');
  });

  it('never lets the free text written at a meeting, or the user, leave', () => {
    const leaks: string[] = [];
    for (const event of samples.map(stored)) {
      const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
      if (!integration) continue;
      const message = toCloudEventMessage(event, integration, sourceOf(integration.definition.context));
      const published = [message.key, message.value.toString('utf8'), JSON.stringify(message.headers)].join('\n');
      if (published.includes(MARKER)) leaks.push(event.type);
    }
    expect(leaks).toEqual([]);
  });

  it('keeps what agencies act on: the owner, the due date and the joint case of an action point', () => {
    const integration = DEFAULT_CATALOGUE.toIntegrationEvent(stored(samples[1]!, 1));
    expect(integration?.data).toEqual({
      meetingId: MEETING_ID,
      actionPointId: 'ap-1',
      ownerAgencyId: 'pnc-masisi',
      ownerAgencyType: 'police',
      dueBy: T,
      jointCaseId: JOINT_CASE_ID,
      recordedAt: T,
      byAgencyId: 'aplt-nk',
    });
  });
});
