import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ProjectionRegistry } from '@pamoja/platform';
import { COORDINATION_HANDLERS, JOINT_CASE_READ_MODEL } from '@pamoja/coordination/application';
import { jointCaseProjection, SqlJointCaseReadModel } from '@pamoja/coordination/infrastructure';
import { CaseFileAcknowledgementReactor } from './case-file-acknowledgement.reactor.js';
import { CoordinationResolver } from './coordination.resolver.js';

/** The coordination body's joint view of every case. */
@Module({
  providers: [
    ...COORDINATION_HANDLERS,
    {
      provide: JOINT_CASE_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlJointCaseReadModel(db),
    },
    CoordinationResolver,
    CaseFileAcknowledgementReactor,
  ],
})
export class CoordinationModule implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(jointCaseProjection);
  }
}

export const COORDINATION_PROJECTIONS = [jointCaseProjection] as const;
