import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ProjectionRegistry } from '@pamoja/platform';
import { SITES_HANDLERS, SITES_READ_MODEL } from '@pamoja/sites/application';
import { SqlSitesReadModel, sitesRegistryProjection } from '@pamoja/sites/infrastructure';
import { SitesResolver } from './sites.resolver.js';

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
  ],
})
export class SitesModule implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(sitesRegistryProjection);
  }
}

export const SITES_PROJECTIONS = [sitesRegistryProjection] as const;
