import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { defineContext, onMissedDeadline } from '@pamoja/platform/context';
import {
  hearingOutcomeDeadline,
  PROSECUTION_HANDLERS,
  PROSECUTION_READ_MODEL,
  prosecutionCommands,
} from '@pamoja/prosecutions/application';
import { prosecutionsProjection, SqlProsecutionReadModel } from '@pamoja/prosecutions/infrastructure';
import {
  JointCaseProsecutionsResolver,
  ProsecutionHearingResolver,
  ProsecutionsResolver,
  ProsecutionSummaryResolver,
} from './prosecutions.resolver.js';
import { PROSECUTION_REFERENCE_FIELDS } from './prosecutions.references.js';

/** The prosecutions context: its commands, its read model, its hearing deadlines and its part of the schema. */
export const ProsecutionsContext = defineContext({
  name: 'prosecutions',
  commands: [prosecutionCommands],
  projections: [prosecutionsProjection],
  deadlines: [onMissedDeadline(prosecutionCommands, hearingOutcomeDeadline)],
  providers: [
    // `reference` on the types that show a record (ADR 0023).
    ...PROSECUTION_REFERENCE_FIELDS,
    ...PROSECUTION_HANDLERS,
    {
      provide: PROSECUTION_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlProsecutionReadModel(db),
    },
    ProsecutionsResolver,
    ProsecutionHearingResolver,
    JointCaseProsecutionsResolver,
    ProsecutionSummaryResolver,
  ],
});

export const ProsecutionsModule = ProsecutionsContext.module;

export const PROSECUTION_PROJECTIONS = [prosecutionsProjection] as const;
