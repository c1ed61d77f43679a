import { Directive, Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  AGENCY_STATUSES,
  type AgencyEntry,
  type AgencyStatus,
  type AgencyType,
  PROVINCES,
  type Province,
} from '@pamoja/contracts';
import { AgencyTypeEnum, graphqlEnum } from './shared-types.js';

export const ProvinceEnum = graphqlEnum(PROVINCES);
registerEnumType(ProvinceEnum, { name: 'Province', description: 'North Kivu or South Kivu' });

export const AgencyStatusEnum = graphqlEnum(AGENCY_STATUSES);
registerEnumType(AgencyStatusEnum, {
  name: 'AgencyStatus',
  description: 'Active, or suspended by the coordination body (its tokens refused, nothing can be sent to it)',
});

/** Served by every subgraph alike (each keeps the directory from the log), hence shareable. */
@ObjectType('AgencyContact', { description: "An office's line and address; never a person's own" })
@Directive('@shareable')
export class AgencyContactObject {
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType('Agency', { description: 'An agency of the directory, as the coordination body registered it' })
@Directive('@shareable')
export class AgencyObject {
  @Field(() => String) agencyId!: string;
  @Field(() => String, { description: 'Its name, as people say it' }) name!: string;
  @Field(() => AgencyTypeEnum) agencyType!: AgencyType;
  @Field(() => ProvinceEnum, { nullable: true, description: 'null for a national agency' }) province!: Province | null;
  @Field(() => String, { nullable: true }) territory!: string | null;
  @Field(() => String, { nullable: true, description: 'The unit it belongs to (a ministry, a command)' })
  parentAgencyId!: string | null;
  @Field(() => AgencyContactObject) contact!: AgencyContactObject;
  @Field(() => AgencyStatusEnum) status!: AgencyStatus;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, { nullable: true }) suspendedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the coordination body suspended it' })
  suspensionReason!: string | null;
}

/** The directory's entry as the API shows it. */
export function agencyObjectOf(entry: AgencyEntry): AgencyObject {
  return {
    ...entry,
    contact: { ...entry.contact },
    registeredAt: new Date(entry.registeredAt),
    suspendedAt: entry.suspendedAt === null ? null : new Date(entry.suspendedAt),
  };
}
