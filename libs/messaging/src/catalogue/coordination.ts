import { instant, list, nullable, text } from '../fields.js';
import {
  defineIntegrationEvent,
  type IntegrationEventDefinition,
  type WithheldEventType,
} from '../integration-event.js';

// Coordination meetings: shared is what other agencies must act on or plan for: that a meeting of their
// province or site is scheduled and who is called to it, the action points each agency owes (owner, due
// date, joint case), that an action point was completed, that a decision was taken in a joint case, and
// that the meeting was closed. Left out, everywhere: the free text written at the meeting (title,
// action-point description, decision text): participants read it through the API, but a slip naming a
// person would otherwise reach every agency and integrator for ever (the topics are kept forever).
// Withheld entirely: `MinutesRecorded` (see below).
// Meeting events carry no joint case in their envelope: their Kafka key is the stream id (`meeting-<id>`),
// which keeps one meeting's events in order.

const context = 'coordination';
const FREE_TEXT = 'free text written at the meeting: may name or describe people';

export const COORDINATION_INTEGRATION_EVENTS = [
  defineIntegrationEvent({
    context,
    domainEventType: 'MeetingScheduled',
    domainSchemaVersion: 2,
    description: 'The coordination body scheduled a meeting of a province (NK, SK) or of one of its mine sites.',
    fields: {
      meetingId: text(),
      province: text({ description: 'NK | SK' }),
      siteCode: nullable(text({ description: 'mine-site registry code, e.g. NK-MAS-014' })),
      scheduledFor: instant(),
      participantAgencyTypes: list(text()),
      participantAgencyIds: list(text()),
      language: text({ description: 'fr | sw | en: the language it is held and minuted in' }),
      scheduledAt: instant(),
      byAgencyId: text(),
    },
    excluded: { title: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ActionPointRecorded',
    description: 'An agency undertook something at a meeting, due by a date.',
    fields: {
      meetingId: text(),
      actionPointId: text(),
      ownerAgencyId: text(),
      ownerAgencyType: text(),
      dueBy: instant(),
      jointCaseId: nullable(text()),
      recordedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { description: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ActionPointCompleted',
    description: 'An action point was completed, by its owner agency or the coordination body.',
    fields: { meetingId: text(), actionPointId: text(), completedAt: instant(), byAgencyId: text() },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'DecisionRecorded',
    description: 'The meeting took a decision, in a joint case or in general.',
    fields: {
      meetingId: text(),
      decisionId: text(),
      jointCaseId: nullable(text()),
      recordedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { text: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'CasePartyAdmitted',
    description: 'The coordination body admitted an agency to a joint case: it is party to the case from then on.',
    fields: {
      jointCaseId: text(),
      decisionId: text(),
      agencyId: text(),
      agencyType: text(),
      reason: text({ description: 'assistance_needed | jurisdiction | related_case | referral_lost | other' }),
      admittedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { note: FREE_TEXT },
  }),
  // The agency directory (stream `agency-<agencyId>`): which agencies take part, so that an integrator can
  // name them. Left out: the contact (an office line, but it could be a person's own) and a suspension's
  // reason (free text).
  defineIntegrationEvent({
    context,
    domainEventType: 'AgencyRegistered',
    description: 'The coordination body registered an agency in the directory: it may sign in and be sent cases.',
    fields: {
      agencyId: text(),
      agencyType: text(),
      name: text({ description: "the agency's name (an organisation, not a person)" }),
      province: nullable(text({ description: 'north_kivu | south_kivu; null for a national agency' })),
      territory: nullable(text()),
      parentAgencyId: nullable(text()),
      registeredAt: instant(),
      byAgencyId: text(),
    },
    excluded: { contact: 'an office line or address, which could be a person’s own' },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'AgencyDetailsChanged',
    description: "The coordination body changed an agency's name, place or parent unit.",
    fields: {
      agencyId: text(),
      name: text({ description: "the agency's name (an organisation, not a person)" }),
      province: nullable(text()),
      territory: nullable(text()),
      parentAgencyId: nullable(text()),
      changedAt: instant(),
      byAgencyId: text(),
    },
    excluded: { contact: 'an office line or address, which could be a person’s own' },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'AgencySuspended',
    description: 'The coordination body suspended an agency: its tokens are refused and nothing can be sent to it.',
    fields: { agencyId: text(), suspendedAt: instant(), byAgencyId: text() },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'AgencyReinstated',
    description: 'The coordination body reinstated a suspended agency.',
    fields: { agencyId: text(), reinstatedAt: instant(), byAgencyId: text() },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'MeetingClosed',
    description: 'The meeting was closed: nothing more is recorded on it (action points may still be completed).',
    fields: { meetingId: text(), closedAt: instant(), byAgencyId: text() },
  }),
] as const satisfies readonly IntegrationEventDefinition[];

export const COORDINATION_WITHHELD_EVENTS: readonly WithheldEventType[] = [
  {
    context,
    domainEventType: 'MinutesRecorded',
    reason:
      'The minutes are nothing but free text about the cases discussed, which may name victims, suspects or ' +
      'witnesses; the topics are kept forever and read by integrators. Participants read them through the API.',
  },
];
