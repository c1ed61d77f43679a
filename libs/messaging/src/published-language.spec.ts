import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { personIdIntroducedBy, type RecordedEvent } from '@pamoja/contracts';
import {
  asRestrictedActivityNotice,
  DEFAULT_CATALOGUE,
  MalformedSharedEventError,
  publishedLanguage,
  REFERRAL_INTEGRATION_EVENTS,
  sharedEventOf,
  type SharedDataOf,
} from './index.js';
import { JOINT_CASE_ID, sampleEvents } from './sample-events.fixture.js';

/** Every sample as another agency receives it (embedded mode: straight from the log). */
function sharedSamples(): RecordedEvent[] {
  return sampleEvents().flatMap((event) => {
    const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
    return integration ? [sharedEventOf(event, integration)] : [];
  });
}

const asPublished = publishedLanguage(DEFAULT_CATALOGUE.definitions());
const asReferral = publishedLanguage(REFERRAL_INTEGRATION_EVENTS);

function referralSubmitted(data: Record<string, unknown>): RecordedEvent {
  const sample = sharedSamples().find((e) => e.type === 'ReferralSubmitted');
  if (!sample) throw new Error('no ReferralSubmitted sample');
  return { ...sample, data: { ...(sample.data as Record<string, unknown>), ...data } };
}

describe('the published language', () => {
  it('reads every shared event of every context as the catalogue publishes it, data unchanged', () => {
    const samples = sharedSamples();
    // The samples (every context's but coordination's meetings, which its own spec samples) and the notice.
    expect(samples.length).toBeGreaterThan(40);
    expect(samples.map((e) => e.type)).toContain('RestrictedActivityRecorded');
    for (const event of samples) {
      const published = asPublished(event);
      expect(published?.type).toBe(event.type);
      expect(published?.data).toEqual(event.data);
    }
  });

  it("types a context's events from the catalogue's field lists", () => {
    const published = asReferral(referralSubmitted({ toAgencyType: 'prosecutor', subjectIsChild: null }));
    if (published?.type !== 'ReferralSubmitted') throw new Error('not read as a ReferralSubmitted');
    // Typed: a field the catalogue does not list would not compile.
    const data: SharedDataOf<typeof REFERRAL_INTEGRATION_EVENTS, 'ReferralSubmitted'> = published.data;
    expect([data.toAgencyType, data.subjectIsChild, data.siteCode]).toEqual(['prosecutor', null, 'NK-MAS-014']);
  });

  it("is null for another context's event, so consumers try each context they read", () => {
    const incident = sharedSamples().find((e) => e.type === 'SiteIncidentReported');
    expect(incident).toBeDefined();
    expect(asReferral(incident!)).toBeNull();
  });

  it('refuses data that is not what the catalogue shares (for the dead letters), naming the field', () => {
    expect(() => asReferral(referralSubmitted({ toAgencyType: 42 }))).toThrow(MalformedSharedEventError);
    expect(() => asReferral(referralSubmitted({ toAgencyType: undefined }))).toThrow(/toAgencyType: missing/);
    expect(() => asReferral(referralSubmitted({ dueBy: 'next week' }))).toThrow(/dueBy: expected string/);
    expect(() => asReferral({ ...referralSubmitted({}), data: 'ReferralSubmitted' })).toThrow(/expected object/);
    expect(() => asReferral({ ...referralSubmitted({}), schemaVersion: 2 })).toThrow(/payload version 2/);
  });

  it('keeps only the listed fields: one a newer publisher adds is not read', () => {
    const published = asReferral(referralSubmitted({ addedLater: 'x' }));
    expect(published?.data).not.toHaveProperty('addedLater');
  });

  it('reads a consent published before persons had ids as the person its referral introduced', () => {
    const consent = sharedSamples().find((e) => e.type === 'ConsentRecorded');
    const { personId: _personId, method: _method, ...older } = consent!.data as Record<string, unknown>;
    const published = asReferral({ ...consent!, data: older });
    if (published?.type !== 'ConsentRecorded') throw new Error('not read as a ConsentRecorded');
    expect(published.data).toMatchObject({ personId: personIdIntroducedBy('r1'), method: null });
  });

  it('reads a notice of restricted activity whichever context publishes it', () => {
    const notice = sharedSamples().find((e) => e.type === 'RestrictedActivityRecorded');
    expect(asRestrictedActivityNotice(notice!)?.data).toMatchObject({
      jointCaseId: JOINT_CASE_ID,
      category: 'protection',
    });
  });

  it('names the data of every event a context publishes in its contracts library (`<Type>Shared`)', () => {
    const missing: string[] = [];
    for (const definition of DEFAULT_CATALOGUE.definitions()) {
      if (definition.domainEventType === 'RestrictedActivityRecorded') continue;
      const index = readFileSync(
        new URL(`../../${definition.context}/contracts/src/index.ts`, import.meta.url),
        'utf8',
      );
      if (!index.includes(`export type ${definition.domainEventType}Shared = `)) {
        missing.push(`${definition.context}: ${definition.domainEventType}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
