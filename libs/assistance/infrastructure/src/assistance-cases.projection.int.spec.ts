import { expect } from '@jest/globals';
import { type AssistanceEvent, assistanceStreamId, isAssistanceEvent } from '@pamoja/assistance/domain';
import { type Actor, type RecordedEvent } from '@pamoja/contracts';
import { pageSweepOnPostgres, type ProjectionEvent, recordEvents } from '@pamoja/testing';
import { assistanceCasesProjection } from './assistance-cases.projection.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000c3';
const USHINDI: Actor = {
  userId: 'social-worker-1',
  agencyId: 'ushindi',
  agencyType: 'assistance_provider',
  roles: ['case_worker'],
};

const recorded = (event: AssistanceEvent, occurredAt?: string): ProjectionEvent => ({
  ...event,
  streamId: assistanceStreamId(event.data.assistanceId),
  actor: USHINDI,
  jointCaseId: CASE,
  ...(occurredAt === undefined ? {} : { occurredAt }),
});

const at = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T08:00:00.000Z`;

const registered = (assistanceId: string, day: number, named: boolean): ProjectionEvent =>
  recorded({
    type: 'VictimRegistered',
    schemaVersion: 1,
    data: {
      assistanceId,
      jointCaseId: CASE,
      personId: `person-${assistanceId}`,
      assistingAgencyId: USHINDI.agencyId,
      registeredAt: at(day),
      ageGroup: 'adult',
      isChild: false,
      sex: 'female',
      nationality: null,
      formsOfExploitation: ['forced_labour', 'sexual_exploitation'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'self',
      personal: named ? { fullName: 'Amani Fictive', dateOfBirth: null, phone: null, currentLocation: null } : null,
    },
  });
const assessed = (
  assistanceId: string,
  day: number,
  needs: readonly ('medical' | 'shelter' | 'protection')[],
): ProjectionEvent =>
  recorded({
    type: 'NeedsAssessed',
    schemaVersion: 1,
    data: {
      assistanceId,
      byAgencyId: USHINDI.agencyId,
      assessedAt: at(day),
      needs: needs.map((need) => ({ need, priority: 'high' as const })),
    },
  });
const served = (assistanceId: string, serviceId: string, kind: 'medical' | 'shelter', day: number): ProjectionEvent =>
  recorded(
    {
      type: 'ServiceProvided',
      schemaVersion: 1,
      data: { assistanceId, serviceId, kind, providedAt: at(day), providerAgencyId: USHINDI.agencyId, note: 'Given' },
    },
    at(day + 1),
  );
const protectedBy = (assistanceId: string, measureId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'ProtectionMeasureApplied',
    schemaVersion: 1,
    data: {
      assistanceId,
      measureId,
      measure: 'safe_house',
      description: null,
      byAgencyId: USHINDI.agencyId,
      appliedAt: at(day),
      reviewBy: at(day + 7),
      consentGivenBy: 'self',
    },
  });
const closed = (assistanceId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'AssistanceClosed',
    schemaVersion: 1,
    data: { assistanceId, byAgencyId: USHINDI.agencyId, closedAt: at(day), reason: 'reintegrated', note: null },
  });
const erased = (assistanceId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'PersonalDataErased',
    schemaVersion: 1,
    data: {
      assistanceId,
      jointCaseId: CASE,
      subjectId: `victim-${assistanceId}`,
      reason: 'legal_request',
      erasedAt: at(day),
      byAgencyId: USHINDI.agencyId,
    },
  });

/** Every kind of event, three cases interleaved, several events of one kind and case in a row. */
const LOG: RecordedEvent[] = recordEvents([
  registered('a1', 1, true),
  registered('a2', 1, false),
  assessed('a1', 2, ['medical', 'shelter']),
  assessed('a1', 2, ['shelter', 'protection', 'medical']),
  assessed('a2', 2, ['shelter']),
  // A protection measure before any service: the case is assessed, so it moves into assistance.
  protectedBy('a1', 'm1', 3),
  served('a1', 'sv1', 'shelter', 3),
  served('a1', 'sv2', 'medical', 4),
  served('a1', 'sv3', 'shelter', 4),
  registered('a3', 4, true),
  served('a2', 'sv1', 'medical', 5),
  protectedBy('a3', 'm1', 5),
  protectedBy('a1', 'm2', 6),
  erased('a1', 7),
  erased('a1', 8),
  closed('a2', 8),
  // Never applied to a case: the case is not registered in the read model.
  served('a9', 'sv1', 'shelter', 8),
  closed('a1', 9),
  erased('a3', 10),
]);

/**
 * Events as the protected store reads them once the log up to `end` is written: a victim's personal data reads as
 * null once erased (the key is destroyed), so a late delivery of the registration carries none.
 */
function readAfter(events: readonly RecordedEvent[], end: number): RecordedEvent[] {
  const erasedCases = new Set(
    LOG.slice(0, end).flatMap((e) =>
      isAssistanceEvent(e) && e.type === 'PersonalDataErased' ? [e.data.assistanceId] : [],
    ),
  );
  return events.map((e) =>
    isAssistanceEvent(e) && e.type === 'VictimRegistered' && erasedCases.has(e.data.assistanceId)
      ? { ...e, data: { ...e.data, personal: null } }
      : e,
  );
}

// A page at a time leaves the rows of one event at a time (ADR 0036), on PostgreSQL.
pageSweepOnPostgres(assistanceCasesProjection, {
  log: LOG,
  tables: ['assistance_cases', 'services', 'protection_measures', 'victim_identity'],
  readAfter,
  live: (rows) => {
    expect(rows['assistance_cases']).toMatchObject([
      { assistance_id: 'a1', status: 'closed', addressed_needs: ['protection', 'shelter', 'medical'] },
      { assistance_id: 'a2', status: 'closed', addressed_needs: ['medical'] },
      { assistance_id: 'a3', status: 'registered', addressed_needs: ['protection'] },
    ]);
    expect(rows['victim_identity']).toEqual([]);
  },
});
