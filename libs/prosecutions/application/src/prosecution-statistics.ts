import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';

/** What the prosecutors' figures count, each a table of its own (they are not summed together). */
export const PROSECUTION_MEASURES = [
  'prosecutions',
  'persons_convicted',
  'persons_sentenced',
  'restitution_orders',
] as const;
export type ProsecutionMeasure = (typeof PROSECUTION_MEASURES)[number];

/**
 * One event the prosecutors' figures count: a prosecution (a case file received), a person convicted (on at
 * least one charge), a person sentenced, a restitution order; when, and at which site (the joint case's).
 */
export interface ProsecutionCount {
  readonly measure: ProsecutionMeasure;
  readonly at: Date;
  readonly siteCode: string | null;
}

export interface ProsecutionStatisticsSource {
  /** What this office recorded; every office's when null. */
  counts(officeAgencyId: string | null): Promise<ProsecutionCount[]>;
}

export const PROSECUTION_STATISTICS_SOURCE = Symbol.for('pamoja.prosecutions.ProsecutionStatisticsSource');

export class ProsecutionCountsQuery extends Query<ProsecutionCount[]> {
  constructor(readonly officeAgencyId: string | null) {
    super();
  }
}

@QueryHandler(ProsecutionCountsQuery)
export class ProsecutionCountsHandler implements IQueryHandler<ProsecutionCountsQuery, ProsecutionCount[]> {
  constructor(@Inject(PROSECUTION_STATISTICS_SOURCE) private readonly source: ProsecutionStatisticsSource) {}

  execute(query: ProsecutionCountsQuery): Promise<ProsecutionCount[]> {
    return this.source.counts(query.officeAgencyId);
  }
}
