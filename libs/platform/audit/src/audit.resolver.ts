import { Inject } from '@nestjs/common';
import { Args, Field, ID, InputType, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import { IsDate, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ForbiddenError, InvalidInputError, type Actor } from '@pamoja/contracts';
import { ConnectionType, PageInput, toConnection, type Connection } from '@pamoja/platform/graphql';
import { cursorPart, keysetCursor } from '@pamoja/platform/context';
import { CurrentActor } from '@pamoja/platform/graphql';
import { graphqlEnum } from '@pamoja/platform/graphql';
import { AUDIT_ACTIONS, AUDIT_LOG, type AuditAction, type AuditEntry, type AuditLog } from './audit-log.js';

/** The role that may read the audit log, whatever the agency (integrators never). */
const AUDITOR_ROLE = 'auditor';

const AuditActionEnum = graphqlEnum(AUDIT_ACTIONS);
registerEnumType(AuditActionEnum, {
  name: 'AuditAction',
  description: 'COMMAND (a mutation), PERSONAL_DATA_READ (a field of personal data answered), QUERY (an audited query)',
});

@ObjectType('AuditEntryId', { description: 'An id the operation named, by the name of its argument or answer field' })
class AuditEntryIdType {
  @Field(() => String, { description: 'e.g. referralId, jointCaseId, suspectId' }) name!: string;
  @Field(() => String) value!: string;
}

@ObjectType('AuditEntry', {
  description: 'Who did or read what, for which case, for what stated purpose, and how it ended; ids only',
})
class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: Date;
  @Field(() => String) userId!: string;
  @Field(() => String) agencyId!: string;
  @Field(() => String) agencyType!: string;
  @Field(() => [String]) roles!: string[];
  @Field(() => AuditActionEnum) action!: AuditAction;
  @Field(() => String, { description: 'The mutation or query, or the field of personal data read (Type.field)' })
  operation!: string;
  @Field(() => String, { description: '`succeeded`, `denied` (by the access policy) or the error code answered' })
  outcome!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => [String], { description: 'What it was about, as kind:id (assistance:…, referral:…, suspect:…)' })
  subjects!: string[];
  @Field(() => [AuditEntryIdType]) ids!: AuditEntryIdType[];
  @Field(() => String, { nullable: true, description: 'The purpose the caller stated (x-pamoja-purpose)' })
  purpose!: string | null;
  @Field(() => String) correlationId!: string;
  @Field(() => String, { description: 'Position in the hash chain of the audit log' }) chainPosition!: string;
  @Field(() => String, { description: 'sha256 (hex) over the previous entry’s hash and this entry' }) hash!: string;
}

const AuditEntryConnection = ConnectionType(AuditEntryType, 'AuditEntry');

const SHORT = 128;
const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

@InputType('AuditEntryFilter', { description: 'Which audit entries (every field narrows), and which page' })
class AuditEntryFilterInput extends PageInput {
  @Field(() => String, { nullable: true, description: 'A person or record, as kind:id (assistance:…, suspect:…)' })
  @IsOptional()
  @IsString()
  @MaxLength(SHORT + 40)
  subject?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() @MaxLength(SHORT) jointCaseId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(SHORT) userId?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(SHORT) agencyId?: string;

  @Field(() => AuditActionEnum, { nullable: true }) @IsOptional() @IsIn(AUDIT_ACTIONS) action?: AuditAction;

  @Field(() => String, { nullable: true, description: 'A mutation or query name, or Type.field' })
  @IsOptional()
  @Matches(/^[A-Za-z_][A-Za-z0-9_.]{0,127}$/, { message: 'must be an operation name or Type.field' })
  operation?: string;

  @Field(() => Date, { nullable: true, description: 'From this instant, inclusive' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Up to this instant, exclusive' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  to?: Date;
}

function toView(entry: AuditEntry): AuditEntryType {
  return {
    ...entry,
    roles: [...entry.roles],
    subjects: [...entry.subjects],
    ids: Object.entries(entry.ids).flatMap(([name, values]) => values.map((value) => ({ name, value }))),
  };
}

/**
 * The auditors' query. Served by the embedded app and, in server mode, by the coordination service only
 * (one subgraph owns a root field); every service writes the one log in the shared database.
 */
/** The audit log pages by its sequence number (a bigint, kept as decimal text), newest first. */
const AUDIT_CURSOR = keysetCursor(cursorPart.digits);

@Resolver(() => AuditEntryType)
export class AuditResolver {
  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  @Query(() => AuditEntryConnection, {
    description: 'The audit log, newest first: for users with the auditor role only; reading it is audited too',
  })
  async auditEntries(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => AuditEntryFilterInput, nullable: true }) filter?: AuditEntryFilterInput,
  ): Promise<Connection<AuditEntryType>> {
    // The access policy says the same; the resolver does not rely on it alone.
    if (!actor.roles.includes(AUDITOR_ROLE)) throw new ForbiddenError('only auditors read the audit log');
    if (filter?.from && filter.to && filter.from >= filter.to) {
      throw new InvalidInputError([{ field: 'to', reason: 'must be after from' }]);
    }
    const first = filter?.first ?? 50;
    const after = filter?.after ? AUDIT_CURSOR.decode(filter.after)[0] : undefined;
    const rows = await this.log.query(
      {
        ...(filter?.subject ? { subject: filter.subject.replace(UUID_IN_TEXT, (id) => id.toLowerCase()) } : {}),
        ...(filter?.jointCaseId ? { jointCaseId: filter.jointCaseId } : {}),
        ...(filter?.userId ? { userId: filter.userId } : {}),
        ...(filter?.agencyId ? { agencyId: filter.agencyId } : {}),
        ...(filter?.action ? { action: filter.action } : {}),
        ...(filter?.operation ? { operation: filter.operation } : {}),
        ...(filter?.from ? { from: filter.from } : {}),
        ...(filter?.to ? { to: filter.to } : {}),
      },
      { limit: first + 1, ...(after !== undefined ? { beforeId: after } : {}) },
    );
    return toConnection(rows.map(toView), first, (entry) => AUDIT_CURSOR.keyOf([entry.id]), after !== undefined);
  }
}
