import { randomUUID } from 'node:crypto';
import { newId, type EventMetadata, type NewEvent } from '@pamoja/contracts';
import { PersonalDataRegistry } from '@pamoja/platform/privacy';

/** The agency writing every event of the store benches (bench:store, and the KurrentDB adapter's). */
const AGENCY_ID = randomUUID();

/** The benches' personal data: each case's survivor, encrypted with the case's own key, as the platform does. */
export const BENCH_PERSONAL_DATA = new PersonalDataRegistry().declare({
  eventType: 'CaseNoteAdded',
  paths: ['survivor'],
  subjectOf: (data) => `victim:${String(data['caseId'])}`,
});

/** One event as the store benches write it: about 300 bytes of data, a survivor to encrypt, and metadata. */
export function makeEvent(writer: number, n: number, caseId: string = newId()): NewEvent {
  const metadata: EventMetadata = {
    actor: { userId: randomUUID(), agencyId: AGENCY_ID, agencyType: 'assistance_provider', roles: ['caseworker'] },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    jointCaseId: null,
    occurredAt: new Date().toISOString(),
  };
  return {
    // Time-ordered, as the platform names its events (ADR 0040).
    eventId: newId(),
    type: 'CaseNoteAdded',
    schemaVersion: 1,
    data: {
      caseId,
      site: 'Bisie, Walikale territory, North Kivu',
      note: `Follow-up visit ${n} by writer ${writer}: survivor relocated to the transit centre, family tracing opened.`,
      indicators: ['withheld_wages', 'debt_bondage', 'underage_worker'],
      survivor: { ageBand: '15-17', languages: ['sw', 'fr'], consentRecorded: true },
      followUpDays: 14,
    },
    metadata,
  };
}
