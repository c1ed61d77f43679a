import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { EntityReferences } from '@pamoja/platform/graphql';
import { FindMineSiteQuery } from '@pamoja/sites/application';
import { toMineSite } from './sites.presentation.js';

/** MineSite is an entity keyed by its registry code: other services may name a site by code alone. */
@Injectable()
export class MineSiteReferences implements OnModuleInit {
  constructor(
    @Inject(EntityReferences) private readonly references: EntityReferences,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.references.register('MineSite', async (representation) => {
      const code = representation['code'];
      if (typeof code !== 'string') return null;
      const view = await this.queries.execute(new FindMineSiteQuery({ code }, this.clock.now()));
      return view === null ? null : toMineSite(view);
    });
  }
}
