import {
  type Actor,
  type Decider,
  DEADLINE_WATCHER_ACTOR,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@pamoja/contracts';
import {
  type CancelHearing,
  type CloseProsecution,
  type DecideAppeal,
  type FileAppeal,
  type FileCharges,
  type ImposeSentence,
  type OrderRestitution,
  type ProsecutionCommand,
  type ReceiveCaseFile,
  type RecordHearingHeld,
  type RecordHearingOutcomeOverdue,
  type RenderVerdict,
  type RescheduleHearing,
  type ScheduleHearing,
} from './prosecution.commands.js';
import {
  type AppealDecided,
  type AppealFiled,
  type CaseFileReceived,
  type ChargesFiled,
  type HearingCancelled,
  type HearingHeld,
  type HearingOutcomeOverdue,
  type HearingRescheduled,
  type HearingScheduled,
  type ProsecutionClosed,
  type ProsecutionEvent,
  type RestitutionOrdered,
  type SentenceImposed,
  type VerdictRendered,
} from './prosecution.events.js';
import {
  type ChargeState,
  type ExistingProsecution,
  NO_PROSECUTION,
  type ProsecutionState,
} from './prosecution.state.js';
import { type HearingState } from './prosecution.state.js';
import { prosecutionStatus } from './vocabularies.js';

/** How long after a hearing's date the office has to record whether it was held. */
export const HEARING_OUTCOME_GRACE_MS = 2 * 24 * 60 * 60 * 1000;

export function prosecutionStreamId(prosecutionId: string): `prosecution-${string}` {
  return `prosecution-${prosecutionId}`;
}

export const prosecutionDecider: Decider<ProsecutionCommand, ProsecutionEvent, ProsecutionState> = {
  initialState: NO_PROSECUTION,
  decide,
  evolve,
};

function decide(command: ProsecutionCommand, state: ProsecutionState): ProsecutionEvent[] {
  switch (command.type) {
    case 'ReceiveCaseFile':
      return [receiveCaseFile(command, state)];
    case 'FileCharges':
      return [fileCharges(command, state)];
    case 'ScheduleHearing':
      return [scheduleHearing(command, state)];
    case 'RescheduleHearing':
      return [rescheduleHearing(command, state)];
    case 'CancelHearing':
      return [cancelHearing(command, state)];
    case 'RecordHearingHeld':
      return [recordHearingHeld(command, state)];
    case 'RecordHearingOutcomeOverdue':
      return hearingOutcomeOverdue(command, state);
    case 'RenderVerdict':
      return [renderVerdict(command, state)];
    case 'ImposeSentence':
      return [imposeSentence(command, state)];
    case 'OrderRestitution':
      return [orderRestitution(command, state)];
    case 'FileAppeal':
      return [fileAppeal(command, state)];
    case 'DecideAppeal':
      return [decideAppeal(command, state)];
    case 'CloseProsecution':
      return [close(command, state)];
  }
}

function evolve(state: ProsecutionState, event: ProsecutionEvent): ProsecutionState {
  if (event.type === 'CaseFileReceived') {
    const d = event.data;
    return {
      status: 'case_file_received',
      prosecutionId: d.prosecutionId,
      jointCaseId: d.jointCaseId,
      officeAgencyId: d.officeAgencyId,
      fromPoliceAgencyId: d.fromPoliceAgencyId,
      suspectIds: d.suspects.map((s) => s.suspectId),
      charges: {},
      hearings: {},
      restitutionIds: [],
      appeals: {},
    };
  }
  // Any other event cannot precede CaseFileReceived in a stream; ignoring one keeps evolve total.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ChargesFiled': {
      const charge: ChargeState = {
        suspectId: event.data.suspectId,
        verdict: null,
        renderedAt: null,
        sentenced: false,
        appealedBy: [],
      };
      return withStatus({ ...state, charges: { ...state.charges, [event.data.chargeId]: charge } });
    }
    case 'HearingScheduled':
      return withStatus({
        ...state,
        hearings: {
          ...state.hearings,
          [event.data.hearingId]: {
            scheduledFor: event.data.scheduledFor,
            court: event.data.court,
            held: false,
            cancelled: false,
          },
        },
      });
    case 'HearingRescheduled':
      return updateHearing(state, event.data.hearingId, {
        scheduledFor: event.data.scheduledFor,
        court: event.data.court,
      });
    case 'HearingCancelled':
      return updateHearing(state, event.data.hearingId, { cancelled: true });
    case 'HearingOutcomeOverdue':
      return state;
    case 'HearingHeld':
      return updateHearing(state, event.data.hearingId, { held: true });
    case 'VerdictRendered':
      return withStatus(
        updateCharge(state, event.data.chargeId, { verdict: event.data.verdict, renderedAt: event.data.renderedAt }),
      );
    case 'SentenceImposed':
      return updateCharge(state, event.data.chargeId, { sentenced: true });
    case 'RestitutionOrdered':
      return { ...state, restitutionIds: [...state.restitutionIds, event.data.restitutionId] };
    case 'AppealFiled': {
      const appealedBy = [...(state.charges[event.data.chargeId]?.appealedBy ?? []), event.data.by];
      const appeal = { chargeId: event.data.chargeId, filedAt: event.data.filedAt, decided: false };
      return {
        ...updateCharge(state, event.data.chargeId, { appealedBy }),
        appeals: { ...state.appeals, [event.data.appealId]: appeal },
      };
    }
    case 'AppealDecided': {
      const appeal = state.appeals[event.data.appealId];
      return appeal
        ? { ...state, appeals: { ...state.appeals, [event.data.appealId]: { ...appeal, decided: true } } }
        : state;
    }
    case 'ProsecutionClosed':
      return { ...state, status: 'closed' };
  }
}

