import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type AgeGroup, type FormOfExploitation, type Sex } from '@pamoja/assistance/domain';

/** One victim identified, as the figures count them: when, where, and the dimensions of SDG 16.2.2. */
export interface VictimCount {
  readonly registeredAt: Date;
  /** The site of the victim's joint case (its earliest referral naming one); null when none named a site. */
  readonly siteCode: string | null;
  readonly sex: Sex;
  readonly ageGroup: AgeGroup;
  readonly formsOfExploitation: readonly FormOfExploitation[];
}

/** The victims the figures count: each person once (their first registration), by one agency or by all. */
export interface VictimStatisticsSource {
  victims(assistingAgencyId: string | null): Promise<VictimCount[]>;
}

export const VICTIM_STATISTICS_SOURCE = Symbol.for('pamoja.assistance.VictimStatisticsSource');

/** The victims identified by an agency (its own figures) or by every agency (the joint figures). */
export class VictimCountsQuery extends Query<VictimCount[]> {
  constructor(readonly assistingAgencyId: string | null) {
    super();
  }
}

@QueryHandler(VictimCountsQuery)
export class VictimCountsHandler implements IQueryHandler<VictimCountsQuery, VictimCount[]> {
  constructor(@Inject(VICTIM_STATISTICS_SOURCE) private readonly source: VictimStatisticsSource) {}

  execute(query: VictimCountsQuery): Promise<VictimCount[]> {
    return this.source.victims(query.assistingAgencyId);
  }
}
