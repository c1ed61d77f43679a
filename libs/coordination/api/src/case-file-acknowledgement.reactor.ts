import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { DomainError, type RecordedEvent } from '@pamoja/contracts';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  EVENT_STORE,
  migrate,
  readCheckpoint,
  SQL_DATABASE,
  writeCheckpoint,
  type EventStore,
  type SqlDatabase,
  type Subscription,
} from '@pamoja/event-store';
import { RecordCaseFileAcknowledgedCommand } from '@pamoja/investigations/application';

const NAME = 'coordination.case-file-acknowledgement';
/** Namespace for the acknowledgement command ids derived from the prosecutor's event id: fixed forever. */
const NAMESPACE = '8a1d6c2e-5f4b-5c3a-9e7d-0b1c2d3e4f5a';

interface CaseFileReceivedData {
  readonly caseFileId: string;
  readonly investigationId: string;
  readonly officeAgencyId: string;
  readonly receivedAt: string;
}

/**
 * The police's handoff ends when the prosecutor's office records that it received the case file:
 * this tells the investigation, which closes the acknowledgement deadline there. It reacts to the
 * log from a durable checkpoint; the command id derives from the event id, so a replay writes nothing.
 */
@Injectable()
export class CaseFileAcknowledgementReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CaseFileAcknowledgement');
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrate(this.db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll({
      after: await readCheckpoint(this.db, NAME),
      filter: { eventTypes: ['CaseFileReceived'] },
      onEvents: async (events, checkedUpTo) => {
        for (const event of events) await this.acknowledge(event);
        await writeCheckpoint(this.db, NAME, checkedUpTo);
      },
    });
    this.subscription.done.catch((error: unknown) => {
      if (this.stopped) return;
      this.logger.error({ msg: 'reactor failed; retrying from its checkpoint', error: String(error) });
      this.retry = setTimeout(() => void this.subscribe(), 2000);
    });
  }

  private async acknowledge(event: RecordedEvent): Promise<void> {
    const data = event.data as CaseFileReceivedData;
    try {
      await this.commands.execute(
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
      this.logger.warn({
        msg: 'case file acknowledgement not recorded',
        caseFileId: data.caseFileId,
        reason: error.message,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.stop();
  }
}
