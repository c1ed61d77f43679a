import {
  type Actor,
  type Decider,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@pamoja/contracts';
import {
  type CloseProsecution,
  type FileAppeal,
  type FileCharges,
  type ImposeSentence,
  type OrderRestitution,
  type ProsecutionCommand,
  type ReceiveCaseFile,
  type RecordHearingHeld,
  type RenderVerdict,
  type ScheduleHearing,
} from './prosecution.commands.js';
import {
  type AppealFiled,
  type CaseFileReceived,
  type ChargesFiled,
  type HearingHeld,
  type HearingScheduled,
  type Money,
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
import {
  isAppealParty,
  isCloseReason,
  isCurrency,
  isProsecutionOffence,
  isVerdict,
  isVictimRef,
  prosecutionStatus,
} from './vocabularies.js';

export const PROSECUTION_LIMITS = {
  maxTextLength: 2000,
  maxLegalBasisLength: 300,
  maxCourtLength: 200,
  maxRoleLength: 100,
  maxSuspects: 100,
  /** Beyond this a hearing date is a typo, not a plan. */
  maxScheduledAheadDays: 730,
  /** 100 years: life imprisonment goes in other measures (servitude pénale à perpétuité). */
  maxImprisonmentMonths: 1200,
  maxAmount: 1_000_000_000_000,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

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
    case 'RecordHearingHeld':
      return [recordHearingHeld(command, state)];
    case 'RenderVerdict':
      return [renderVerdict(command, state)];
    case 'ImposeSentence':
      return [imposeSentence(command, state)];
    case 'OrderRestitution':
      return [orderRestitution(command, state)];
    case 'FileAppeal':
      return [fileAppeal(command, state)];
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
      appealIds: [],
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
        hearings: { ...state.hearings, [event.data.hearingId]: { scheduledFor: event.data.scheduledFor, held: false } },
      });
    case 'HearingHeld':
      return {
        ...state,
        hearings: {
          ...state.hearings,
          [event.data.hearingId]: {
            scheduledFor: state.hearings[event.data.hearingId]?.scheduledFor ?? '',
            held: true,
          },
        },
      };
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
      return {
        ...updateCharge(state, event.data.chargeId, { appealedBy }),
        appealIds: [...state.appealIds, event.data.appealId],
      };
    }
    case 'ProsecutionClosed':
      return { ...state, status: 'closed' };
  }
}

function updateCharge(state: ExistingProsecution, chargeId: string, change: Partial<ChargeState>): ExistingProsecution {
  const charge = state.charges[chargeId];
  return charge ? { ...state, charges: { ...state.charges, [chargeId]: { ...charge, ...change } } } : state;
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

  // All problems at once: on a poor connection a client should fix its input in one round trip.
  const problems = new Problems();
  problems.requireId('prosecutionId', data.prosecutionId);
  // Every prosecution belongs to a joint case: a handoff outside a case is one that gets lost.
  problems.requireId('jointCaseId', data.jointCaseId);
  problems.requireId('caseFileId', data.caseFileId);
  problems.requireId('investigationId', data.investigationId);
  if (problems.requireId('fromPoliceAgencyId', data.fromPoliceAgencyId) && data.fromPoliceAgencyId === actor.agencyId) {
    problems.add('fromPoliceAgencyId', 'the case file comes from another agency than yours');
  }
  if (data.suspects.length > PROSECUTION_LIMITS.maxSuspects) {
    problems.add('suspects', `must list at most ${PROSECUTION_LIMITS.maxSuspects} suspects`);
  }
  const suspects = data.suspects.map((suspect, index) => {
    const role = suspect.role.trim();
    problems.requireId(`suspects.${index}.suspectId`, suspect.suspectId);
    if (role === '') problems.add(`suspects.${index}.role`, 'is required');
    else if (role.length > PROSECUTION_LIMITS.maxRoleLength) {
      problems.add(`suspects.${index}.role`, `must be at most ${PROSECUTION_LIMITS.maxRoleLength} characters`);
    }
    return { suspectId: suspect.suspectId, role };
  });
  for (const id of duplicates(data.suspects.map((s) => s.suspectId))) {
    problems.add('suspects', `suspect ${id} is listed twice`);
  }
  problems.throwIfAny();

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
      suspects,
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

  const problems = new Problems();
  problems.requireId('chargeId', data.chargeId);
  if (!isProsecutionOffence(data.offence)) problems.add('offence', `unknown offence ${String(data.offence)}`);
  const legalBasis = problems.text('legalBasis', data.legalBasis, PROSECUTION_LIMITS.maxLegalBasisLength);
  problems.throwIfAny();

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
      legalBasis,
      filedAt: now.toISOString(),
    },
  };
}

