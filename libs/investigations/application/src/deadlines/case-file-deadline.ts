import { randomUUID } from 'node:crypto';
import { type Actor, type RecordedEvent, DEADLINE_WATCHER_ACTOR } from '@pamoja/contracts';
import {
  type DeadlineRule,
  type DueDeadline,
  type MissedDeadlineHandling,
  type OpenedDeadline,
} from '@pamoja/event-store';
import { isInvestigationEvent, type SentInvestigationCommand } from '@pamoja/investigations/domain';
import { caseFileDeadlineCommandId } from '../commands/investigation-command.js';

export const CASE_FILE_DEADLINE_KIND = 'case_file_acknowledgement';

const STREAM_PREFIX = 'investigation-';

/** One deadline per transmitted case file: the key is what keeps it from being raised twice. */
export function caseFileDeadlineKey(investigationId: string, caseFileId: string): string {
  return `case_file:${investigationId}:${caseFileId}`;
}

/** The investigation and case file a due deadline is about (the investigation id is a UUID, without colons). */
export function caseFileOfDeadline(deadline: Pick<DueDeadline, 'key' | 'streamId'>): {
  investigationId: string;
  caseFileId: string;
} {
  const investigationId = deadline.streamId.slice(STREAM_PREFIX.length);
  const prefix = caseFileDeadlineKey(investigationId, '');
  if (!deadline.streamId.startsWith(STREAM_PREFIX) || !deadline.key.startsWith(prefix)) {
    throw new Error(`deadline ${deadline.key} is not a case-file deadline of ${deadline.streamId}`);
  }
  return { investigationId, caseFileId: deadline.key.slice(prefix.length) };
}

/** The platform's own actor records missed acknowledgements (shared by every context's deadlines). */
export const CASE_FILE_DEADLINE_WATCHER: Actor = DEADLINE_WATCHER_ACTOR;

/**
 * The prosecutor's office must acknowledge a transmitted case file by `dueBy`. The acknowledgement closes
 * the deadline, and so does the recorded miss itself (the coordination body is alerted once).
 */
export function caseFileDeadlineRule(): DeadlineRule {
  return {
    kind: CASE_FILE_DEADLINE_KIND,
    eventTypes: ['CaseFileTransmitted', 'CaseFileAcknowledgementRecorded', 'CaseFileAcknowledgementDeadlineMissed'],
    opened(recorded: RecordedEvent): readonly OpenedDeadline[] {
      if (!isInvestigationEvent(recorded) || recorded.type !== 'CaseFileTransmitted') return [];
      const d = recorded.data;
      return [
        {
          key: caseFileDeadlineKey(d.investigationId, d.caseFileId),
          kind: CASE_FILE_DEADLINE_KIND,
          dueAt: d.dueBy,
          streamId: recorded.streamId,
          jointCaseId: recorded.metadata.jointCaseId,
          agencyId: d.toProsecutorOfficeId,
        },
      ];
    },
    closed(recorded: RecordedEvent): readonly string[] {
      if (!isInvestigationEvent(recorded)) return [];
      switch (recorded.type) {
        case 'CaseFileAcknowledgementRecorded':
        case 'CaseFileAcknowledgementDeadlineMissed':
          return [caseFileDeadlineKey(recorded.data.investigationId, recorded.data.caseFileId)];
        case 'InvestigationOpened':
        case 'EvidenceRecorded':
        case 'EvidenceCustodyTransferred':
        case 'SuspectIdentified':
        case 'ArrestMade':
        case 'CaseFileTransmitted':
        case 'InvestigationClosed':
        case 'SuspectPersonalDataErased':
          return [];
      }
    },
  };
}

/**
 * A case file nobody acknowledges is a lost handoff: the platform's watcher records the miss by itself, and
 * escalates it to the coordination body. The command id derives from the deadline, so it is recorded once.
 */
export const caseFileMissedDeadline: MissedDeadlineHandling<SentInvestigationCommand> = {
  rule: caseFileDeadlineRule(),
  commandFor(deadline, now) {
    const { investigationId, caseFileId } = caseFileOfDeadline(deadline);
    return {
      command: {
        type: 'RecordCaseFileDeadlineMissed',
        data: { investigationId, caseFileId },
        metadata: { actor: CASE_FILE_DEADLINE_WATCHER, now },
      },
      context: {
        commandId: caseFileDeadlineCommandId(investigationId, caseFileId),
        actor: CASE_FILE_DEADLINE_WATCHER,
        correlationId: randomUUID(),
      },
    };
  },
};
