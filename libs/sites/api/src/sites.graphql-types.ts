import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { graphqlEnum } from '@pamoja/platform';
import {
  INCIDENT_SOURCES,
  MINE_SITE_STATUSES,
  MINERALS,
  PROVINCES,
  RECOMMENDABLE_SITE_STATUSES,
  TERRITORIES,
  type IncidentLevel,
  type IncidentSource,
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from '@pamoja/sites/domain';

export const MineSiteStatusEnum = graphqlEnum(MINE_SITE_STATUSES);
export const RecommendedSiteStatusEnum = graphqlEnum(RECOMMENDABLE_SITE_STATUSES);
export const MineralEnum = graphqlEnum(MINERALS);
export const ProvinceEnum = graphqlEnum(PROVINCES);
export const TerritoryEnum = graphqlEnum(TERRITORIES);
export const SiteIncidentSourceEnum = graphqlEnum(INCIDENT_SOURCES);
export const SiteIncidentStatusEnum = graphqlEnum(['open', 'closed'] as const);

registerEnumType(MineSiteStatusEnum, {
  name: 'MineSiteStatus',
  description: 'ICGLR status: GREEN may trade, YELLOW remediation, RED suspended, BLUE not yet verified',
});
registerEnumType(RecommendedSiteStatusEnum, {
  name: 'MineSiteRecommendedStatus',
  description: 'What an inspection may recommend (it ends the unverified BLUE status)',
});
registerEnumType(MineralEnum, { name: 'MineSiteMineral' });
registerEnumType(ProvinceEnum, { name: 'MineSiteProvince' });
registerEnumType(TerritoryEnum, { name: 'MineSiteTerritory', description: 'Territories of North and South Kivu' });
registerEnumType(SiteIncidentSourceEnum, { name: 'SiteIncidentSource' });
registerEnumType(SiteIncidentStatusEnum, { name: 'SiteIncidentStatus' });

@ObjectType('MineSiteInspection')
export class MineSiteInspectionType {
  @Field(() => Date) inspectedAt!: Date;
  @Field(() => String) inspectingAgency!: string;
  @Field(() => String) findings!: string;
  @Field(() => [String]) indicatorsObserved!: readonly string[];
  @Field(() => RecommendedSiteStatusEnum) recommendedStatus!: RecommendableSiteStatus;
  @Field(() => String) recordedByAgencyId!: string;
}

@ObjectType('MineSite', { description: 'An artisanal mine site in the registry of the mining authority' })
export class MineSiteType {
  @Field(() => ID) siteId!: string;
  @Field(() => String, { description: 'Registry code, e.g. NK-MAS-014' }) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ProvinceEnum) province!: Province;
  @Field(() => TerritoryEnum) territory!: Territory;
  @Field(() => [MineralEnum]) minerals!: readonly Mineral[];
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => MineSiteStatusEnum) status!: MineSiteStatus;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the status was last reviewed' })
  statusChangedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only while YELLOW' }) remediationDeadline!: Date | null;
  @Field(() => String, { nullable: true, description: 'The remediation deadline in Kivu time (CAT)' })
  remediationDeadlineLocal!: string | null;
  @Field(() => Boolean, { description: 'YELLOW past its remediation deadline' }) remediationOverdue!: boolean;
  @Field(() => MineSiteInspectionType, { nullable: true, description: 'The inspection that took place last' })
  lastInspection!: MineSiteInspectionType | null;
  @Field(() => Int) openIncidentCount!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'Most serious level among open classified incidents: 1 (OECD Annex II grade) is the most serious',
  })
  highestOpenIncidentLevel!: IncidentLevel | null;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => String) registeredByAgencyId!: string;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('SiteIncident', { description: 'An incident at a mine site (ITSCI-style)' })
export class SiteIncidentType {
  @Field(() => ID) incidentId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => String) siteCode!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => SiteIncidentSourceEnum) source!: IncidentSource;
  @Field(() => String) description!: string;
  @Field(() => Int, { nullable: true, description: '1 (most serious) to 3; null until classified' })
  level!: IncidentLevel | null;
  @Field(() => SiteIncidentStatusEnum) status!: 'open' | 'closed';
  @Field(() => Date) reportedAt!: Date;
  @Field(() => String) reportedByAgencyId!: string;
  @Field(() => Date, { description: 'Incidents may stay open up to 6 months' }) closeBy!: Date;
  @Field(() => String, { description: 'closeBy in Kivu time (CAT)' }) closeByLocal!: string;
  @Field(() => Boolean, { description: 'Still open after closeBy' }) overdue!: boolean;
  @Field(() => Date, { nullable: true }) classifiedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Published after closure' }) summary!: string | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('MineSiteCommandPayload')
export class MineSiteCommandPayload {
  @Field(() => ID) siteId!: string;
  @Field(() => String) code!: string;
  @Field(() => MineSiteStatusEnum) status!: MineSiteStatus;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}

@ObjectType('SiteIncidentCommandPayload')
export class SiteIncidentCommandPayload {
  @Field(() => ID) incidentId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => SiteIncidentStatusEnum) status!: 'open' | 'closed';
  @Field(() => Int, { nullable: true }) level!: IncidentLevel | null;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}
