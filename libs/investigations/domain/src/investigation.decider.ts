import {
  type Actor,
  type Decider,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@pamoja/contracts';
import {
  type CloseInvestigation,
  type EraseSuspectPersonalData,
  type IdentifySuspect,
  type InvestigationCommand,
  type OpenInvestigation,
  type RecordArrest,
  type RecordCaseFileAcknowledged,
  type RecordCaseFileDeadlineMissed,
  type RecordCustodyTransfer,
  type RecordEvidence,
  type TransmitCaseFile,
} from './investigation.commands.js';
import {
  type ArrestMade,
  type CaseFileAcknowledgementDeadlineMissed,
  type CaseFileAcknowledgementRecorded,
  type CaseFileTransmitted,
  type Custodian,
  type EvidenceCustodyTransferred,
  type EvidenceRecorded,
  type InvestigationClosed,
  type InvestigationEvent,
  type InvestigationOpened,
  type SuspectIdentified,
  type SuspectPersonalDataErased,
  suspectSubjectId,
} from './investigation.events.js';
import {
  type CaseFileState,
  type ExistingInvestigation,
  type InvestigationState,
  NO_INVESTIGATION,
} from './investigation.state.js';
import {
  DATE_PATTERN,
  isClosureReason,
  isErasureReason,
  isEvidenceKind,
  isSuspectedOffence,
  isSuspectRole,
  SHA256_PATTERN,
  SITE_CODE_PATTERN,
  UUID_PATTERN,
} from './vocabulary.js';

export const INVESTIGATION_LIMITS = {
  maxTextLength: 2000,
  maxShortTextLength: 200,
  /** The prosecutor's office must acknowledge a case file within this many days at most. */
  maxAcknowledgementDueInDays: 30,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export function investigationStreamId(investigationId: string): `investigation-${string}` {
  return `investigation-${investigationId}`;
}

export const investigationDecider: Decider<InvestigationCommand, InvestigationEvent, InvestigationState> = {
  initialState: NO_INVESTIGATION,
  decide,
  evolve,
};

function decide(command: InvestigationCommand, state: InvestigationState): InvestigationEvent[] {
  switch (command.type) {
    case 'OpenInvestigation':
      return [open(command, state)];
    case 'RecordEvidence':
      return [recordEvidence(command, state)];
    case 'RecordCustodyTransfer':
      return [transferCustody(command, state)];
    case 'IdentifySuspect':
      return [identifySuspect(command, state)];
    case 'RecordArrest':
      return [recordArrest(command, state)];
    case 'TransmitCaseFile':
      return [transmit(command, state)];
    case 'RecordCaseFileDeadlineMissed':
      return deadlineMissed(command, state);
    case 'RecordCaseFileAcknowledged':
      return acknowledged(command, state);
    case 'CloseInvestigation':
      return [close(command, state)];
    case 'EraseSuspectPersonalData':
      return eraseSuspect(command, state);
  }
}

function evolve(state: InvestigationState, event: InvestigationEvent): InvestigationState {
  if (event.type === 'InvestigationOpened') {
    const { investigationId, jointCaseId, leadAgencyId } = event.data;
    return {
      status: 'open',
      investigationId,
      jointCaseId,
      leadAgencyId,
      evidence: {},
      suspectIds: [],
      erasedSuspectIds: [],
      caseFiles: {},
    };
  }
  // No other event can precede InvestigationOpened in a stream; ignoring one keeps evolve total.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'EvidenceRecorded':
      return {
        ...state,
        evidence: {
          ...state.evidence,
          [event.data.evidenceId]: { custodian: event.data.custodian, since: event.data.collectedAt },
        },
      };
    case 'EvidenceCustodyTransferred':
      return {
        ...state,
        evidence: { ...state.evidence, [event.data.evidenceId]: { custodian: event.data.to, since: event.data.at } },
      };
    case 'SuspectIdentified':
      return { ...state, suspectIds: [...state.suspectIds, event.data.suspectId] };
    case 'ArrestMade':
      return state;
    case 'CaseFileTransmitted': {
      const { caseFileId, toProsecutorOfficeId, transmittedAt, dueBy } = event.data;
      const caseFile: CaseFileState = {
        toProsecutorOfficeId,
        transmittedAt,
        dueBy,
        acknowledged: false,
        deadlineMissed: false,
      };
      return { ...state, caseFiles: { ...state.caseFiles, [caseFileId]: caseFile } };
    }
    case 'CaseFileAcknowledgementDeadlineMissed':
      return withCaseFile(state, event.data.caseFileId, { deadlineMissed: true });
    case 'CaseFileAcknowledgementRecorded':
      return withCaseFile(state, event.data.caseFileId, { acknowledged: true });
    case 'InvestigationClosed':
      return { ...state, status: 'closed' };
    case 'SuspectPersonalDataErased':
      return { ...state, erasedSuspectIds: [...state.erasedSuspectIds, event.data.suspectId] };
  }
}

function withCaseFile(
  state: ExistingInvestigation,
  caseFileId: string,
  change: Partial<CaseFileState>,
): ExistingInvestigation {
  const caseFile = state.caseFiles[caseFileId];
  if (!caseFile) return state;
  return { ...state, caseFiles: { ...state.caseFiles, [caseFileId]: { ...caseFile, ...change } } };
}

/** Collects every input problem, so that a client on a poor connection fixes its input in one round trip. */
class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  /** Trimmed text, required and at most `max` characters. */
  text(field: string, value: string, max: number = INVESTIGATION_LIMITS.maxTextLength): string {
    const text = value.trim();
    if (text === '') this.add(field, 'is required');
    else if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text;
  }

  /** Trimmed text or null when blank, at most `max` characters. */
  optionalText(field: string, value: string | null, max: number = INVESTIGATION_LIMITS.maxTextLength): string | null {
    const text = value?.trim() ?? '';
    if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text === '' ? null : text;
  }

  /** An instant that has already happened (the police record what was done, not what is planned). */
  past(field: string, value: Date, now: Date): string {
    const time = value.getTime();
    if (Number.isNaN(time)) this.add(field, 'is not a valid date');
    else if (time > now.getTime()) this.add(field, 'cannot be in the future');
    return Number.isNaN(time) ? '' : value.toISOString();
  }

  custodian(field: string, custodian: Custodian): Custodian {
    return {
      agencyId: this.text(`${field}.agencyId`, custodian.agencyId, INVESTIGATION_LIMITS.maxShortTextLength),
      officerId: this.text(`${field}.officerId`, custodian.officerId, INVESTIGATION_LIMITS.maxShortTextLength),
    };
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidInputError(this.list);
  }
}

