import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { personIdIntroducedBy } from '@pamoja/contracts';
import {
  DEFAULT_CATALOGUE,
  IntegrationEventCatalogue,
  IntegrationMappingError,
  integrationEventType,
  topicOf,
  validateJsonSchema,
} from './index.js';
import { FORM_SHA256, PERSON_ID, sampleEvents } from './sample-events.fixture.js';

// Kept by hand on purpose: adding a domain event type must be a decision about what it shares.
const DOMAIN_EVENT_TYPES = {
  referrals: [
    'ReferralSubmitted',
    'ReferralAccepted',
    'ReferralDeclined',
    'ReferralRevoked',
    'ReferralCompleted',
    'TraffickingScreeningAssessed',
    'ConsentRecorded',
    'ConsentWithdrawn',
    'ReferralDeadlineMissed',
  ],
  sites: [
    'MineSiteRegistered',
    'MineSiteInspected',
    'MineSiteStatusChanged',
    'MineSiteIcglrIdRecorded',
    'SiteIncidentReported',
    'SiteIncidentClassified',
    'SiteIncidentClosed',
  ],
  investigations: [
    'InvestigationOpened',
    'EvidenceRecorded',
    'EvidenceCustodyTransferred',
    'SuspectIdentified',
    'ArrestMade',
    'CaseFileTransmitted',
    'CaseFileAcknowledgementDeadlineMissed',
    'CaseFileAcknowledgementRecorded',
    'InvestigationClosed',
    'SuspectPersonalDataErased',
  ],
  prosecutions: [
    'CaseFileReceived',
    'ChargesFiled',
    'HearingScheduled',
    'HearingRescheduled',
    'HearingCancelled',
    'HearingOutcomeOverdue',
    'HearingHeld',
    'VerdictRendered',
    'SentenceImposed',
    'RestitutionOrdered',
    'AppealFiled',
    'AppealDecided',
    'ProsecutionClosed',
  ],
  assistance: [
    'VictimRegistered',
    'NeedsAssessed',
    'ServiceProvided',
    'ProtectionMeasureApplied',
    'AssistanceClosed',
    'PersonalDataErased',
  ],
  coordination: [
    'MeetingScheduled',
    'ActionPointRecorded',
    'ActionPointCompleted',
    'DecisionRecorded',
    'CasePartyAdmitted',
    'MinutesRecorded',
    'MeetingClosed',
    'AgencyRegistered',
    'AgencyDetailsChanged',
    'AgencySuspended',
    'AgencyReinstated',
  ],
  integrations: [
    'WebhookEndpointCreated',
    'WebhookEndpointChanged',
    'WebhookSecretRotated',
    'WebhookEndpointDisabled',
    'WebhookEndpointEnabled',
    'WebhookEndpointDeleted',
    'WebhookReplayRequested',
  ],
} as const;
const ALL_TYPES = Object.values(DOMAIN_EVENT_TYPES).flat();

/** Event types in the tables of docs/event-catalogue.md (rows: `| \`Name\` | <version> | ...`). */
function typesInEventCatalogueDoc(): string[] {
  const doc = readFileSync(new URL('../../../docs/event-catalogue.md', import.meta.url), 'utf8');
  return [...doc.matchAll(/^\| `([A-Za-z]+)`\s+\| \d+\s+\|/gm)].map((m) => m[1] ?? '');
}