function updateCharge(state: ExistingProsecution, chargeId: string, change: Partial<ChargeState>): ExistingProsecution {
  const charge = state.charges[chargeId];
  return charge ? { ...state, charges: { ...state.charges, [chargeId]: { ...charge, ...change } } } : state;
}

function updateHearing(
  state: ExistingProsecution,
  hearingId: string,
  change: Partial<HearingState>,
): ExistingProsecution {
  const hearing = state.hearings[hearingId];
  return hearing ? { ...state, hearings: { ...state.hearings, [hearingId]: { ...hearing, ...change } } } : state;
}

function withStatus(state: ExistingProsecution): ExistingProsecution {
  const charges = Object.values(state.charges);
  return {
    ...state,
    status: prosecutionStatus({
      closed: state.status === 'closed',
      charges: charges.length,
      verdicts: charges.filter((c) => c.verdict !== null).length,
      hearings: Object.keys(state.hearings).length,
    }),
  };
}

function receiveCaseFile(
  { data, metadata: { actor, now } }: ReceiveCaseFile,
  state: ProsecutionState,
): CaseFileReceived {
  if (actor.agencyType !== 'prosecutor') {
    throw new RuleViolationError('only_prosecutor', 'Only a prosecutor’s office may receive a case file');
  }
  if (state.status !== 'none') {
    throw new RuleViolationError(
      'case_file_already_received',
      `Prosecution ${data.prosecutionId} already received its case file`,
    );
  }
  return {
    type: 'CaseFileReceived',
    schemaVersion: 1,
    data: {
      prosecutionId: data.prosecutionId,
      jointCaseId: data.jointCaseId,
      caseFileId: data.caseFileId,
      investigationId: data.investigationId,
      fromPoliceAgencyId: data.fromPoliceAgencyId,
      officeAgencyId: actor.agencyId,
      receivedAt: now.toISOString(),
      suspects: data.suspects.map((s) => ({ suspectId: s.suspectId, role: s.role })),
    },
  };
}

