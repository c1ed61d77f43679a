import { constant, instant, list, nullable, text } from '../fields.js';
import { defineIntegrationEvent, type IntegrationEventDefinition } from '../integration-event.js';

// Investigations: shared are the investigation and joint case ids, the lead agency, offences, the evidence
// items' kinds and hashes (the prosecutor checks integrity), the custody chain between agencies, suspect
// ids and roles, and the case file handoff with its deadline.
// Left out:
// - `SuspectIdentified.personal` (name, date of birth): personal data, never on the shared log;
// - the suspect's `alias` and `description`: outside `personal` but they identify a person just as well;
// - officer ids (`leadOfficerId`, `collectedBy`, custodian `officerId`): other agencies deal with the
//   agency, not its officers, and an officer's involvement in a trafficking case can endanger them;
// - free text (evidence `description`, custody `reason`, arrest `location` and `legalBasis`, case-file
//   `summary`, closure `note`): written by users, may name or describe victims, witnesses and suspects.

const context = 'investigations';
const FREE_TEXT = 'free text written by a user: may name or describe victims, witnesses or suspects';
const OFFICER = 'an officer id: other agencies deal with the agency, and naming its officers can endanger them';

export const INVESTIGATION_INTEGRATION_EVENTS = [
  defineIntegrationEvent({
    context,
    domainEventType: 'InvestigationOpened',
    description: 'A police agency opened an investigation in a joint case and leads it.',
    fields: {
      investigationId: text(),
      jointCaseId: text(),
      referralId: nullable(text()),
      siteCode: nullable(text()),
      offences: list(text()),
      leadAgencyId: text(),
      leadAgencyType: text(),
      openedAt: instant(),
    },
    excluded: { leadOfficerId: OFFICER },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'EvidenceRecorded',
    description: 'An evidence item was recorded, with its hash and first custodian agency.',
    fields: {
      investigationId: text(),
      evidenceId: text(),
      kind: text(),
      sha256: text({ description: 'lower-case hex SHA-256 of the item or its digital copy' }),
      collectedAt: instant(),
      custodianAgencyId: text({ from: 'custodian.agencyId' }),
    },
    excluded: { description: FREE_TEXT, collectedBy: OFFICER, 'custodian.officerId': OFFICER },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'EvidenceCustodyTransferred',
    description: 'An evidence item changed hands (chain of custody).',
    fields: {
      investigationId: text(),
      evidenceId: text(),
      fromAgencyId: text({ from: 'from.agencyId' }),
      toAgencyId: text({ from: 'to.agencyId' }),
      at: instant(),
    },
    excluded: { reason: FREE_TEXT, 'from.officerId': OFFICER, 'to.officerId': OFFICER },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'SuspectIdentified',
    description: 'A suspect was identified: an opaque suspect id and a role, nothing that identifies the person.',
    fields: { investigationId: text(), suspectId: text(), role: text(), identifiedAt: instant() },
    excluded: {
      personal: 'personal data (name, date of birth): never on the shared log',
      alias: 'identifies a person as well as a name does',
      description: 'describes a person: identifies them as well as a name does',
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ArrestMade',
    description: 'A suspect was arrested.',
    fields: { investigationId: text(), suspectId: text(), arrestedAt: instant() },
    excluded: { location: `${FREE_TEXT}; also says where people are`, legalBasis: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'CaseFileTransmitted',
    description: 'The lead agency sent a case file to a prosecutor office, which must acknowledge it by dueBy.',
    fields: {
      investigationId: text(),
      caseFileId: text(),
      fromAgencyId: text(),
      toProsecutorOfficeId: text(),
      toAgencyType: constant('prosecutor'),
      transmittedAt: instant(),
      dueBy: instant(),
      evidenceIds: list(text()),
      suspectIds: list(text()),
    },
    excluded: { summary: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'CaseFileAcknowledgementDeadlineMissed',
    description: 'The prosecutor office did not acknowledge the case file in time; escalated to coordination.',
    fields: {
      investigationId: text(),
      caseFileId: text(),
      dueBy: instant(),
      recordedAt: instant(),
      escalatedTo: constant('coordination_body'),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'CaseFileAcknowledgementRecorded',
    description: 'The prosecutor office acknowledged the case file.',
    fields: { investigationId: text(), caseFileId: text(), acknowledgedAt: instant(), byAgencyId: text() },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'InvestigationClosed',
    description: 'The investigation was closed.',
    fields: { investigationId: text(), reason: text(), closedAt: instant() },
    excluded: { note: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'SuspectPersonalDataErased',
    description:
      "The investigating agency erased a suspect's personal data (legal_request or retention_expired): the key " +
      'is destroyed, every copy is dropped; the suspect id and role stay. Carries no personal data.',
    fields: {
      investigationId: text(),
      suspectId: text(),
      reason: text({ description: 'legal_request | retention_expired' }),
      erasedAt: instant(),
    },
    excluded: {
      subjectId: "the name of the suspect's key in the investigating agency's key store: internal",
      jointCaseId: 'in the envelope (the joint case of every investigation event)',
      byAgencyId: 'the lead agency, known from InvestigationOpened',
    },
  }),
] as const satisfies readonly IntegrationEventDefinition[];
