import { duplicatesOf, type InputParser, parseInput, type Text, type Unparsed } from '@pamoja/contracts';
import {
  type CloseInvestigation,
  type EraseSuspectPersonalData,
  type IdentifySuspect,
  type InvestigationCommand,
  type OpenInvestigation,
  type RecordArrest,
  type RecordEvidence,
  type SentInvestigationCommand,
} from './investigation.commands.js';
import {
  CLOSURE_REASONS,
  DATE_PATTERN,
  ERASURE_REASONS,
  EVIDENCE_KINDS,
  isSuspectedOffence,
  SHA256_PATTERN,
  SITE_CODE_PATTERN,
  SUSPECT_ROLES,
  UUID_PATTERN,
} from './vocabularies.js';

export const INVESTIGATION_LIMITS = {
  maxTextLength: 2000,
  maxShortTextLength: 200,
  /** The prosecutor's office must acknowledge a case file within this many days at most. */
  maxAcknowledgementDueInDays: 30,
} as const;

const LONG = INVESTIGATION_LIMITS.maxTextLength;
const SHORT = INVESTIGATION_LIMITS.maxShortTextLength;

/**
 * An investigation command as the decider takes it: every field problem named at once (one round trip for
 * a client on a poor connection), free text trimmed, vocabularies known. The command's own `now` and actor
 * are part of what it says, so "already happened" and "not to your own agency" are checked here too; what
 * depends on the investigation so far is the decider's.
 */
export function parseInvestigationCommand(sent: SentInvestigationCommand): InvestigationCommand {
  switch (sent.type) {
    case 'OpenInvestigation':
      return parseInput((p) => open(p, sent));
    case 'RecordEvidence':
      return parseInput((p) => recordEvidence(p, sent));
    case 'IdentifySuspect':
      return parseInput((p) => identifySuspect(p, sent));
    case 'RecordArrest':
      return parseInput((p) => recordArrest(p, sent));
    case 'CloseInvestigation':
      return parseInput((p) => close(p, sent));
    case 'EraseSuspectPersonalData':
      return parseInput((p) => erase(p, sent));
    // Checked by the decider with the investigation so far, or sent by the platform itself.
    case 'RecordCustodyTransfer':
    case 'TransmitCaseFile':
    case 'RecordCaseFileDeadlineMissed':
    case 'RecordCaseFileAcknowledged':
      return sent;
  }
}

/** An instant that has already happened (the police record what was done, not what is planned). */
export function pastInstant(p: InputParser, field: string, value: Date, now: Date): Date {
  const time = value.getTime();
  if (Number.isNaN(time)) p.add(field, 'is not a valid date');
  else if (time > now.getTime()) p.add(field, 'cannot be in the future');
  return value;
}

function open(p: InputParser, { data, metadata }: Unparsed<OpenInvestigation>): OpenInvestigation {
  if (!UUID_PATTERN.test(data.jointCaseId)) p.add('jointCaseId', 'must be a UUID');
  const referralId = p.optionalText('referralId', data.referralId, SHORT);
  const siteCode = p.optionalText('siteCode', data.siteCode, SHORT);
  if (siteCode !== null && !SITE_CODE_PATTERN.test(siteCode)) {
    p.add('siteCode', 'must look like NK-MAS-014: province NK or SK, territory, three digits');
  }
  if (data.offences.length === 0) p.add('offences', 'at least one suspected offence is required');
  for (const offence of data.offences.filter((o) => !isSuspectedOffence(o))) {
    p.add('offences', `unknown offence ${String(offence)}`);
  }
  for (const offence of duplicatesOf(data.offences)) p.add('offences', `${offence} is listed twice`);
  const leadOfficerId = p.text('leadOfficerId', data.leadOfficerId, SHORT);
  return {
    type: 'OpenInvestigation',
    metadata,
    data: {
      investigationId: data.investigationId,
      jointCaseId: data.jointCaseId.toLowerCase(),
      referralId,
      siteCode,
      offences: data.offences,
      leadOfficerId,
    },
  };
}