function fileCharges({ data, metadata: { actor, now } }: FileCharges, state: ProsecutionState): ChargesFiled {
  if (state.status === 'none') {
    throw new RuleViolationError(
      'case_file_not_received',
      `No case file was received for prosecution ${data.prosecutionId}: charges need one`,
    );
  }
  const prosecution = open(state, actor);
  if (prosecution.charges[data.chargeId]) {
    throw new RuleViolationError('charge_already_filed', `Charge ${data.chargeId} is already filed`);
  }
  if (!prosecution.suspectIds.includes(data.suspectId)) {
    throw new RuleViolationError(
      'suspect_not_in_case_file',
      `Suspect ${data.suspectId} is not among the suspects of the case file`,
    );
  }
  return {
    type: 'ChargesFiled',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      chargeId: data.chargeId,
      suspectId: data.suspectId,
      offence: data.offence,
      legalBasis: data.legalBasis,
      filedAt: now.toISOString(),
    },
  };
}

function scheduleHearing(
  { data, metadata: { actor, now } }: ScheduleHearing,
  state: ProsecutionState,
): HearingScheduled {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  if (data.hearingId in prosecution.hearings) {
    throw new RuleViolationError('hearing_already_scheduled', `Hearing ${data.hearingId} is already scheduled`);
  }
  return {
    type: 'HearingScheduled',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      hearingId: data.hearingId,
      court: data.court,
      scheduledFor: data.scheduledFor.toISOString(),
      purpose: data.purpose,
      scheduledAt: now.toISOString(),
    },
  };
}

/** A hearing still ahead of the office: scheduled, neither held nor cancelled. */
function pendingHearing(prosecution: ExistingProsecution, hearingId: string): HearingState {
  const hearing = prosecution.hearings[hearingId];
  if (hearing === undefined) {
    throw new RuleViolationError('hearing_unknown', `Hearing ${hearingId} was never scheduled`);
  }
  if (hearing.held)
    throw new RuleViolationError('hearing_already_held', `Hearing ${hearingId} is already recorded as held`);
  if (hearing.cancelled) throw new RuleViolationError('hearing_cancelled', `Hearing ${hearingId} was cancelled`);
  return hearing;
}

function rescheduleHearing(
  { data, metadata: { actor, now } }: RescheduleHearing,
  state: ProsecutionState,
): HearingRescheduled {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const hearing = pendingHearing(prosecution, data.hearingId);
  const scheduledFor = data.scheduledFor.toISOString();
  const court = data.court ?? hearing.court;
  if (scheduledFor === hearing.scheduledFor && court === hearing.court) {
    throw new RuleViolationError(
      'hearing_unchanged',
      `Hearing ${data.hearingId} is already scheduled for ${hearing.scheduledFor} at ${hearing.court}`,
    );
  }
  return {
    type: 'HearingRescheduled',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      hearingId: data.hearingId,
      scheduledFor,
      previousScheduledFor: hearing.scheduledFor,
      court,
      reason: data.reason,
      rescheduledAt: now.toISOString(),
    },
  };
}

function cancelHearing({ data, metadata: { actor, now } }: CancelHearing, state: ProsecutionState): HearingCancelled {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const hearing = pendingHearing(prosecution, data.hearingId);
  return {
    type: 'HearingCancelled',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      hearingId: data.hearingId,
      scheduledFor: hearing.scheduledFor,
      reason: data.reason,
      cancelledAt: now.toISOString(),
    },
  };
}

/**
 * Only the platform's deadline watcher records an overdue outcome, and only for the date the deadline was
 * opened for: a hearing held, cancelled, moved or closed since is left alone (nothing is written).
 */
function hearingOutcomeOverdue(
  { data, metadata: { actor, now } }: RecordHearingOutcomeOverdue,
  state: ProsecutionState,
): HearingOutcomeOverdue[] {
  if (actor.userId !== DEADLINE_WATCHER_ACTOR.userId || actor.agencyId !== DEADLINE_WATCHER_ACTOR.agencyId) {
    throw new RuleViolationError('only_deadline_watcher', 'Only the platform records an overdue hearing outcome');
  }
  const prosecution = existing(state, data.prosecutionId);
  const hearing = prosecution.hearings[data.hearingId];
  const scheduledFor = data.scheduledFor.toISOString();
  if (
    prosecution.status === 'closed' ||
    hearing === undefined ||
    hearing.held ||
    hearing.cancelled ||
    hearing.scheduledFor !== scheduledFor
  ) {
    return [];
  }
  return [
    {
      type: 'HearingOutcomeOverdue',
      schemaVersion: 1,
      data: {
        prosecutionId: prosecution.prosecutionId,
        hearingId: data.hearingId,
        scheduledFor,
        overdueAt: now.toISOString(),
      },
    },
  ];
}

