import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import {
  caseFileMissedDeadline,
  caseFileReceipt,
  INVESTIGATION_QUERY_HANDLERS,
  INVESTIGATION_READ_MODEL,
  INVESTIGATION_STATISTICS_SOURCE,
  investigationCommands,
} from '@pamoja/investigations/application';
import {
  investigationsCaseWorkProjection,
  SqlInvestigationReadModel,
  SqlInvestigationStatistics,
} from '@pamoja/investigations/infrastructure';
import { defineContext, onMissedDeadline, onSharedEvent } from '@pamoja/platform/context';
import { InvestigationStatisticsResolver } from './investigation-statistics.resolver.js';
import { InvestigationsOfJointCaseResolver } from './investigations-joint-case.resolver.js';
import { CaseFileTransmissionResolver, InvestigationsResolver } from './investigations.resolver.js';
import {
  investigationsErasureProjection,
  SUSPECT_ERASURE,
  SUSPECT_PERSONAL_DATA,
} from './investigations.personal-data.js';
import { INVESTIGATION_REFERENCE_FIELDS } from './investigations.references.js';

/**
 * The investigations context: its commands, its read model, the case-file acknowledgement deadline, its
 * reaction to the prosecutor's receipt of a case file (a shared event, Kafka in server mode), the suspects'
 * personal data and its part of the GraphQL schema.
 */
export const InvestigationsContext = defineContext({
  name: 'investigations',
  commands: [investigationCommands],
  projections: [investigationsCaseWorkProjection, investigationsErasureProjection],
  deadlines: [onMissedDeadline(investigationCommands, caseFileMissedDeadline)],
  reactions: [onSharedEvent(investigationCommands, caseFileReceipt)],
  personalData: [SUSPECT_PERSONAL_DATA],
  erasures: [SUSPECT_ERASURE],
  providers: [
    // `reference` on the types that show a record (ADR 0023).
    ...INVESTIGATION_REFERENCE_FIELDS,
    ...INVESTIGATION_QUERY_HANDLERS,
    {
      provide: INVESTIGATION_READ_MODEL,
      // Suspects' identity is read from the log through the store that decrypts it with their key (ADR 0017).
      inject: [SQL_DATABASE, EVENT_STORE],
      useFactory: (db: SqlDatabase, store: EventStore) => new SqlInvestigationReadModel(db, store),
    },
    InvestigationsResolver,
    CaseFileTransmissionResolver,
    InvestigationsOfJointCaseResolver,
    {
      provide: INVESTIGATION_STATISTICS_SOURCE,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlInvestigationStatistics(db),
    },
    InvestigationStatisticsResolver,
  ],
});

export const InvestigationsModule = InvestigationsContext.module;

/** The context's own read models, for the rebuild tool and the specs that rebuild them. */
export const INVESTIGATION_PROJECTIONS = InvestigationsContext.definition.projections ?? [];
