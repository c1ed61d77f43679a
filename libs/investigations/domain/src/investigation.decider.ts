import {
  type Actor,
  type Decider,
  duplicatesOf,
  InputParser,
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
import { INVESTIGATION_LIMITS, pastInstant } from './investigation.parse.js';

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
  return {
    type: 'InvestigationOpened',
    schemaVersion: 1,
    data: {
      investigationId: data.investigationId,
      jointCaseId: data.jointCaseId,
      referralId: data.referralId,
      siteCode: data.siteCode,
      offences: [...data.offences],
      leadAgencyId: actor.agencyId,
      leadAgencyType: actor.agencyType,
      leadOfficerId: data.leadOfficerId,
      openedAt: now.toISOString(),
    },
  };
}

function recordEvidence({ data, metadata: { actor } }: RecordEvidence, state: InvestigationState): EvidenceRecorded {
  const investigation = openForWork(state, data.investigationId, actor);
  if (investigation.evidence[data.evidenceId]) {
    throw new RuleViolationError('evidence_already_recorded', `Evidence ${data.evidenceId} is already recorded`);
  }
  return {
    type: 'EvidenceRecorded',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      evidenceId: data.evidenceId,
      description: data.description,
      kind: data.kind,
      sha256: data.sha256,
      collectedAt: data.collectedAt.toISOString(),
      collectedBy: data.collectedBy,
      custodian: { agencyId: actor.agencyId, officerId: data.collectedBy },
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
  // Checked here rather than at the edge: whether `at` fits depends on the chain so far, and a client learns
  // every problem of its input at once.
  const problems = new InputParser();
  const from = custodian(problems, 'from', data.from);
  const to = custodian(problems, 'to', data.to);
  const at = pastInstant(problems, 'at', data.at, now);
  const reason = problems.text('reason', data.reason, INVESTIGATION_LIMITS.maxTextLength);
  if (!Number.isNaN(at.getTime()) && at.getTime() < Date.parse(evidence.since)) {
    problems.add('at', 'cannot precede the previous link of the custody chain');
  }
  if (sameCustodian(from, to)) problems.add('to', 'must differ from the current custodian');
  problems.done(null);
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
    data: {
      investigationId: investigation.investigationId,
      evidenceId: data.evidenceId,
      from,
      to,
      at: at.toISOString(),
      reason,
    },
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
  return {
    type: 'SuspectIdentified',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      suspectId: data.suspectId,
      role: data.role,
      alias: data.alias,
      description: data.description,
      personal: { name: data.personal.name, dateOfBirth: data.personal.dateOfBirth },
      identifiedAt: now.toISOString(),
    },
  };
}

function recordArrest({ data, metadata: { actor } }: RecordArrest, state: InvestigationState): ArrestMade {
  const investigation = openForWork(state, data.investigationId, actor);
  assertSuspectKnown(investigation, data.suspectId);
  return {
    type: 'ArrestMade',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      suspectId: data.suspectId,
      arrestedAt: data.arrestedAt.toISOString(),
      location: data.location,
      legalBasis: data.legalBasis,
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
  const problems = new InputParser();
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
  const summary = problems.text('summary', data.summary, INVESTIGATION_LIMITS.maxTextLength);
  if (data.suspectIds.length === 0) problems.add('suspectIds', 'at least one suspect must be included');
  for (const id of duplicatesOf(data.suspectIds)) problems.add('suspectIds', `${id} is listed twice`);
  for (const id of duplicatesOf(data.evidenceIds)) problems.add('evidenceIds', `${id} is listed twice`);
  problems.done(null);
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
  const problems = new InputParser();
  const acknowledgedAt = pastInstant(problems, 'acknowledgedAt', data.acknowledgedAt, now);
  if (!Number.isNaN(acknowledgedAt.getTime()) && acknowledgedAt.getTime() < Date.parse(caseFile.transmittedAt)) {
    problems.add('acknowledgedAt', 'cannot precede the transmission');
  }
  problems.done(null);
  return [
    {
      type: 'CaseFileAcknowledgementRecorded',
      schemaVersion: 1,
      data: {
        investigationId: investigation.investigationId,
        caseFileId: data.caseFileId,
        acknowledgedAt: acknowledgedAt.toISOString(),
        byAgencyId: data.byAgencyId,
      },
    },
  ];
}

function close({ data, metadata: { actor, now } }: CloseInvestigation, state: InvestigationState): InvestigationClosed {
  const investigation = openForWork(state, data.investigationId, actor);
  if (data.reason === 'transmitted_to_prosecutor' && Object.keys(investigation.caseFiles).length === 0) {
    throw new RuleViolationError(
      'no_case_file_transmitted',
      'No case file was transmitted: close for another reason, or transmit the case file first',
    );
  }
  return {
    type: 'InvestigationClosed',
    schemaVersion: 1,
    data: {
      investigationId: investigation.investigationId,
      reason: data.reason,
      note: data.note,
      closedAt: now.toISOString(),
    },
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

function custodian(problems: InputParser, field: string, { agencyId, officerId }: Custodian): Custodian {
  const short = INVESTIGATION_LIMITS.maxShortTextLength;
  return {
    agencyId: problems.text(`${field}.agencyId`, agencyId, short),
    officerId: problems.text(`${field}.officerId`, officerId, short),
  };
}
