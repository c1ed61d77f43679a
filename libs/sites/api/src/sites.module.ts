import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { sharedProjectionOfLog } from '@pamoja/platform/messaging';
import { defineContext } from '@pamoja/platform/context';
import {
  mineSiteCommands,
  siteIncidentCommands,
  SITES_QUERY_HANDLERS,
  SITES_READ_MODEL,
} from '@pamoja/sites/application';
import { SITES_UPCASTERS } from '@pamoja/sites/domain';
import { siteCasesProjection, SqlSitesReadModel, sitesRegistryProjection } from '@pamoja/sites/infrastructure';
import { SitesDashboardResolver } from './dashboard.resolver.js';
import { SiteFeedModule } from './feed/site-feed.controller.js';
import { MineSiteReferences } from './mine-site-references.js';
import { SiteJointCaseResolver, SitesResolver } from './sites.resolver.js';
import { SITE_REFERENCE_FIELDS } from './sites.references.js';

/** The sites context: the mine-site registry, site incidents, and their part of the GraphQL schema. */
export const SitesContext = defineContext({
  name: 'sites',
  commands: [mineSiteCommands, siteIncidentCommands],
  projections: [sitesRegistryProjection],
  // The joint cases linked to each site, from other agencies' referrals (and the site's own incidents) as
  // the catalogue shares them: through Kafka in server mode, from the log in embedded mode.
  sharedProjections: [siteCasesProjection],
  upcasters: SITES_UPCASTERS,
  // The supply-chain feed per mine site over HTTP (/feeds/...), from the registry's read model.
  imports: [SiteFeedModule],
  providers: [
    // `reference` on the types that show a record (ADR 0023).
    ...SITE_REFERENCE_FIELDS,
    ...SITES_QUERY_HANDLERS,
    {
      provide: SITES_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlSitesReadModel(db),
    },
    SitesResolver,
    SiteJointCaseResolver,
    SitesDashboardResolver,
    MineSiteReferences,
  ],
});

export const SitesModule = SitesContext.module;

/** The read models fed by other agencies' shared events, unwrapped (server mode: from Kafka, also on rebuild). */
export const SITES_SHARED_PROJECTIONS = SitesContext.definition.sharedProjections ?? [];

/**
 * Every read model of the context as the log feeds it, for the rebuild command: the site cases see each
 * event as the catalogue shares it, as the running platform does in embedded mode.
 */
export const SITES_PROJECTIONS = [
  ...(SitesContext.definition.projections ?? []),
  ...SITES_SHARED_PROJECTIONS.map((projection) => sharedProjectionOfLog(projection, DEFAULT_CATALOGUE)),
];
