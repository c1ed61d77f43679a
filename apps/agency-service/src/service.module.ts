import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { type PlatformConfig } from '@pamoja/platform/config';
import { PlatformModule } from '@pamoja/platform/runtime';
import { AssistanceModule } from '@pamoja/assistance/api';
import { CoordinationModule } from '@pamoja/coordination/api';
import { IntegrationsModule } from '@pamoja/integrations/api';
import { InvestigationsModule } from '@pamoja/investigations/api';
import { ProsecutionsModule } from '@pamoja/prosecutions/api';
import { ReferralsModule } from '@pamoja/referrals/api';
import { SitesModule } from '@pamoja/sites/api';

/** The agency services of server mode: one context each, the same modules as the embedded platform. */
export const AGENCY_SERVICES = {
  /** First responders' and every agency's referrals (handoffs). */
  referrals: ReferralsModule,
  /** The mining authority: sites, inspections, incidents. */
  sites: SitesModule,
  /** The police. */
  investigations: InvestigationsModule,
  /** The prosecutor's offices and the courts' outcomes. */
  prosecutions: ProsecutionsModule,
  /** NGOs assisting victims. */
  assistance: AssistanceModule,
  /** The provincial coordination body: the joint case, from every agency's shared events. */
  coordination: CoordinationModule,
  /** Integrators' webhooks: the outbox the log feeds and its dispatcher (ADR 0028). */
  integrations: IntegrationsModule,
} as const satisfies Record<string, Type | DynamicModule>;

export type AgencyServiceName = keyof typeof AGENCY_SERVICES;

/** The one service that serves the auditors' query (`auditEntries`); every service writes the one audit log. */
export const AUDIT_QUERY_SERVICE: AgencyServiceName = 'coordination';

export function isAgencyService(name: string): name is AgencyServiceName {
  return Object.hasOwn(AGENCY_SERVICES, name);
}

/** Server mode: one context as its own service on PostgreSQL (DATABASE_URL), sharing events over Kafka. */
@Module({})
export class AgencyServiceModule {
  static forRoot(config: PlatformConfig, service: AgencyServiceName): DynamicModule {
    return {
      module: AgencyServiceModule,
      imports: [
        PlatformModule.forRoot(config, { subgraph: true, auditQueries: service === AUDIT_QUERY_SERVICE }),
        AGENCY_SERVICES[service],
      ],
    };
  }
}
