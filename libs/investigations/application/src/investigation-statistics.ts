import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

/** One investigation opened, as the figures count it: when and at which site. */
export interface InvestigationCount {
  readonly openedAt: Date;
  readonly siteCode: string | null;
}

export interface InvestigationStatisticsSource {
  /** The investigations this police agency leads; every agency's when null. */
  investigations(leadAgencyId: string | null): Promise<InvestigationCount[]>;
}

export const INVESTIGATION_STATISTICS_SOURCE = Symbol.for('pamoja.investigations.InvestigationStatisticsSource');

export class InvestigationCountsQuery extends Query<InvestigationCount[]> {
  constructor(readonly leadAgencyId: string | null) {
    super();
  }
}

@QueryHandler(InvestigationCountsQuery)
export class InvestigationCountsHandler implements IQueryHandler<InvestigationCountsQuery, InvestigationCount[]> {
  constructor(@Inject(INVESTIGATION_STATISTICS_SOURCE) private readonly source: InvestigationStatisticsSource) {}

  execute(query: InvestigationCountsQuery): Promise<InvestigationCount[]> {
    return this.source.investigations(query.leadAgencyId);
  }
}
