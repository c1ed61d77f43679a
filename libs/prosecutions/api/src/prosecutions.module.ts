import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { defineContext, onMissedDeadline } from '@pamoja/platform/context';
import { caseSitesProjection } from '@pamoja/platform/messaging';
import {
  hearingOutcomeDeadline,
  PROSECUTION_HANDLERS,
  PROSECUTION_READ_MODEL,
  PROSECUTION_STATISTICS_SOURCE,
  prosecutionCommands,
} from '@pamoja/prosecutions/application';
import {
  PROSECUTIONS_CASE_SITES_SCHEMA,
  prosecutionsProjection,
  SqlProsecutionReadModel,
  SqlProsecutionStatistics,
} from '@pamoja/prosecutions/infrastructure';
import { ProsecutionStatisticsResolver } from './prosecution-statistics.resolver.js';
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
  // The site of each joint case, so that the prosecutors' figures count by place (docs/statistics.md).
  sharedProjections: [caseSitesProjection('prosecutions.case-sites', PROSECUTIONS_CASE_SITES_SCHEMA)],
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
    {
      provide: PROSECUTION_STATISTICS_SOURCE,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlProsecutionStatistics(db),
    },
    ProsecutionStatisticsResolver,
  ],
});

export const ProsecutionsModule = ProsecutionsContext.module;

export const PROSECUTION_PROJECTIONS = [prosecutionsProjection] as const;