function scheduleHearing(
  { data, metadata: { actor, now } }: ScheduleHearing,
  state: ProsecutionState,
): HearingScheduled {
  const prosecution = open(existing(state, data.prosecutionId), actor);

  const problems = new Problems();
  problems.requireId('hearingId', data.hearingId);
  const court = problems.text('court', data.court, PROSECUTION_LIMITS.maxCourtLength);
  const scheduledFor = data.scheduledFor.getTime();
  if (Number.isNaN(scheduledFor)) problems.add('scheduledFor', 'is not a valid date');
  else if (scheduledFor <= now.getTime()) problems.add('scheduledFor', 'must be in the future');
  else if (scheduledFor > now.getTime() + PROSECUTION_LIMITS.maxScheduledAheadDays * DAY_MS) {
    problems.add('scheduledFor', `must be at most ${PROSECUTION_LIMITS.maxScheduledAheadDays} days ahead`);
  }
  const purpose = problems.text('purpose', data.purpose, PROSECUTION_LIMITS.maxTextLength);
  problems.throwIfAny();

  if (data.hearingId in prosecution.hearings) {
    throw new RuleViolationError('hearing_already_scheduled', `Hearing ${data.hearingId} is already scheduled`);
  }
  return {
    type: 'HearingScheduled',
    schemaVersion: 1,
    data: {
      prosecutionId: prosecution.prosecutionId,
      hearingId: data.hearingId,
      court,
      scheduledFor: data.scheduledFor.toISOString(),
      purpose,
      scheduledAt: now.toISOString(),
    },
  };
}

/** How much earlier than scheduled a hearing may be recorded as held. */
const HEARING_EARLY_TOLERANCE_MS = 12 * 60 * 60 * 1000;

function recordHearingHeld(
  { data, metadata: { actor, now } }: RecordHearingHeld,
  state: ProsecutionState,
): HearingHeld {
  const prosecution = open(existing(state, data.prosecutionId), actor);

  const problems = new Problems();
  const heldAt = problems.pastOrNow('heldAt', data.heldAt, now);
  const outcome = problems.text('outcome', data.outcome, PROSECUTION_LIMITS.maxTextLength);
  problems.throwIfAny();

  const hearing = prosecution.hearings[data.hearingId];
  if (hearing === undefined) {
    throw new RuleViolationError('hearing_unknown', `Hearing ${data.hearingId} was never scheduled`);
  }
  if (hearing.held)
    throw new RuleViolationError('hearing_already_held', `Hearing ${data.hearingId} is already recorded as held`);
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
    data: { prosecutionId: prosecution.prosecutionId, hearingId: data.hearingId, heldAt, outcome },
  };
}

function renderVerdict({ data, metadata: { actor, now } }: RenderVerdict, state: ProsecutionState): VerdictRendered {
  const prosecution = open(existing(state, data.prosecutionId), actor);

  const problems = new Problems();
  if (!isVerdict(data.verdict)) problems.add('verdict', 'must be convicted, acquitted or dismissed');
  const renderedAt = problems.pastOrNow('renderedAt', data.renderedAt, now);
  problems.throwIfAny();

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

  const problems = new Problems();
  const months = data.imprisonmentMonths;
  if (!Number.isInteger(months) || months < 0 || months > PROSECUTION_LIMITS.maxImprisonmentMonths) {
    problems.add(
      'imprisonmentMonths',
      `must be a whole number of months from 0 to ${PROSECUTION_LIMITS.maxImprisonmentMonths}`,
    );
  }
  const fine =
    data.fine === null
      ? null
      : problems.money({ amount: 'fine.amount', currency: 'fine.currency' }, data.fine, { allowZero: true });
  const otherMeasures = problems.optionalText('otherMeasures', data.otherMeasures, PROSECUTION_LIMITS.maxTextLength);
  if (months === 0 && (fine === null || fine.amount === 0) && otherMeasures === null) {
    problems.add('imprisonmentMonths', 'a sentence needs imprisonment, a fine or another measure');
  }
  problems.throwIfAny();

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
      imprisonmentMonths: months,
      fine,
      otherMeasures,
      imposedAt: now.toISOString(),
    },
  };
}

