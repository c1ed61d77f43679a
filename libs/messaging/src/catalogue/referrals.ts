import { personIdIntroducedBy } from '@pamoja/contracts';
import { bool, constant, instant, list, nullable, text } from '../fields.js';
import { defineIntegrationEvent, type IntegrationEventDefinition } from '../integration-event.js';

// Referrals: shared are ids, the joint case, the agencies and their types, status changes with their
// times, site codes, the structured indicators and the consent terms (other agencies must respect them).
// Left out, everywhere: the free text written by users (summary, note, reason, outcome, explanation,
// site description). Users are told not to write names there, but nothing enforces it, and a slip would
// reach every agency and integrator for ever (the topics are kept forever).
// The person a consent belongs to is shared as their pseudonymous id: every agency's consent read model
// keeps consent per person, and a referral that forwards a known person records consent for that person,
// not for one the referral would introduce. Nothing else about the person leaves the agency.

const context = 'referrals';
const FREE_TEXT = 'free text written by a user: may name or describe the person';

export const REFERRAL_INTEGRATION_EVENTS = [
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
      'subject.personId':
        'the person, pseudonymous: shared with their consents (ConsentRecorded), which are what other agencies ' +
        'act on; the parties of the case read it from the log',
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
  readingOlderConsents(
    defineIntegrationEvent({
      context,
      domainEventType: 'ConsentRecorded',
      description:
        'The person (or for a child a parent, guardian or authority) consented: to which agency types, for what. ' +
        'Consent belongs to the person, and only the agency that keeps it records it.',
      fields: {
        referralId: text(),
        consentId: text(),
        personId: text({
          description:
            'whose consent: the pseudonymous id of the person (never anything that identifies them); ' +
            'consents recorded before persons had ids are the person their referral introduced',
        }),
        givenBy: text({ description: 'self | parent | guardian | child_protection_authority' }),
        method: nullable(
          text({ description: 'verbal | written | thumbprint | audio_recording; null when the agency did not say' }),
        ),
        agencyTypes: list(text()),
        purposes: list(text({ description: 'assistance | investigation | prosecution | information_sharing' })),
        recordedAt: instant(),
        byAgencyId: text(),
      },
      excluded: {
        formSha256:
          'fingerprint of the signed form, which stays with the agency that keeps the consent: other agencies ' +
          'have no use for it, and it would tie the form to the case for anyone holding a copy',
      },
    }),
  ),
  defineIntegrationEvent({
    context,
    domainEventType: 'ConsentWithdrawn',
    description: 'Consent was withdrawn: every agency must stop what it covered.',
    fields: { referralId: text(), consentId: text(), withdrawnAt: instant(), byAgencyId: text() },
    excluded: {
      reason: FREE_TEXT,
      personId:
        'the consent id already says which consent ends, and whose (its ConsentRecorded names the person): ' +
        'repeating the person would only tie one more event to them',
    },
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
] as const satisfies readonly IntegrationEventDefinition[];

/**
 * Consents recorded before persons had ids name neither the person nor how the consent was given: they are
 * read as the referral's decider reads them, the person the referral introduced and no method said. Every
 * referral introduced its person then (forwarding a known person came with the ids).
 */
function readingOlderConsents<D extends IntegrationEventDefinition>(definition: D): D {
  return {
    ...definition,
    map: (event) => definition.map({ ...event, data: withPersonAndMethod(event.data) }),
    // Payloads published before then are kept on the topic for ever: consumers read them the same way.
    readOlderPayload: withPersonAndMethod,
  };
}

function withPersonAndMethod(data: unknown): unknown {
  // Anything but an object is left as it is, for the mapping to refuse naming what is wrong.
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  const fields = data as Readonly<Record<string, unknown>>;
  const missing: Record<string, unknown> = {};
  const referralId = fields['referralId'];
  if (fields['personId'] === undefined && typeof referralId === 'string') {
    missing['personId'] = personIdIntroducedBy(referralId);
  }
  if (fields['method'] === undefined) missing['method'] = null;
  return Object.keys(missing).length === 0 ? data : { ...fields, ...missing };
}
