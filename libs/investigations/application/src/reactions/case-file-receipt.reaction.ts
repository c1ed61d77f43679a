import { v5 as uuidv5 } from 'uuid';
import { type EventReaction } from '@pamoja/event-store';
import { type SentInvestigationCommand } from '@pamoja/investigations/domain';

/** Namespace for the acknowledgement command ids derived from the prosecutor's event id: fixed forever. */
const NAMESPACE = '8a1d6c2e-5f4b-5c3a-9e7d-0b1c2d3e4f5a';

/** What the police need of the prosecutor's `CaseFileReceived` (its integration event, pamoja.prosecutions). */
interface CaseFileReceivedData {
  readonly caseFileId: string;
  readonly investigationId: string;
  readonly officeAgencyId: string;
  readonly receivedAt: string;
}

function isCaseFileReceived(data: unknown): data is CaseFileReceivedData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return ['caseFileId', 'investigationId', 'officeAgencyId', 'receivedAt'].every((k) => typeof d[k] === 'string');
}

/**
 * The police's handoff ends when the prosecutor's office records that it received the case file: the
 * investigation learns it from the prosecutions' shared `CaseFileReceived` and closes its acknowledgement
 * deadline. The command id derives from the event id, so a redelivered or replayed event writes nothing.
 * A case file that names no known investigation (or another office) is the prosecutor's record to correct:
 * the refusal is logged and skipped, it must not hold up every acknowledgement after it.
 */
export const caseFileReceipt: EventReaction<SentInvestigationCommand> = {
  name: 'investigations.case-file-receipts',
  eventTypes: ['CaseFileReceived'],
  skipRefused: true,
  commandFor(event) {
    // A CaseFileReceived without what the police need throws: the dead letters' to look at.
    if (!isCaseFileReceived(event.data)) {
      throw new Error(
        `CaseFileReceived ${event.eventId} lacks caseFileId, investigationId, officeAgencyId or receivedAt`,
      );
    }
    const { investigationId, caseFileId, officeAgencyId, receivedAt } = event.data;
    const at = new Date(receivedAt);
    return {
      command: {
        type: 'RecordCaseFileAcknowledged',
        data: { investigationId, caseFileId, acknowledgedAt: at, byAgencyId: officeAgencyId },
        metadata: { actor: event.metadata.actor, now: at },
      },
      context: {
        commandId: uuidv5(event.eventId, NAMESPACE),
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
      },
    };
  },
};