function orderRestitution(
  { data, metadata: { actor, now } }: OrderRestitution,
  state: ProsecutionState,
): RestitutionOrdered {
  const prosecution = open(existing(state, data.prosecutionId), actor);

  const problems = new Problems();
  problems.requireId('restitutionId', data.restitutionId);
  if (!isVictimRef(data.victimRef)) {
    problems.add('victimRef', 'must be an opaque victim reference (letters, digits, . _ : -), never a name');
  }
  const { amount, currency } = problems.money(
    { amount: 'amount', currency: 'currency' },
    { amount: data.amount, currency: data.currency },
    { allowZero: false },
  );
  const note = problems.optionalText('note', data.note, PROSECUTION_LIMITS.maxTextLength);
  problems.throwIfAny();

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
      amount,
      currency,
      note,
      orderedAt: now.toISOString(),
    },
  };
}

function fileAppeal({ data, metadata: { actor, now } }: FileAppeal, state: ProsecutionState): AppealFiled {
  const prosecution = open(existing(state, data.prosecutionId), actor);

  const problems = new Problems();
  problems.requireId('appealId', data.appealId);
  if (!isAppealParty(data.by)) problems.add('by', 'must be prosecution, defence or civil_party');
  const filedAt = problems.pastOrNow('filedAt', data.filedAt, now);
  problems.throwIfAny();

  if (prosecution.appealIds.includes(data.appealId)) {
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

function close({ data, metadata: { actor, now } }: CloseProsecution, state: ProsecutionState): ProsecutionClosed {
  const prosecution = open(existing(state, data.prosecutionId), actor);

  const problems = new Problems();
  if (!isCloseReason(data.reason)) problems.add('reason', 'must be adjudicated, withdrawn, transferred or other');
  const note = problems.optionalText('note', data.note, PROSECUTION_LIMITS.maxTextLength);
  // "Other" says nothing by itself: whoever reads the case later must learn why it ended.
  if (data.reason === 'other' && note === null) problems.add('note', 'is required when the reason is other');
  problems.throwIfAny();

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
    data: { prosecutionId: prosecution.prosecutionId, reason: data.reason, note, closedAt: now.toISOString() },
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

/** Collects every field problem of a command so the client learns them all in one answer. */
class Problems {
  private readonly problems: FieldProblem[] = [];

  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  requireId(field: string, value: string): boolean {
    if (value.trim() !== '') return true;
    this.add(field, 'is required');
    return false;
  }

  text(field: string, value: string, max: number): string {
    const text = value.trim();
    if (text === '') this.add(field, 'is required');
    else if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text;
  }

  optionalText(field: string, value: string | undefined, max: number): string | null {
    const text = value?.trim() ?? '';
    if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text === '' ? null : text;
  }

  /** An instant recorded after the fact: defaults to now, never in the future. */
  pastOrNow(field: string, value: Date | undefined, now: Date): string {
    const at = value ?? now;
    if (Number.isNaN(at.getTime())) {
      this.add(field, 'is not a valid date');
      return now.toISOString();
    }
    if (at.getTime() > now.getTime()) this.add(field, 'cannot be in the future');
    return at.toISOString();
  }

  money(
    fields: { readonly amount: string; readonly currency: string },
    { amount, currency }: Money,
    { allowZero }: { allowZero: boolean },
  ): Money {
    if (!Number.isFinite(amount) || amount < 0 || (!allowZero && amount === 0)) {
      this.add(fields.amount, allowZero ? 'must be zero or more' : 'must be more than zero');
    } else if (amount > PROSECUTION_LIMITS.maxAmount) {
      this.add(fields.amount, `must be at most ${PROSECUTION_LIMITS.maxAmount}`);
    } else if (Math.round(amount * 100) !== amount * 100) {
      this.add(fields.amount, 'must have at most two decimals');
    }
    if (!isCurrency(currency)) this.add(fields.currency, 'must be CDF or USD');
    return { amount, currency };
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InvalidInputError(this.problems);
  }
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