function open({ data, metadata: { actor, now } }: OpenInvestigation, state: InvestigationState): InvestigationOpened {
  if (state.status !== 'none') {
    throw new RuleViolationError(
      'investigation_already_exists',
      `Investigation ${data.investigationId} already exists`,
    );
  }
  // The police open investigations; other agencies refer to them (see the referrals context).
  if (actor.agencyType !== 'police') {
    throw new RuleViolationError('only_police', 'Only a police agency may open an investigation');
  }
  const problems = new Problems();
  if (!UUID_PATTERN.test(data.jointCaseId)) problems.add('jointCaseId', 'must be a UUID');
  const referralId = problems.optionalText('referralId', data.referralId, INVESTIGATION_LIMITS.maxShortTextLength);
  const siteCode = problems.optionalText('siteCode', data.siteCode, INVESTIGATION_LIMITS.maxShortTextLength);
  if (siteCode !== null && !SITE_CODE_PATTERN.test(siteCode)) {
    problems.add('siteCode', 'must look like NK-MAS-014: province NK or SK, territory, three digits');
  }
  if (data.offences.length === 0) problems.add('offences', 'at least one suspected offence is required');
  for (const offence of data.offences.filter((o) => !isSuspectedOffence(o))) {
    problems.add('offences', `unknown offence ${String(offence)}`);
  }
  for (const offence of duplicates(data.offences)) problems.add('offences', `${offence} is listed twice`);
  const leadOfficerId = problems.text('leadOfficerId', data.leadOfficerId, INVESTIGATION_LIMITS.maxShortTextLength);
  problems.throwIfAny();

  return {
    type: 'InvestigationOpened',
    schemaVersion: 1,
    data: {
      investigationId: data.investigationId,
      jointCaseId: data.jointCaseId.toLowerCase(),
      referralId,
      siteCode,
      offences: [...data.offences],
      leadAgencyId: actor.agencyId,
      leadAgencyType: actor.agencyType,
      leadOfficerId,
      openedAt: now.toISOString(),
    },
  };
}

