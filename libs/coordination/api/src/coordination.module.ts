import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { SharedEventRegistry } from '@pamoja/platform';
import {
  CasePartyCommandHandler,
  COORDINATION_HANDLERS,
  JOINT_CASE_READ_MODEL,
} from '@pamoja/coordination/application';
import { CasePartyResolver } from './case-party.resolver.js';
import { jointCaseProjection, SqlJointCaseReadModel } from '@pamoja/coordination/infrastructure';
import { CoordinationResolver } from './coordination.resolver.js';
import { MeetingsModule } from './meetings.module.js';

/** The coordination body's joint view of every case. */
@Module({
  imports: [MeetingsModule],
  providers: [
    ...COORDINATION_HANDLERS,
    {
      provide: JOINT_CASE_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlJointCaseReadModel(db),
    },
    CoordinationResolver,
    CasePartyCommandHandler,
    CasePartyResolver,
  ],
})
export class CoordinationModule implements OnModuleInit {
  constructor(@Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry) {}

  onModuleInit(): void {
    // Built from every agency's shared events: through Kafka in server mode, from the log in embedded mode.
    this.shared.register({ kind: 'projection', projection: jointCaseProjection });
  }
}

export const COORDINATION_PROJECTIONS = [jointCaseProjection] as const;
