import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ProjectionRegistry } from '@pamoja/platform';
import { ASSISTANCE_HANDLERS, ASSISTANCE_READ_MODEL } from '@pamoja/assistance/application';
import { assistanceCasesProjection, SqlAssistanceReadModel } from '@pamoja/assistance/infrastructure';
import {
  AssistanceProtectionMeasureResolver,
  AssistanceResolver,
  JointCaseAssistanceResolver,
} from './assistance.resolver.js';

/** The assistance context: victims' assistance by NGOs, IOM and social affairs, and its GraphQL schema. */
@Module({
  providers: [
    ...ASSISTANCE_HANDLERS,
    {
      provide: ASSISTANCE_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlAssistanceReadModel(db),
    },
    AssistanceResolver,
    AssistanceProtectionMeasureResolver,
    JointCaseAssistanceResolver,
  ],
})
export class AssistanceModule implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(assistanceCasesProjection);
  }
}

export const ASSISTANCE_PROJECTIONS = [assistanceCasesProjection] as const;
