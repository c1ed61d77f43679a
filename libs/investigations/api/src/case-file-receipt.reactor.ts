import { Logger } from '@nestjs/common';
import { type CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { DomainError, type RecordedEvent } from '@pamoja/contracts';
import { RecordCaseFileAcknowledgedCommand } from '@pamoja/investigations/application';
import { type SharedReactor } from '@pamoja/platform';

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
 * investigation learns it from the prosecutions' shared event and closes its acknowledgement deadline.
 * The command id derives from the event id, so a redelivered or replayed event writes nothing.
 */
export function caseFileReceiptReactor(commands: CommandBus): SharedReactor {
  const logger = new Logger('CaseFileReceipt');
  return {
    kind: 'reactor',
    name: 'investigations.case-file-receipts',
    eventTypes: ['CaseFileReceived'],
    async handle(event: RecordedEvent): Promise<void> {
      if (!isCaseFileReceived(event.data)) {
        throw new Error(
          `CaseFileReceived ${event.eventId} lacks caseFileId, investigationId, officeAgencyId or receivedAt`,
        );
      }
      const data = event.data;
      try {
        await commands.execute(
          new RecordCaseFileAcknowledgedCommand(
            data.investigationId,
            data.caseFileId,
            new Date(data.receivedAt),
            data.officeAgencyId,
            {
              commandId: uuidv5(event.eventId, NAMESPACE),
              actor: event.metadata.actor,
              correlationId: event.metadata.correlationId,
              now: new Date(data.receivedAt),
            },
          ),
        );
      } catch (error) {
        // A case file that names no known investigation (or another office) is the prosecutor's record
        // to correct; it must not hold up every acknowledgement after it.
        if (!(error instanceof DomainError)) throw error;
        logger.warn({
          msg: 'case file acknowledgement not recorded',
          caseFileId: data.caseFileId,
          reason: error.message,
        });
      }
    },
  };
}