/** How much earlier than scheduled a hearing may be recorded as held. */
const HEARING_EARLY_TOLERANCE_MS = 12 * 60 * 60 * 1000;

function recordHearingHeld(
  { data, metadata: { actor, now } }: RecordHearingHeld,
  state: ProsecutionState,
): HearingHeld {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const heldAt = (data.heldAt ?? now).toISOString();
  const hearing = pendingHearing(prosecution, data.hearingId);
  // A court may bring a hearing forward within the day, not hold it days before its date: that is a
  // rescheduling, and the parties must have been told.
  if (Date.parse(heldAt) < Date.parse(hearing.scheduledFor) - HEARING_EARLY_TOLERANCE_MS) {
    throw new RuleViolationError(
      'hearing_not_yet_due',
      `Hearing ${data.hearingId} is scheduled for ${hearing.scheduledFor}; it cannot have been held before then`,
    );
  }
  return {
    type: 'HearingHeld',
    schemaVersion: 1,
    data: { prosecutionId: prosecution.prosecutionId, hearingId: data.hearingId, heldAt, outcome: data.outcome },
  };
}

function renderVerdict({ data, metadata: { actor, now } }: RenderVerdict, state: ProsecutionState): VerdictRendered {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const renderedAt = (data.renderedAt ?? now).toISOString();
  const charge = filedCharge(prosecution, data.chargeId);
  if (charge.verdict !== null) {
    throw new RuleViolationError(
      'verdict_already_rendered',
      `Charge ${data.chargeId} already has a verdict (${charge.verdict}); a new decision comes through an appeal`,
    );
  }
  return {
    type: 'VerdictRendered',
    schemaVersion: 1,
    data: { prosecutionId: prosecution.prosecutionId, chargeId: data.chargeId, verdict: data.verdict, renderedAt },
  };
}

function imposeSentence({ data, metadata: { actor, now } }: ImposeSentence, state: ProsecutionState): SentenceImposed {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const charge = filedCharge(prosecution, data.chargeId);
  if (charge.verdict !== 'convicted') {
    throw new RuleViolationError(
      'not_convicted',
      `Charge ${data.chargeId} is ${charge.verdict ?? 'awaiting a verdict'}: only a conviction carries a sentence`,
    );
  }
  if (charge.sentenced) {
    throw new RuleViolationError('sentence_already_imposed', `Charge ${data.chargeId} already has a sentence`);
  }
  return {
    type: 'SentenceImposed',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      chargeId: data.chargeId,
      imprisonmentMonths: data.imprisonmentMonths,
      fine: data.fine,
      otherMeasures: data.otherMeasures,
      imposedAt: now.toISOString(),
    },
  };
}

function orderRestitution(
  { data, metadata: { actor, now } }: OrderRestitution,
  state: ProsecutionState,
): RestitutionOrdered {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  if (prosecution.restitutionIds.includes(data.restitutionId)) {
    throw new RuleViolationError('restitution_already_ordered', `Restitution ${data.restitutionId} is already ordered`);
  }
  if (!Object.values(prosecution.charges).some((c) => c.verdict === 'convicted')) {
    throw new RuleViolationError('no_conviction', 'Restitution can be ordered only once a charge ends in a conviction');
  }
  return {
    type: 'RestitutionOrdered',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      restitutionId: data.restitutionId,
      victimRef: data.victimRef,
      amount: data.amount,
      currency: data.currency,
      note: data.note,
      orderedAt: now.toISOString(),
    },
  };
}

