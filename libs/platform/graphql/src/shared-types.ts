import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { AGENCY_TYPES, type Actor } from '@pamoja/contracts';
import { type ClientCommandContext } from '@pamoja/event-store';

/** GraphQL enum values are UPPER_CASE names for the domain's snake_case values. */
export function graphqlEnum<T extends string>(values: readonly T[]): Record<string, T> {
  return Object.fromEntries(values.map((v) => [v.toUpperCase(), v]));
}

/** Shared by every context's schema, so registered once here. */
export const AgencyTypeEnum = graphqlEnum(AGENCY_TYPES);
registerEnumType(AgencyTypeEnum, { name: 'AgencyType' });

/** Every mutation carries a client-made command id (retry-safe) and may carry the revision it saw. */
@InputType({ isAbstract: true })
export abstract class CommandInput {
  @Field(() => ID, { description: 'A UUID made by the client; retrying with the same id is safe' })
  @IsUUID('all', { message: 'must be a UUID' })
  commandId!: string;

  @Field(() => Int, { nullable: true, description: 'The revision you saw; if the aggregate changed since, CONFLICT' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedRevision?: number | null;
}

/** The client's part of a command's context, from a mutation input and the request. */
export function clientContext(input: CommandInput, actor: Actor, correlationId: string): ClientCommandContext {
  return {
    commandId: input.commandId,
    actor,
    correlationId,
    ...(input.expectedRevision === undefined || input.expectedRevision === null
      ? {}
      : { expectedRevision: input.expectedRevision }),
  };
}
