import { bool, constant, instant, list, nullable, text } from '../fields.js';
import { defineIntegrationEvent, type IntegrationEventDefinition } from '../integration-event.js';

// Referrals: shared are ids, the joint case, the agencies and their types, status changes with their
// times, site codes, the structured indicators and the consent terms (other agencies must respect them).
// Left out, everywhere: the free text written by users (summary, note, reason, outcome, explanation,
// site description). Users are told not to write names there, but nothing enforces it, and a slip would
// reach every agency and integrator for ever (the topics are kept forever).

const context = 'referrals';
const FREE_TEXT = 'free text written by a user: may name or describe the person';

export const REFERRAL_INTEGRATION_EVENTS: readonly IntegrationEventDefinition[] = [
  defineIntegrationEvent({
    context,
    domainEventType: 'ReferralSubmitted',
    domainSchemaVersion: 2,
    description: 'An agency referred a case to another agency.',
    fields: {
      referralId: text(),
      jointCaseId: nullable(text()),
      jointCase: text({ description: 'opened | joined' }),
      subjectIsChild: nullable(bool({ from: 'subject.isChild', description: 'under 18; null when not known' })),
      childProtectionBasis: bool(),
      siteCode: nullable(text({ from: 'site.code', description: 'mine-site registry code, e.g. NK-MAS-014' })),
      indicators: list(text(), { description: 'ILO forced-labour indicator ids' }),
      childLabourFlags: list(text()),
      urgency: text({ description: 'routine | urgent | immediate' }),
      fromAgencyId: text(),
      fromAgencyType: text(),
      toAgencyId: text(),
      toAgencyType: text(),
      submittedAt: instant(),
      dueBy: instant(),
    },
    excluded: {
      summary: FREE_TEXT,
      'site.description': 'free text locating an unregistered site: may describe people or homes near it',
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ReferralAccepted',
    description: 'The receiving agency accepted the referral.',
    fields: { referralId: text(), byAgencyId: text(), acceptedAt: instant() },
    excluded: { note: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ReferralDeclined',
    description: 'The receiving agency declined the referral.',
    fields: { referralId: text(), byAgencyId: text(), declinedAt: instant() },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ReferralRevoked',
    description: 'The sending agency revoked the referral.',
    fields: { referralId: text(), byAgencyId: text(), revokedAt: instant() },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ReferralCompleted',
    description: 'The receiving agency completed the referral.',
    fields: { referralId: text(), byAgencyId: text(), completedAt: instant() },
    excluded: { outcome: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'TraffickingScreeningAssessed',
    description: 'The Palermo Protocol screening of the referral (act, means, purpose) and its result.',
    fields: {
      referralId: text(),
      acts: list(text()),
      means: list(text()),
      purposes: list(text()),
      personIsChild: bool(),
      meansRequired: bool(),
      result: text({ description: 'indicates_trafficking | does_not_indicate_trafficking' }),
      assessedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { explanation: `${FREE_TEXT} (the screener's account of the person's situation)` },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ConsentRecorded',
    description: 'The person (or for a child a guardian or authority) consented: to which agency types, for what.',
    fields: {
      referralId: text(),
      consentId: text(),
      givenBy: text({ description: 'self | guardian | child_protection_authority' }),
      agencyTypes: list(text()),
      purposes: list(text()),
      recordedAt: instant(),
      byAgencyId: text(),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ConsentWithdrawn',
    description: 'Consent was withdrawn: every agency must stop what it covered.',
    fields: { referralId: text(), consentId: text(), withdrawnAt: instant(), byAgencyId: text() },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ReferralDeadlineMissed',
    description: 'The receiving agency let the due time pass; escalated to the coordination body.',
    fields: {
      referralId: text(),
      dueBy: instant(),
      missedAt: instant(),
      toAgencyId: text(),
      escalatedTo: constant('coordination_body'),
    },
  }),
];
