import { Field, InputType } from '@nestjs/graphql';
import { IsDate, IsIn, IsOptional } from 'class-validator';
import { PROVINCES, type Province } from '@pamoja/contracts';
import { ProvinceEnum } from './agency.types.js';

/**
 * The filter of every dashboard figure, whichever context counts it: one input type, so that the figures of a
 * dashboard page are asked for the same province and period in every subgraph.
 */
@InputType('DashboardFilter', { description: 'Which province and which period the figures are about' })
export class DashboardFilterInput {
  @Field(() => ProvinceEnum, {
    nullable: true,
    description: 'Only what happened at mine sites of this province (by the site code); every province when absent',
  })
  @IsOptional()
  @IsIn(PROVINCES)
  province?: Province;

  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive); from the start when absent' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Until this instant (exclusive); until now when absent' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  to?: Date;
}

/** A dashboard's period and province as its queries read them: `NK` or `SK` for the site codes' prefix. */
export interface DashboardScope {
  readonly sitePrefix: 'NK' | 'SK' | null;
  readonly from: Date | null;
  readonly to: Date | null;
}

const SITE_PREFIX: Readonly<Record<Province, 'NK' | 'SK'>> = { north_kivu: 'NK', south_kivu: 'SK' };

export function dashboardScopeOf(filter: DashboardFilterInput | undefined): DashboardScope {
  return {
    sitePrefix: filter?.province ? SITE_PREFIX[filter.province] : null,
    from: filter?.from ?? null,
    to: filter?.to ?? null,
  };
}
