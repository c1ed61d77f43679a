import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import {
  CLOCK,
  EntityReferences,
  ProjectionRegistry,
  SharedEventRegistry,
  sharedProjectionOfLog,
  type Clock,
} from '@pamoja/platform';
import { FindMineSiteQuery, SITES_HANDLERS, SITES_READ_MODEL } from '@pamoja/sites/application';
import { siteCasesProjection, SqlSitesReadModel, sitesRegistryProjection } from '@pamoja/sites/infrastructure';
import { toMineSite } from './sites.presentation.js';
import { SiteJointCaseResolver, SitesResolver } from './sites.resolver.js';

/** The sites context: the mine-site registry, site incidents, and their part of the GraphQL schema. */
@Module({
  providers: [
    ...SITES_HANDLERS,
    {
      provide: SITES_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlSitesReadModel(db),
    },
    SitesResolver,
    SiteJointCaseResolver,
  ],
})
export class SitesModule implements OnModuleInit {
  constructor(
    @Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry,
    @Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry,
    @Inject(EntityReferences) private readonly references: EntityReferences,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(sitesRegistryProjection);
    // The joint cases linked to each site, from other agencies' referrals (and the site's own incidents) as
    // the catalogue shares them: through Kafka in server mode, from the log in embedded mode.
    this.shared.register({ kind: 'projection', projection: siteCasesProjection });
    // MineSite is an entity keyed by its registry code: other services may name a site by code alone.
    this.references.register('MineSite', async (representation) => {
      const code = representation['code'];
      if (typeof code !== 'string') return null;
      const view = await this.queries.execute(new FindMineSiteQuery({ code }, this.clock.now()));
      return view === null ? null : toMineSite(view);
    });
  }
}

/**
 * Every read model of the context as the log feeds it, for the rebuild command: the site cases see each
 * event as the catalogue shares it, as the running platform does in embedded mode.
 */
export const SITES_PROJECTIONS = [
  sitesRegistryProjection,
  sharedProjectionOfLog(siteCasesProjection, DEFAULT_CATALOGUE),
] as const;
/** The read models fed by other agencies' shared events, unwrapped (server mode: from Kafka, also on rebuild). */
export const SITES_SHARED_PROJECTIONS = [siteCasesProjection] as const;