function recordEvidence(
  { data, metadata: { actor, now } }: RecordEvidence,
  state: InvestigationState,
): EvidenceRecorded {
  const investigation = openForWork(state, data.investigationId, actor);
  if (investigation.evidence[data.evidenceId]) {
    throw new RuleViolationError('evidence_already_recorded', `Evidence ${data.evidenceId} is already recorded`);
  }
  const problems = new Problems();
  const description = problems.text('description', data.description);
  if (!isEvidenceKind(data.kind)) problems.add('kind', `unknown evidence kind ${String(data.kind)}`);
  // Not normalised: a hash that is not exactly what the tool printed is more likely mistyped than upper-case.
  if (!SHA256_PATTERN.test(data.sha256)) problems.add('sha256', 'must be 64 lower-case hexadecimal characters');
  const collectedAt = problems.past('collectedAt', data.collectedAt, now);
  const collectedBy = problems.text('collectedBy', data.collectedBy, INVESTIGATION_LIMITS.maxShortTextLength);
  problems.throwIfAny();
  return {
    type: 'EvidenceRecorded',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      evidenceId: data.evidenceId,
      description,
      kind: data.kind,
      sha256: data.sha256,
      collectedAt,
      collectedBy,
      custodian: { agencyId: actor.agencyId, officerId: collectedBy },
    },
  };
}

// Allowed after closure: evidence keeps moving (to the prosecutor, to a court registry) once the file is sent.
function transferCustody(
  { data, metadata: { actor, now } }: RecordCustodyTransfer,
  state: InvestigationState,
): EvidenceCustodyTransferred {
  const investigation = existing(state, data.investigationId);
  const evidence = investigation.evidence[data.evidenceId];
  if (!evidence) {
    throw new RuleViolationError('evidence_unknown', `No evidence ${data.evidenceId} in this investigation`);
  }
  if (actor.agencyId !== investigation.leadAgencyId && actor.agencyId !== evidence.custodian.agencyId) {
    throw new RuleViolationError(
      'only_custodian_or_lead_agency',
      'Only the agency holding the evidence or the investigating agency may record its transfer',
    );
  }
  const problems = new Problems();
  const from = problems.custodian('from', data.from);
  const to = problems.custodian('to', data.to);
  const at = problems.past('at', data.at, now);
  const reason = problems.text('reason', data.reason);
  if (at !== '' && Date.parse(at) < Date.parse(evidence.since)) {
    problems.add('at', 'cannot precede the previous link of the custody chain');
  }
  if (sameCustodian(from, to)) problems.add('to', 'must differ from the current custodian');
  problems.throwIfAny();
  // A chain with a gap proves nothing in court: the giver must be whoever holds the item now.
  if (!sameCustodian(from, evidence.custodian)) {
    throw new RuleViolationError(
      'custody_chain_broken',
      `Evidence ${data.evidenceId} is held by ${evidence.custodian.officerId} of ${evidence.custodian.agencyId}, ` +
        `not by ${from.officerId} of ${from.agencyId}`,
    );
  }
  return {
    type: 'EvidenceCustodyTransferred',
    schemaVersion: 1,
    data: { investigationId: investigation.investigationId, evidenceId: data.evidenceId, from, to, at, reason },
  };
}

function identifySuspect(
  { data, metadata: { actor, now } }: IdentifySuspect,
  state: InvestigationState,
): SuspectIdentified {
  const investigation = openForWork(state, data.investigationId, actor);
  if (investigation.suspectIds.includes(data.suspectId)) {
    throw new RuleViolationError('suspect_already_identified', `Suspect ${data.suspectId} is already identified`);
  }
  const problems = new Problems();
  if (!isSuspectRole(data.role)) problems.add('role', `unknown role ${String(data.role)}`);
  const short = INVESTIGATION_LIMITS.maxShortTextLength;
  const alias = problems.optionalText('alias', data.alias, short);
  const description = problems.optionalText('description', data.description);
  const name = problems.optionalText('personal.name', data.personal.name, short);
  const dateOfBirth = problems.optionalText('personal.dateOfBirth', data.personal.dateOfBirth, short);
  if (dateOfBirth !== null && !isPastCalendarDate(dateOfBirth, now)) {
    problems.add('personal.dateOfBirth', 'must be a past date written YYYY-MM-DD');
  }
  if (alias === null && description === null && name === null) {
    problems.add('alias', 'an alias, a description or a name is required to tell this suspect apart');
  }
  problems.throwIfAny();
  return {
    type: 'SuspectIdentified',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      suspectId: data.suspectId,
      role: data.role,
      alias,
      description,
      personal: { name, dateOfBirth },
      identifiedAt: now.toISOString(),
    },
  };
}

function recordArrest({ data, metadata: { actor, now } }: RecordArrest, state: InvestigationState): ArrestMade {
  const investigation = openForWork(state, data.investigationId, actor);
  assertSuspectKnown(investigation, data.suspectId);
  const problems = new Problems();
  const arrestedAt = problems.past('arrestedAt', data.arrestedAt, now);
  const location = problems.text('location', data.location, INVESTIGATION_LIMITS.maxShortTextLength);
  const legalBasis = problems.text('legalBasis', data.legalBasis);
  problems.throwIfAny();
  return {
    type: 'ArrestMade',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      suspectId: data.suspectId,
      arrestedAt,
      location,
      legalBasis,
    },
  };
}

