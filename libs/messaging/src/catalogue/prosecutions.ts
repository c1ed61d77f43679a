import { decimal, instant, integer, list, nullable, object, text } from '../fields.js';
import { defineIntegrationEvent, type IntegrationEventDefinition } from '../integration-event.js';

// Prosecutions: shared are the case-file handoff (suspect ids and roles only), charges (offence ids),
// hearing dates and courts, verdicts, sentences (months and fines), restitution amounts, appeals and
// closure reasons.
// Left out: free text (`legalBasis`, hearing `purpose` and `outcome`, `otherMeasures`, notes): written
// by users and may name victims, witnesses or suspects; and `victimRef`: an opaque reference by rule,
// but its pattern allows initials, and nobody outside the prosecution needs to link it.

const context = 'prosecutions';
const FREE_TEXT = 'free text written by a user: may name or describe victims, witnesses or suspects';

export const PROSECUTION_INTEGRATION_EVENTS = [
  defineIntegrationEvent({
    context,
    domainEventType: 'CaseFileReceived',
    description: 'A prosecutor office received a case file from the police and conducts the prosecution.',
    fields: {
      prosecutionId: text(),
      jointCaseId: text(),
      caseFileId: text(),
      investigationId: text(),
      fromPoliceAgencyId: text(),
      officeAgencyId: text(),
      receivedAt: instant(),
      suspects: list(object({ suspectId: text(), role: text() })),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ChargesFiled',
    description: 'A charge was filed against a suspect.',
    fields: { prosecutionId: text(), chargeId: text(), suspectId: text(), offence: text(), filedAt: instant() },
    excluded: { legalBasis: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'HearingScheduled',
    description: 'A hearing was scheduled.',
    fields: {
      prosecutionId: text(),
      hearingId: text(),
      court: text({ description: 'the court (an institution)' }),
      scheduledFor: instant(),
      scheduledAt: instant(),
    },
    excluded: { purpose: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'HearingRescheduled',
    description: 'The court moved a hearing to another date (or court).',
    fields: {
      prosecutionId: text(),
      hearingId: text(),
      scheduledFor: instant(),
      previousScheduledFor: instant(),
      court: text(),
      rescheduledAt: instant(),
    },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'HearingCancelled',
    description: 'A scheduled hearing will not take place.',
    fields: { prosecutionId: text(), hearingId: text(), scheduledFor: instant(), cancelledAt: instant() },
    excluded: { reason: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'HearingOutcomeOverdue',
    description: "A hearing's date passed two days ago and nobody recorded whether it was held.",
    fields: { prosecutionId: text(), hearingId: text(), scheduledFor: instant(), overdueAt: instant() },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'HearingHeld',
    description: 'A scheduled hearing took place.',
    fields: { prosecutionId: text(), hearingId: text(), heldAt: instant() },
    excluded: { outcome: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'VerdictRendered',
    description: 'A verdict on a charge.',
    fields: {
      prosecutionId: text(),
      chargeId: text(),
      verdict: text({ description: 'convicted | acquitted | dismissed' }),
      renderedAt: instant(),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'SentenceImposed',
    description: 'A sentence on a convicted charge.',
    fields: {
      prosecutionId: text(),
      chargeId: text(),
      imprisonmentMonths: integer(),
      fine: nullable(object({ amount: decimal(), currency: text() })),
      imposedAt: instant(),
    },
    excluded: { otherMeasures: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'RestitutionOrdered',
    description: 'Restitution to a victim was ordered (the victim is not named or referenced).',
    fields: {
      prosecutionId: text(),
      restitutionId: text(),
      amount: decimal(),
      currency: text(),
      orderedAt: instant(),
    },
    excluded: {
      victimRef: 'a reference to a victim: opaque by rule, but free enough to hold initials; not needed outside',
      note: FREE_TEXT,
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'AppealFiled',
    description: 'An appeal against a verdict.',
    fields: {
      prosecutionId: text(),
      appealId: text(),
      chargeId: text(),
      by: text({ description: 'prosecution | defence | civil_party' }),
      filedAt: instant(),
    },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'AppealDecided',
    description: "The appeal court's decision on an appeal.",
    fields: {
      prosecutionId: text(),
      appealId: text(),
      chargeId: text(),
      outcome: text({ description: 'upheld | overturned | varied | inadmissible | withdrawn' }),
      decidedAt: instant(),
    },
    excluded: { note: FREE_TEXT },
  }),
  defineIntegrationEvent({
    context,
    domainEventType: 'ProsecutionClosed',
    description: 'The prosecution was closed.',
    fields: { prosecutionId: text(), reason: text(), closedAt: instant() },
    excluded: { note: FREE_TEXT },
  }),
] as const satisfies readonly IntegrationEventDefinition[];
