import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ProjectionRegistry } from '@pamoja/platform';
import { PROSECUTION_HANDLERS, PROSECUTION_READ_MODEL } from '@pamoja/prosecutions/application';
import { prosecutionsProjection, SqlProsecutionReadModel } from '@pamoja/prosecutions/infrastructure';
import {
  JointCaseProsecutionsResolver,
  ProsecutionHearingResolver,
  ProsecutionsResolver,
  ProsecutionSummaryResolver,
} from './prosecutions.resolver.js';

/** The prosecutions context: its commands, its read model and its part of the GraphQL schema. */
@Module({
  providers: [
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
})
export class ProsecutionsModule implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(prosecutionsProjection);
  }
}

export const PROSECUTION_PROJECTIONS = [prosecutionsProjection] as const;