function transmit(
  { data, metadata: { actor, now } }: TransmitCaseFile,
  state: InvestigationState,
): CaseFileTransmitted {
  const investigation = openForWork(state, data.investigationId, actor);
  if (investigation.caseFiles[data.caseFileId]) {
    throw new RuleViolationError('case_file_already_transmitted', `Case file ${data.caseFileId} was already sent`);
  }
  if (investigation.suspectIds.length === 0) {
    throw new RuleViolationError(
      'no_suspect_identified',
      'A case file goes to the prosecutor against someone: identify at least one suspect first',
    );
  }
  const problems = new Problems();
  const toProsecutorOfficeId = problems.text(
    'toProsecutorOfficeId',
    data.toProsecutorOfficeId,
    INVESTIGATION_LIMITS.maxShortTextLength,
  );
  if (toProsecutorOfficeId === actor.agencyId) {
    problems.add('toProsecutorOfficeId', 'cannot transmit a case file to your own agency');
  }
  const dueBy = data.dueBy.getTime();
  const maxDays = INVESTIGATION_LIMITS.maxAcknowledgementDueInDays;
  if (Number.isNaN(dueBy)) problems.add('dueBy', 'is not a valid date');
  else if (dueBy <= now.getTime()) problems.add('dueBy', 'must be in the future');
  else if (dueBy > now.getTime() + maxDays * DAY_MS) problems.add('dueBy', `must be at most ${maxDays} days ahead`);
  const summary = problems.text('summary', data.summary);
  if (data.suspectIds.length === 0) problems.add('suspectIds', 'at least one suspect must be included');
  for (const id of duplicates(data.suspectIds)) problems.add('suspectIds', `${id} is listed twice`);
  for (const id of duplicates(data.evidenceIds)) problems.add('evidenceIds', `${id} is listed twice`);
  problems.throwIfAny();
  for (const suspectId of data.suspectIds) assertSuspectKnown(investigation, suspectId);
  const unknownEvidence = data.evidenceIds.find((id) => !investigation.evidence[id]);
  if (unknownEvidence !== undefined) {
    throw new RuleViolationError('evidence_unknown', `No evidence ${unknownEvidence} in this investigation`);
  }
  return {
    type: 'CaseFileTransmitted',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      caseFileId: data.caseFileId,
      fromAgencyId: actor.agencyId,
      toProsecutorOfficeId,
      toAgencyType: 'prosecutor',
      transmittedAt: now.toISOString(),
      dueBy: data.dueBy.toISOString(),
      summary,
      evidenceIds: [...data.evidenceIds],
      suspectIds: [...data.suspectIds],
    },
  };
}

/**
 * Idempotent by design: the deadline watcher may run as often as it likes (and after restarts) and the
 * escalation is recorded once, only for a case file still unacknowledged after its due time.
 * Still decided after closure: closing on transmission is exactly when the handoff can get lost.
 */
function deadlineMissed(
  { data, metadata: { now } }: RecordCaseFileDeadlineMissed,
  state: InvestigationState,
): CaseFileAcknowledgementDeadlineMissed[] {
  const investigation = existing(state, data.investigationId);
  const caseFile = knownCaseFile(investigation, data.caseFileId);
  if (caseFile.acknowledged || caseFile.deadlineMissed) return [];
  if (now.getTime() <= Date.parse(caseFile.dueBy)) return [];
  return [
    {
      type: 'CaseFileAcknowledgementDeadlineMissed',
      schemaVersion: 1,
      data: {
        investigationId: investigation.investigationId,
        caseFileId: data.caseFileId,
        dueBy: caseFile.dueBy,
        recordedAt: now.toISOString(),
        escalatedTo: 'coordination_body',
      },
    },
  ];
}

