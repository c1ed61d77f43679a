import { randomUUID } from 'node:crypto';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, SQL_DATABASE, type DueDeadline, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import {
  CASE_FILE_DEADLINE_WATCHER,
  caseFileDeadlineCommandId,
  caseFileDeadlineRule,
  caseFileOfDeadline,
  INVESTIGATION_HANDLERS,
  INVESTIGATION_READ_MODEL,
  RecordCaseFileDeadlineMissedCommand,
} from '@pamoja/investigations/application';
import { investigationsCaseWorkProjection, SqlInvestigationReadModel } from '@pamoja/investigations/infrastructure';
import {
  CommandSender,
  DeadlineRegistry,
  PersonalDataRegistry,
  ProjectionRegistry,
  SharedEventRegistry,
} from '@pamoja/platform';
import { caseFileReceiptReactor } from './case-file-receipt.reactor.js';
import { InvestigationsOfJointCaseResolver } from './investigations-joint-case.resolver.js';
import { CaseFileTransmissionResolver, InvestigationsResolver } from './investigations.resolver.js';
import { investigationsErasureProjection, registerInvestigationsPersonalData } from './investigations.personal-data.js';

export const INVESTIGATION_PROJECTIONS = [investigationsCaseWorkProjection, investigationsErasureProjection] as const;

/** The investigations context: its commands, its read model and its part of the GraphQL schema. */
@Module({
  providers: [
    ...INVESTIGATION_HANDLERS,
    {
      provide: INVESTIGATION_READ_MODEL,
      // Suspects' identity is read from the log through the store that decrypts it with their key (ADR 0017).
      inject: [SQL_DATABASE, EVENT_STORE],
      useFactory: (db: SqlDatabase, store: EventStore) => new SqlInvestigationReadModel(db, store),
    },
    InvestigationsResolver,
    CaseFileTransmissionResolver,
    InvestigationsOfJointCaseResolver,
  ],
})
export class InvestigationsModule implements OnModuleInit {
  constructor(
    @Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry,
    @Inject(DeadlineRegistry) private readonly deadlines: DeadlineRegistry,
    @Inject(CommandSender) private readonly sender: CommandSender,
    @Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(PersonalDataRegistry) private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    registerInvestigationsPersonalData(this.personalData);
    for (const projection of INVESTIGATION_PROJECTIONS) this.registry.register(projection);
    // A case file nobody acknowledges is a lost handoff: the platform's watcher records the miss by itself.
    this.deadlines.register(caseFileDeadlineRule(), (deadline) => this.recordMissed(deadline));
    // The prosecutor's receipt of a case file arrives as a shared event (Kafka in server mode).
    this.shared.register(caseFileReceiptReactor(this.commands));
  }

  private async recordMissed(deadline: DueDeadline): Promise<void> {
    const { investigationId, caseFileId } = caseFileOfDeadline(deadline);
    await this.sender.send(
      new RecordCaseFileDeadlineMissedCommand(investigationId, caseFileId, {
        commandId: caseFileDeadlineCommandId(investigationId, caseFileId),
        actor: CASE_FILE_DEADLINE_WATCHER,
        correlationId: randomUUID(),
        now: this.sender.now(),
      }),
    );
  }
}
