import { idDerivedFrom } from '@pamoja/contracts';
import { type EventReaction } from '@pamoja/event-store';
import { type SentInvestigationCommand } from '@pamoja/investigations/domain';
import { asProsecutionsPublished } from '@pamoja/prosecutions/contracts';

/** Namespace for the acknowledgement command ids derived from the prosecutor's event id: fixed forever. */
const NAMESPACE = '8a1d6c2e-5f4b-5c3a-9e7d-0b1c2d3e4f5a';

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
  commandFor(recorded) {
    // The prosecutions' published language: a CaseFileReceived that is not what the catalogue shares throws
    // (MalformedSharedEventError), the dead letters' to look at.
    const event = asProsecutionsPublished(recorded);
    if (event?.type !== 'CaseFileReceived') {
      throw new Error(`${recorded.type} ${recorded.eventId} is not the prosecutions' CaseFileReceived`);
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
        commandId: idDerivedFrom(event.eventId, event.eventId, NAMESPACE),
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
      },
    };
  },
};