function recordEvidence(p: InputParser, { data, metadata }: Unparsed<RecordEvidence>): RecordEvidence {
  const description = p.text('description', data.description, LONG);
  const kind = p.oneOf('kind', data.kind, EVIDENCE_KINDS, `unknown evidence kind ${data.kind}`);
  // Not normalised: a hash that is not exactly what the tool printed is more likely mistyped than upper-case.
  if (!SHA256_PATTERN.test(data.sha256)) p.add('sha256', 'must be 64 lower-case hexadecimal characters');
  const collectedAt = pastInstant(p, 'collectedAt', data.collectedAt, metadata.now);
  const collectedBy = p.text('collectedBy', data.collectedBy, SHORT);
  return {
    type: 'RecordEvidence',
    metadata,
    data: {
      investigationId: data.investigationId,
      evidenceId: data.evidenceId,
      description,
      kind,
      sha256: data.sha256,
      collectedAt,
      collectedBy,
    },
  };
}

function identifySuspect(p: InputParser, { data, metadata }: Unparsed<IdentifySuspect>): IdentifySuspect {
  const role = p.oneOf('role', data.role, SUSPECT_ROLES, `unknown role ${data.role}`);
  const alias = p.optionalText('alias', data.alias, SHORT);
  const description = p.optionalText('description', data.description, LONG);
  const name = p.optionalText('personal.name', data.personal.name, SHORT);
  const dateOfBirth = p.optionalText('personal.dateOfBirth', data.personal.dateOfBirth, SHORT);
  if (dateOfBirth !== null && !isPastCalendarDate(dateOfBirth, metadata.now)) {
    p.add('personal.dateOfBirth', 'must be a past date written YYYY-MM-DD');
  }
  if (alias === null && description === null && name === null) {
    p.add('alias', 'an alias, a description or a name is required to tell this suspect apart');
  }
  return {
    type: 'IdentifySuspect',
    metadata,
    data: {
      investigationId: data.investigationId,
      suspectId: data.suspectId,
      role,
      alias,
      description,
      personal: { name, dateOfBirth },
    },
  };
}

function recordArrest(p: InputParser, { data, metadata }: Unparsed<RecordArrest>): RecordArrest {
  const arrestedAt = pastInstant(p, 'arrestedAt', data.arrestedAt, metadata.now);
  const location = p.text('location', data.location, SHORT);
  const legalBasis = p.text('legalBasis', data.legalBasis, LONG);
  return {
    type: 'RecordArrest',
    metadata,
    data: { investigationId: data.investigationId, suspectId: data.suspectId, arrestedAt, location, legalBasis },
  };
}

function close(p: InputParser, { data, metadata }: Unparsed<CloseInvestigation>): CloseInvestigation {
  const reason = p.oneOf('reason', data.reason, CLOSURE_REASONS, `unknown closure reason ${data.reason}`);
  const note = p.optionalText('note', data.note, LONG);
  if (data.reason === 'other' && note === null) p.add('note', 'is required when the reason is other');
  return { type: 'CloseInvestigation', metadata, data: { investigationId: data.investigationId, reason, note } };
}

function erase(p: InputParser, { data, metadata }: Unparsed<EraseSuspectPersonalData>): EraseSuspectPersonalData {
  const reason = p.oneOf('reason', data.reason, ERASURE_REASONS, 'must be legal_request or retention_expired');
  return {
    type: 'EraseSuspectPersonalData',
    metadata,
    data: { investigationId: data.investigationId, suspectId: data.suspectId, reason },
  };
}

function isPastCalendarDate(value: Text, now: Date): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  // Round-tripping rejects dates such as 2001-02-30 that Date silently rolls over.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) && date.getTime() <= now.getTime();
}
