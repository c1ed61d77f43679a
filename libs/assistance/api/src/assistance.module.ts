import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import { consentProjection } from '@pamoja/platform/policy';
import { caseSitesProjection } from '@pamoja/platform/messaging';
import { defineContext, preparedBy } from '@pamoja/platform/context';
import {
  ASSISTANCE_QUERY_HANDLERS,
  ASSISTANCE_READ_MODEL,
  assistanceCommands,
  AssistancePersons,
  VICTIM_STATISTICS_SOURCE,
} from '@pamoja/assistance/application';
import {
  ASSISTANCE_CASE_SITES_SCHEMA,
  assistanceCasesProjection,
  SqlAssistanceReadModel,
  SqlVictimStatistics,
} from '@pamoja/assistance/infrastructure';
import { assistanceErasureProjection, VICTIM_ERASURE, VICTIM_PERSONAL_DATA } from './assistance.personal-data.js';
import {
  AssistanceProtectionMeasureResolver,
  AssistanceResolver,
  JointCaseAssistanceResolver,
} from './assistance.resolver.js';
import { ASSISTANCE_REFERENCE_FIELDS } from './assistance.references.js';
import { VictimStatisticsResolver } from './victim-statistics.resolver.js';

/** The assistance context: victims' assistance by NGOs, IOM and social affairs, and its GraphQL schema. */
export const AssistanceContext = defineContext({
  name: 'assistance',
  // A victim registered as a person of the case must be one its referrals brought, on every path.
  commands: [preparedBy(assistanceCommands, AssistancePersons)],
  projections: [assistanceCasesProjection, assistanceErasureProjection],
  // The victims' consents, from the referrals' shared events: the access policy reads them to decide who
  // else may see a victim's identity and details (the only fields the policy extends by consent).
  sharedProjections: [
    consentProjection,
    // The site of each joint case, so that the victims' figures count by place (docs/statistics.md).
    caseSitesProjection('assistance.case-sites', ASSISTANCE_CASE_SITES_SCHEMA),
  ],
  personalData: [VICTIM_PERSONAL_DATA],
  erasures: [VICTIM_ERASURE],
  providers: [
    // `reference` on the types that show a record (ADR 0023).
    ...ASSISTANCE_REFERENCE_FIELDS,
    ...ASSISTANCE_QUERY_HANDLERS,
    {
      provide: ASSISTANCE_READ_MODEL,
      // The identity is read from the log through the store that decrypts it with the victim's key (ADR 0017).
      inject: [SQL_DATABASE, EVENT_STORE],
      useFactory: (db: SqlDatabase, store: EventStore) => new SqlAssistanceReadModel(db, store),
    },
    {
      provide: VICTIM_STATISTICS_SOURCE,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlVictimStatistics(db),
    },
    VictimStatisticsResolver,
    AssistanceResolver,
    AssistanceProtectionMeasureResolver,
    JointCaseAssistanceResolver,
  ],
});

export const AssistanceModule = AssistanceContext.module;

/** The context's own read models, for the rebuild tool and the erasure checks. */
export const ASSISTANCE_PROJECTIONS = AssistanceContext.definition.projections ?? [];
