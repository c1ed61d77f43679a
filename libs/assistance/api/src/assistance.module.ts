import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import { consentProjection, PersonalDataRegistry, ProjectionRegistry, SharedEventRegistry } from '@pamoja/platform';
import { ASSISTANCE_HANDLERS, ASSISTANCE_READ_MODEL } from '@pamoja/assistance/application';
import { assistanceCasesProjection, SqlAssistanceReadModel } from '@pamoja/assistance/infrastructure';
import { assistanceErasureProjection, registerAssistancePersonalData } from './assistance.personal-data.js';
import {
  AssistanceProtectionMeasureResolver,
  AssistanceResolver,
  JointCaseAssistanceResolver,
} from './assistance.resolver.js';

export const ASSISTANCE_PROJECTIONS = [assistanceCasesProjection, assistanceErasureProjection] as const;

/** The assistance context: victims' assistance by NGOs, IOM and social affairs, and its GraphQL schema. */
@Module({
  providers: [
    ...ASSISTANCE_HANDLERS,
    {
      provide: ASSISTANCE_READ_MODEL,
      // The identity is read from the log through the store that decrypts it with the victim's key (ADR 0017).
      inject: [SQL_DATABASE, EVENT_STORE],
      useFactory: (db: SqlDatabase, store: EventStore) => new SqlAssistanceReadModel(db, store),
    },
    AssistanceResolver,
    AssistanceProtectionMeasureResolver,
    JointCaseAssistanceResolver,
  ],
})
export class AssistanceModule implements OnModuleInit {
  constructor(
    @Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry,
    @Inject(PersonalDataRegistry) private readonly personalData: PersonalDataRegistry,
    @Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry,
  ) {}

  onModuleInit(): void {
    registerAssistancePersonalData(this.personalData);
    for (const projection of ASSISTANCE_PROJECTIONS) this.registry.register(projection);
    // The victims' consents, from the referrals' shared events: the access policy reads them to decide who
    // else may see a victim's identity and details (the only fields the policy extends by consent).
    this.shared.register({ kind: 'projection', projection: consentProjection });
  }
}