describe('the integration event catalogue', () => {
  it('decides on every domain event type, shared or withheld, and on no other', () => {
    expect([...DEFAULT_CATALOGUE.domainEventTypes()].sort()).toEqual([...ALL_TYPES].sort());
  });

  it('covers every event type listed in docs/event-catalogue.md', () => {
    const documented = typesInEventCatalogueDoc();
    expect(documented).toHaveLength(ALL_TYPES.length);
    expect([...documented].sort()).toEqual([...DEFAULT_CATALOGUE.domainEventTypes()].sort());
  });

  it('names types pamoja.<context>.<DomainEventType>.v<N> and publishes each context on its own topic', () => {
    const topics = readFileSync(new URL('../../../infra/kafka/topics.txt', import.meta.url), 'utf8');
    for (const [context, types] of Object.entries(DOMAIN_EVENT_TYPES)) {
      for (const type of types) {
        const definition = DEFAULT_CATALOGUE.definitions().find((d) => d.domainEventType === type);
        const withheld = DEFAULT_CATALOGUE.withheld().find((w) => w.domainEventType === type);
        expect(definition ?? withheld).toBeDefined();
        expect((definition ?? withheld)?.context).toBe(context);
        if (definition) {
          expect(definition.type).toBe(integrationEventType(definition.context, type, definition.version));
          expect(definition.topic).toBe(topicOf(definition.context));
          expect(topics).toMatch(new RegExp(`^${definition.topic.replace(/\./g, '\\.')}\\s`, 'm'));
        }
      }
    }
  });

  it('gives a reason for every withheld type and every excluded field', () => {
    for (const withheld of DEFAULT_CATALOGUE.withheld()) expect(withheld.reason.length).toBeGreaterThan(20);
    for (const definition of DEFAULT_CATALOGUE.definitions()) {
      for (const reason of Object.values(definition.excluded)) expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('maps every sample to a payload valid against its own JSON Schema, withheld types to a notice or nothing', () => {
    for (const event of sampleEvents()) {
      const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
      const withheld = DEFAULT_CATALOGUE.withheld().find((w) => w.domainEventType === event.type);
      if (withheld) {
        if (!withheld.notice) {
          expect(integration).toBeUndefined();
          continue;
        }
        // Only that the agency did something of a coarse category on the case, and when.
        expect(integration?.definition.type).toBe(`pamoja.${withheld.context}.RestrictedActivityRecorded.v1`);
        expect(integration?.data).toEqual({
          jointCaseId: event.metadata.jointCaseId,
          agencyId: event.metadata.actor.agencyId,
          agencyType: event.metadata.actor.agencyType,
          occurredAt: event.metadata.occurredAt,
          category: withheld.notice,
        });
        expect(validateJsonSchema(integration!.definition.schema, integration!.data)).toEqual([]);
        continue;
      }
      expect(integration).toBeDefined();
      expect({
        type: event.type,
        problems: validateJsonSchema(integration!.definition.schema, integration!.data),
      }).toEqual({ type: event.type, problems: [] });
    }
  });

  it('publishes a withheld event with a notice only when it belongs to a joint case, read from the log as such', () => {
    const protection = sampleEvents().find((e) => e.type === 'ProtectionMeasureApplied')!;
    const outsideAnyCase = { ...protection, metadata: { ...protection.metadata, jointCaseId: null } };
    expect(DEFAULT_CATALOGUE.toIntegrationEvent(outsideAnyCase)).toBeUndefined();
    const notice = DEFAULT_CATALOGUE.definitionForType('pamoja.assistance.RestrictedActivityRecorded.v1');
    expect(notice).toMatchObject({ domainEventType: 'RestrictedActivityRecorded', context: 'assistance' });
    expect(notice?.sourceEventTypes).toEqual(['ProtectionMeasureApplied']);
    // The relay and embedded mode read the withheld type from the log, and never a type that is not published.
    expect(DEFAULT_CATALOGUE.publishedEventTypes()).toContain('ProtectionMeasureApplied');
    expect(DEFAULT_CATALOGUE.publishedEventTypes(['RestrictedActivityRecorded'])).toEqual(['ProtectionMeasureApplied']);
    expect(DEFAULT_CATALOGUE.publishedEventTypes(['ReferralAccepted'])).toEqual(['ReferralAccepted']);
    expect(DEFAULT_CATALOGUE.publishedEventTypes()).not.toContain('RestrictedActivityRecorded');
  });

  it('shares whose consent it is and how it was given, never the signed form’s hash', () => {
    const consents = sampleEvents().filter((e) => e.type === 'ConsentRecorded');
    const current = consents.find((e) => (e.data as { personId?: string }).personId !== undefined)!;
    expect(DEFAULT_CATALOGUE.toIntegrationEvent(current)?.data).toEqual({
      referralId: 'r1',
      consentId: 'c2',
      personId: PERSON_ID,
      givenBy: 'parent',
      method: 'thumbprint',
      agencyTypes: ['assistance_provider'],
      purposes: ['assistance'],
      recordedAt: '2026-12-04T08:40:00.000Z',
      byAgencyId: 'ngo-1',
    });
    expect(JSON.stringify(sampleEvents())).toContain(FORM_SHA256);
    for (const event of sampleEvents()) {
      expect(JSON.stringify(DEFAULT_CATALOGUE.toIntegrationEvent(event)?.data ?? null)).not.toContain(FORM_SHA256);
    }
  });

  it('reads a consent recorded before persons had ids as the person its referral introduced, method not said', () => {
    const older = sampleEvents().find(
      (e) => e.type === 'ConsentRecorded' && (e.data as { personId?: string }).personId === undefined,
    )!;
    const integration = DEFAULT_CATALOGUE.toIntegrationEvent(older);
    expect(integration?.data).toMatchObject({ consentId: 'c1', personId: personIdIntroducedBy('r1'), method: null });
    expect(validateJsonSchema(integration!.definition.schema, integration!.data)).toEqual([]);
    // A person id or method that is there but wrong is refused, not replaced.
    const broken = { ...older, data: { ...(older.data as object), personId: null } };
    expect(() => DEFAULT_CATALOGUE.toIntegrationEvent(broken)).toThrow(/personId: expected string/);
  });

  it('shares the person only with their consents: not with the referral, its withdrawal or the victim', () => {
    for (const event of sampleEvents().filter((e) => e.type !== 'ConsentRecorded')) {
      const published = JSON.stringify(DEFAULT_CATALOGUE.toIntegrationEvent(event)?.data ?? null);
      expect({ type: event.type, leaks: published.includes(PERSON_ID) }).toEqual({ type: event.type, leaks: false });
    }
    expect(JSON.stringify(sampleEvents().filter((e) => e.type !== 'ConsentRecorded'))).toContain(PERSON_ID);
  });

  it('refuses an event whose data does not have the expected shape, naming the field', () => {
    const [submitted] = sampleEvents();
    const broken = { ...submitted!, data: { ...(submitted!.data as object), dueBy: 42 } };
    expect(() => DEFAULT_CATALOGUE.toIntegrationEvent(broken)).toThrow(IntegrationMappingError);
    expect(() => DEFAULT_CATALOGUE.toIntegrationEvent(broken)).toThrow(/dueBy: expected string/);
    const oldVersion = { ...submitted!, schemaVersion: 1 };
    expect(() => DEFAULT_CATALOGUE.toIntegrationEvent(oldVersion)).toThrow(/ReferralSubmitted v2/);
  });

  it('does not share unknown event types and refuses a type registered twice', () => {
    const [submitted] = sampleEvents();
    expect(DEFAULT_CATALOGUE.toIntegrationEvent({ ...submitted!, type: 'SomethingElse' })).toBeUndefined();
    const definition = DEFAULT_CATALOGUE.definitions()[0]!;
    expect(() => new IntegrationEventCatalogue().register(definition, definition)).toThrow(/already/);
  });
});
