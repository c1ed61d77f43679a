import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type AgencyType } from '@pamoja/contracts';
import { AgencyTypeEnum, ConnectionType, graphqlEnum, JointCaseEntity } from '@pamoja/platform/graphql';
import {
  SITE_CASE_LINKS,
  SITE_TIMELINE_KINDS,
  type SiteCaseLink,
  type SiteTimelineKind,
} from '@pamoja/sites/application';
import {
  ANNEX_II_CATEGORIES,
  INCIDENT_SOURCES,
  MINE_SITE_STATUSES,
  MINERALS,
  PROVINCES,
  RECOMMENDABLE_SITE_STATUSES,
  TERRITORIES,
  type AnnexIICategory,
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
export const MineSiteTimelineKindEnum = graphqlEnum(SITE_TIMELINE_KINDS);
export const MineSiteCaseLinkEnum = graphqlEnum(SITE_CASE_LINKS);
export const SiteIncidentCategoryEnum = graphqlEnum(ANNEX_II_CATEGORIES);

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
registerEnumType(MineSiteTimelineKindEnum, {
  name: 'MineSiteTimelineKind',
  description: 'What happened at a site: registry facts, incidents, and joint cases linked to the site',
});
registerEnumType(SiteIncidentCategoryEnum, {
  name: 'SiteIncidentCategory',
  description:
    'The OECD Due Diligence Guidance Annex II risk of an incident: the serious abuses of paragraph 1 one by one, ' +
    'then armed groups (3), security forces (5), bribery and fraud (11), money laundering (13), taxes (15); OTHER: none',
});
registerEnumType(MineSiteCaseLinkEnum, {
  name: 'MineSiteCaseLink',
  description: "REFERRAL: a referral named the site's code; INCIDENT: an incident at the site was reported in the case",
});

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
@Directive('@key(fields: "code")')
export class MineSiteType {
  @Field(() => ID) siteId!: string;
  @Field(() => String, { description: 'Registry code, e.g. NK-MAS-014' }) code!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The ICGLR identification number, once the mining authority recorded it (recordMineSiteIcglrId)',
  })
  icglrId!: string | null;
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
  @Field(() => SiteIncidentCategoryEnum, {
    nullable: true,
    description: 'The OECD Annex II risk it was classified under; null until classified, or when none was named',
  })
  category!: AnnexIICategory | null;
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

@ObjectType('MineSiteTimelineEntry', {
  description: 'Something that happened at a site. Facts only: never the free text users wrote, which may name people',
})
export class MineSiteTimelineEntryType {
  @Field(() => Date) occurredAt!: Date;
  @Field(() => MineSiteTimelineKindEnum) kind!: SiteTimelineKind;
  @Field(() => String, { description: 'A short account of the entry, e.g. "Status GREEN → RED (reason on record)"' })
  summary!: string;
  @Field(() => String, { description: 'The agency that recorded it' }) agencyId!: string;
  @Field(() => AgencyTypeEnum) agencyType!: AgencyType;
  @Field(() => ID, { nullable: true }) incidentId!: string | null;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => MineSiteStatusEnum, { nullable: true, description: 'STATUS_CHANGED: the status before' })
  fromStatus!: MineSiteStatus | null;
  @Field(() => MineSiteStatusEnum, {
    nullable: true,
    description: 'STATUS_CHANGED: the new status; REGISTERED: BLUE; INSPECTED: the recommended status',
  })
  toStatus!: MineSiteStatus | null;
  @Field(() => Int, { nullable: true, description: 'Incident entries: the level (1 most serious), once classified' })
  level!: IncidentLevel | null;
  @Field(() => MineSiteCaseLinkEnum, { nullable: true, description: 'CASE_LINKED: how the case was linked' })
  linkedVia!: SiteCaseLink | null;
}

@ObjectType('MineSiteCase', { description: 'A joint case linked to a site' })
export class MineSiteCaseType {
  @Field(() => ID) jointCaseId!: string;
  @Field(() => JointCaseEntity, { description: "The case itself: every agency's part of it" })
  jointCase!: JointCaseEntity;
  @Field(() => Date, { description: 'When the case was first linked to the site' }) firstLinkedAt!: Date;
  @Field(() => Date, { description: 'The newest activity any agency shared on the case' }) lastActivityAt!: Date;
  @Field(() => MineSiteCaseLinkEnum) linkedVia!: SiteCaseLink;
  @Field(() => ID, { nullable: true, description: 'The referral that first linked the case, when it was one' })
  referralId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The incident that first linked the case, when it was one' })
  incidentId!: string | null;
  @Field(() => String) linkedByAgencyId!: string;
  @Field(() => AgencyTypeEnum) linkedByAgencyType!: AgencyType;
}

export const MineSiteConnection = ConnectionType(MineSiteType, 'MineSite');
export const SiteIncidentConnection = ConnectionType(SiteIncidentType, 'SiteIncident');
export const MineSiteTimelineConnection = ConnectionType(MineSiteTimelineEntryType, 'MineSiteTimeline');
export const MineSiteCaseConnection = ConnectionType(MineSiteCaseType, 'MineSiteCase');

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