function fileAppeal({ data, metadata: { actor, now } }: FileAppeal, state: ProsecutionState): AppealFiled {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const filedAt = (data.filedAt ?? now).toISOString();
  if (data.appealId in prosecution.appeals) {
    throw new RuleViolationError('appeal_already_filed', `Appeal ${data.appealId} is already filed`);
  }
  const charge = filedCharge(prosecution, data.chargeId);
  if (charge.verdict === null || charge.renderedAt === null) {
    throw new RuleViolationError('no_verdict', `Charge ${data.chargeId} has no verdict to appeal against`);
  }
  if (Date.parse(filedAt) < Date.parse(charge.renderedAt)) {
    throw new InvalidInputError([{ field: 'filedAt', reason: 'an appeal cannot precede the verdict' }]);
  }
  if (charge.appealedBy.includes(data.by)) {
    throw new RuleViolationError(
      'appeal_already_filed',
      `The ${data.by.replace('_', ' ')} already appealed the verdict on charge ${data.chargeId}`,
    );
  }
  return {
    type: 'AppealFiled',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      appealId: data.appealId,
      chargeId: data.chargeId,
      by: data.by,
      filedAt,
    },
  };
}

function decideAppeal({ data, metadata: { actor, now } }: DecideAppeal, state: ProsecutionState): AppealDecided {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  const decidedAt = (data.decidedAt ?? now).toISOString();
  const appeal = prosecution.appeals[data.appealId];
  if (appeal === undefined) {
    throw new RuleViolationError('appeal_unknown', `Appeal ${data.appealId} was never filed in this prosecution`);
  }
  if (appeal.decided) {
    throw new RuleViolationError('appeal_already_decided', `Appeal ${data.appealId} already has an outcome`);
  }
  if (Date.parse(decidedAt) < Date.parse(appeal.filedAt)) {
    throw new InvalidInputError([{ field: 'decidedAt', reason: 'an appeal cannot be decided before it was filed' }]);
  }
  return {
    type: 'AppealDecided',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      appealId: data.appealId,
      chargeId: appeal.chargeId,
      outcome: data.outcome,
      decidedAt,
      note: data.note,
    },
  };
}

function close({ data, metadata: { actor, now } }: CloseProsecution, state: ProsecutionState): ProsecutionClosed {
  const prosecution = open(existing(state, data.prosecutionId), actor);
  // Withdrawing or transferring ends the charges here without a verdict; any other closing would lose them.
  if (data.reason !== 'withdrawn' && data.reason !== 'transferred') {
    const pending = Object.entries(prosecution.charges)
      .filter(([, charge]) => charge.verdict === null)
      .map(([chargeId]) => chargeId);
    if (pending.length > 0) {
      throw new RuleViolationError(
        'charges_pending',
        `Charges without a verdict: ${pending.join(', ')}; withdraw or transfer the prosecution instead`,
      );
    }
  }
  return {
    type: 'ProsecutionClosed',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      reason: data.reason,
      note: data.note,
      closedAt: now.toISOString(),
    },
  };
}

function existing(state: ProsecutionState, prosecutionId: string): ExistingProsecution {
  if (state.status === 'none') throw new NotFoundError('Prosecution', prosecutionId);
  return state;
}

/**
 * The office that received the case file conducts the prosecution; another office takes it over only
 * through a transfer (closing here with reason transferred, receiving there).
 */
function open(prosecution: ExistingProsecution, actor: Actor): ExistingProsecution {
  if (actor.agencyId !== prosecution.officeAgencyId) {
    throw new RuleViolationError(
      'only_prosecuting_office',
      'Only the prosecutor’s office that received the case file may act on this prosecution',
    );
  }
  if (prosecution.status === 'closed') {
    throw new RuleViolationError('prosecution_closed', `Prosecution ${prosecution.prosecutionId} is closed`);
  }
  return prosecution;
}

function filedCharge(prosecution: ExistingProsecution, chargeId: string): ChargeState {
  const charge = prosecution.charges[chargeId];
  if (!charge) throw new RuleViolationError('charge_not_filed', `Charge ${chargeId} was not filed in this prosecution`);
  return charge;
}
