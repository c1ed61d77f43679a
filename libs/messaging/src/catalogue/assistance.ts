import { bool, instant, list, object, text } from '../fields.js';
import {
  defineIntegrationEvent,
  type IntegrationEventDefinition,
  type WithheldEventType,
} from '../integration-event.js';

// Assistance: the most sensitive context. Shared is what coordination needs to follow a victim's case
// without knowing who or where the victim is: that an assistance case exists in a joint case, whether the
// person is a child, the forms of exploitation, assessed needs, services delivered and the closure reason.
// Left out:
// - `VictimRegistered.personal` (full name, date of birth, phone, current location): personal data, never
//   on the shared log (encrypted per person in the store, or absent);
// - `ageGroup`, `sex`, `nationality`: quasi-identifiers; with a site and a date they can single a person
//   out, and no other agency needs them to act;
// - `agreementToManagePersonalData`, `consentGivenBy`: about the assisting agency's own records;
// - free text (`note`): may name or describe the person.
// Withheld: `ProtectionMeasureApplied` (see below); only a notice that the agency did something of the
// category `protection` on the joint case, and when, is published.

const context = 'assistance';
const FREE_TEXT = 'free text written by a user: may name or describe the person';

export const ASSISTANCE_INTEGRATION_EVENTS = [
  defineIntegrationEvent({
    context,
    domainEventType: 'VictimRegistered',
    description: 'An assistance provider took a victim of the joint case into assistance.',
    fields: {
      assistanceId: text(),
      jointCaseId: text(),
      assistingAgencyId: text(),
      registeredAt: instant(),
      isChild: bool({ description: 'child-protection rules apply' }),
      formsOfExploitation: list(text()),
    },
    excluded: {
      personal: 'personal data (full name, date of birth, phone, current location): never on the shared log',
      ageGroup: 'quasi-identifier: not needed by other agencies',
      sex: 'quasi-identifier: not needed by other agencies',
      nationality: 'quasi-identifier: not needed by other agencies',
      agreementToManagePersonalData: "the assisting agency's own record-keeping",
      consentGivenBy: "the assisting agency's own record-keeping",
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'NeedsAssessed',
    description: "The victim's needs were (re)assessed; the list replaces the previous one.",
    fields: {
      assistanceId: text(),
      byAgencyId: text(),
      assessedAt: instant(),
      needs: list(object({ need: text(), priority: text() })),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ServiceProvided',
    description: 'A service was delivered to the victim, by the assisting agency or a partner.',
    fields: {
      assistanceId: text(),
      serviceId: text(),
      kind: text(),
      providedAt: instant(),
      providerAgencyId: text(),
    },
    excluded: { note: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'AssistanceClosed',
    description: 'The assistance case was closed.',
    fields: { assistanceId: text(), byAgencyId: text(), closedAt: instant(), reason: text() },
    excluded: { note: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'PersonalDataErased',
    description:
      "The assisting agency erased the victim's personal data (legal_request or retention_expired): the key is " +
      'destroyed, every copy is dropped; the rest of the case stays. Carries no personal data.',
    fields: {
      assistanceId: text(),
      jointCaseId: text(),
      reason: text({ description: 'legal_request | retention_expired' }),
      erasedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { subjectId: "the name of the victim's key in the assisting agency's key store: internal" },
  }),
] as const satisfies readonly IntegrationEventDefinition[];

export const ASSISTANCE_WITHHELD_EVENTS: readonly WithheldEventType[] = [
  {
    context,
    domainEventType: 'ProtectionMeasureApplied',
    reason:
      'That a victim is in a safe house, relocated or under witness protection, and since when, is what those ' +
      'who look for the victim want to know; the topics are kept forever and read by integrators. Agencies that ' +
      'need it (a prosecutor arranging testimony) learn it from the assisting agency directly. A notice of ' +
      'restricted activity (category protection, when and by which agency: no measure, review date or assistance id in its data) tells them ' +
      'that the assisting agency acted on the joint case, so that the gap is not read as inactivity.',
    notice: 'protection',
  },
];