// A late acknowledgement is recorded even after the miss was escalated: late is better than lost.
function acknowledged(
  { data, metadata: { now } }: RecordCaseFileAcknowledged,
  state: InvestigationState,
): CaseFileAcknowledgementRecorded[] {
  const investigation = existing(state, data.investigationId);
  const caseFile = knownCaseFile(investigation, data.caseFileId);
  if (data.byAgencyId !== caseFile.toProsecutorOfficeId) {
    throw new RuleViolationError(
      'only_receiving_office',
      `Only ${caseFile.toProsecutorOfficeId}, the office the case file was sent to, may acknowledge it`,
    );
  }
  // The platform may deliver the same acknowledgement twice; the first one stands.
  if (caseFile.acknowledged) return [];
  const problems = new Problems();
  const acknowledgedAt = problems.past('acknowledgedAt', data.acknowledgedAt, now);
  if (acknowledgedAt !== '' && Date.parse(acknowledgedAt) < Date.parse(caseFile.transmittedAt)) {
    problems.add('acknowledgedAt', 'cannot precede the transmission');
  }
  problems.throwIfAny();
  return [
    {
      type: 'CaseFileAcknowledgementRecorded',
      schemaVersion: 1,
      data: {
        investigationId: investigation.investigationId,
        caseFileId: data.caseFileId,
        acknowledgedAt,
        byAgencyId: data.byAgencyId,
      },
    },
  ];
}

function close({ data, metadata: { actor, now } }: CloseInvestigation, state: InvestigationState): InvestigationClosed {
  const investigation = openForWork(state, data.investigationId, actor);
  const problems = new Problems();
  if (!isClosureReason(data.reason)) problems.add('reason', `unknown closure reason ${String(data.reason)}`);
  const note = problems.optionalText('note', data.note);
  if (data.reason === 'other' && note === null) problems.add('note', 'is required when the reason is other');
  problems.throwIfAny();
  if (data.reason === 'transmitted_to_prosecutor' && Object.keys(investigation.caseFiles).length === 0) {
    throw new RuleViolationError(
      'no_case_file_transmitted',
      'No case file was transmitted: close for another reason, or transmit the case file first',
    );
  }
  return {
    type: 'InvestigationClosed',
    schemaVersion: 1,
    data: { investigationId: investigation.investigationId, reason: data.reason, note, closedAt: now.toISOString() },
  };
}

/**
 * Only the investigating agency erases a suspect's personal data, also once the investigation is closed (the
 * end of retention, an acquittal). Erasing an erased suspect's data again is a no-op.
 */
function eraseSuspect(
  { data, metadata: { actor, now } }: EraseSuspectPersonalData,
  state: InvestigationState,
): SuspectPersonalDataErased[] {
  const investigation = existing(state, data.investigationId);
  if (actor.agencyId !== investigation.leadAgencyId) {
    throw new RuleViolationError('only_lead_agency', 'Only the investigating police agency may do this');
  }
  assertSuspectKnown(investigation, data.suspectId);
  if (!isErasureReason(data.reason)) {
    throw new InvalidInputError([{ field: 'reason', reason: 'must be legal_request or retention_expired' }]);
  }
  if (investigation.erasedSuspectIds.includes(data.suspectId)) return [];
  return [
    {
      type: 'SuspectPersonalDataErased',
      schemaVersion: 1,
      data: {
        investigationId: investigation.investigationId,
        jointCaseId: investigation.jointCaseId,
        suspectId: data.suspectId,
        subjectId: suspectSubjectId(investigation.investigationId, data.suspectId),
        reason: data.reason,
        erasedAt: now.toISOString(),
        byAgencyId: actor.agencyId,
      },
    },
  ];
}

function existing(state: InvestigationState, investigationId: string): ExistingInvestigation {
  if (state.status === 'none') throw new NotFoundError('Investigation', investigationId);
  return state;
}

/** New evidence, suspects, arrests, transmissions and closure: by the investigating agency, while open. */
function openForWork(state: InvestigationState, investigationId: string, actor: Actor): ExistingInvestigation {
  const investigation = existing(state, investigationId);
  if (actor.agencyId !== investigation.leadAgencyId) {
    throw new RuleViolationError('only_lead_agency', 'Only the investigating police agency may do this');
  }
  if (investigation.status === 'closed') {
    throw new RuleViolationError('investigation_closed', `Investigation ${investigationId} is closed`);
  }
  return investigation;
}

function assertSuspectKnown(investigation: ExistingInvestigation, suspectId: string): void {
  if (!investigation.suspectIds.includes(suspectId)) {
    throw new RuleViolationError('suspect_unknown', `No suspect ${suspectId} is identified in this investigation`);
  }
}

function knownCaseFile(investigation: ExistingInvestigation, caseFileId: string): CaseFileState {
  const caseFile = investigation.caseFiles[caseFileId];
  if (!caseFile) throw new NotFoundError('CaseFile', caseFileId);
  return caseFile;
}

function sameCustodian(a: Custodian, b: Custodian): boolean {
  return a.agencyId === b.agencyId && a.officerId === b.officerId;
}

function isPastCalendarDate(value: string, now: Date): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  // Round-tripping rejects dates such as 2001-02-30 that Date silently rolls over.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= now.getTime();
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
