import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CommandInput, ConnectionType, graphqlEnum, PageInput } from '@pamoja/platform/graphql';
import {
  SITE_CODE_PATTERN,
  WEBHOOK_DISABLE_REASONS,
  WEBHOOK_LIMITS,
  WEBHOOK_PROVINCES,
  type WebhookDisableReason,
  type WebhookProvince,
} from '@pamoja/integrations/domain';
import { type WebhookMessageState } from '@pamoja/integrations/application';

export const WebhookDisableReasonEnum = graphqlEnum(WEBHOOK_DISABLE_REASONS);
registerEnumType(WebhookDisableReasonEnum, {
  name: 'WebhookDisableReason',
  description: 'BY_OWNER: you turned it off; GONE: it answered 410 Gone; FAILING: no delivery succeeded for 5 days',
});
export const WebhookProvinceEnum = graphqlEnum(WEBHOOK_PROVINCES);
registerEnumType(WebhookProvinceEnum, { name: 'WebhookProvince' });
const WEBHOOK_ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export const WebhookEndpointStatusEnum = graphqlEnum(WEBHOOK_ENDPOINT_STATUSES);
registerEnumType(WebhookEndpointStatusEnum, { name: 'WebhookEndpointStatus' });
const WEBHOOK_MESSAGE_STATES = ['pending', 'delivered', 'failed'] as const satisfies readonly WebhookMessageState[];
export const WebhookMessageStateEnum = graphqlEnum(WEBHOOK_MESSAGE_STATES);
registerEnumType(WebhookMessageStateEnum, {
  name: 'WebhookMessageState',
  description:
    'PENDING: not yet delivered (waiting for its next attempt); DELIVERED: answered 2xx; FAILED: every attempt failed',
});

@ObjectType('WebhookSecretValidity', { description: 'A signing secret of the endpoint (never its value)' })
export class WebhookSecretValidityType {
  @Field(() => ID) secretId!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Null: the current secret; else valid until then (a rotation)' })
  validUntil!: Date | null;
}

@ObjectType('WebhookAttempt', { description: 'One attempt to deliver a message' })
export class WebhookAttemptType {
  @Field(() => Int) attempt!: number;
  @Field(() => Date) attemptedAt!: Date;
  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when no answer came' })
  statusCode!: number | null;
  @Field(() => String, { nullable: true, description: 'Why no answer came (refused target, timeout, connection)' })
  error!: string | null;
  @Field(() => Int) durationMs!: number;
}

@ObjectType('WebhookMessage', { description: 'One event for one endpoint, and how its delivery went' })
export class WebhookMessageType {
  @Field(() => ID, { description: 'The `webhook-id` header: the same on every attempt' }) messageId!: string;
  @Field(() => ID, { description: 'The CloudEvent id (the event in the log)' }) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => WebhookMessageStateEnum) state!: WebhookMessageState;
  @Field(() => Int) attempts!: number;
  @Field(() => Date, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The message this one replays' }) replayOf!: string | null;
  @Field(() => String, { description: 'The body as sent: a CloudEvent in JSON' }) payload!: string;
}

@ObjectType('WebhookEventType', { description: 'An integration event type an endpoint may subscribe to' })
export class WebhookEventTypeType {
  @Field(() => String) type!: string;
  @Field(() => String) context!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'The JSON Schema of the CloudEvent `data`, as JSON text' }) dataSchema!: string;
}

@ObjectType('WebhookEndpoint', { description: "An integrator's endpoint: what it receives, and how delivery goes" })
export class WebhookEndpointType {
  @Field(() => ID) endpointId!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String]) eventTypes!: string[];
  @Field(() => [WebhookProvinceEnum], { description: 'Empty: every province' }) provinces!: WebhookProvince[];
  @Field(() => [String], { description: 'Empty: every site' }) siteCodes!: string[];
  @Field(() => WebhookEndpointStatusEnum) status!: 'enabled' | 'disabled';
  @Field(() => WebhookDisableReasonEnum, { nullable: true }) disabledReason!: WebhookDisableReason | null;
  @Field(() => String, { nullable: true, description: 'What the platform saw, when it disabled the endpoint' })
  disabledDetail!: string | null;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int) revision!: number;
  @Field(() => [WebhookSecretValidityType]) secrets!: WebhookSecretValidityType[];
}

@ObjectType('WebhookEndpointCommandPayload')
export class WebhookEndpointCommandPayload {
  @Field(() => ID) endpointId!: string;
  @Field(() => WebhookEndpointStatusEnum, { nullable: true, description: 'Null once deleted' })
  status!: 'enabled' | 'disabled' | null;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}

@ObjectType('WebhookSecretPayload', { description: 'The endpoint and its new signing secret' })
export class WebhookSecretPayload extends WebhookEndpointCommandPayload {
  @Field(() => String, {
    description:
      'The signing secret (whsec_...), as Standard Webhooks defines it. Keep it safe: it is shown again only to a retry of this command',
  })
  secret!: string;
}

@InputType({ isAbstract: true })
abstract class SubscriptionFields extends CommandInput {
  @Field(() => String, { description: 'Where to POST: an absolute https (or http) URL' })
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.maxUrlLength)
  url!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_LIMITS.maxDescriptionLength)
  description?: string | null;

  @Field(() => [String], { description: 'Integration event types (see webhookEventTypes)' })
  @IsArray()
  @ArrayMaxSize(WEBHOOK_LIMITS.maxEventTypes)
  @IsString({ each: true })
  eventTypes!: string[];

  @Field(() => [WebhookProvinceEnum], { nullable: true, description: 'Only events placed in these provinces' })
  @IsOptional()
  @IsArray()
  @IsIn(WEBHOOK_PROVINCES, { each: true })
  provinces?: WebhookProvince[] | null;

  @Field(() => [String], { nullable: true, description: 'Only events placed at these mine sites (registry codes)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_LIMITS.maxSiteCodes)
  @Matches(SITE_CODE_PATTERN, { each: true, message: 'must be site codes like NK-MAS-014' })
  siteCodes?: string[] | null;
}

@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointInput extends SubscriptionFields {}

@InputType('ChangeWebhookEndpointInput')
export class ChangeWebhookEndpointInput extends SubscriptionFields {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) endpointId!: string;
}

@InputType('WebhookEndpointCommandInput')
export class WebhookEndpointCommandInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) endpointId!: string;
}

@InputType('RotateWebhookSecretInput')
export class RotateWebhookSecretInput extends WebhookEndpointCommandInput {
  @Field(() => Int, {
    nullable: true,
    defaultValue: WEBHOOK_LIMITS.defaultGraceHours,
    description: `How long the previous secret stays valid, in hours (0 to ${WEBHOOK_LIMITS.maxGraceHours})`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(WEBHOOK_LIMITS.maxGraceHours)
  gracePeriodHours?: number;
}

@InputType('ReplayWebhookMessagesInput')
export class ReplayWebhookMessagesInput extends WebhookEndpointCommandInput {
  @Field(() => Date, { description: 'Messages made from then (inclusive)' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  from!: Date;
  @Field(() => Date, { description: `Until then (exclusive); at most ${WEBHOOK_LIMITS.maxReplayDays} days after from` })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  to!: Date;
}

@InputType('ResendWebhookMessageInput')
export class ResendWebhookMessageInput extends WebhookEndpointCommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) messageId!: string;
}

@InputType('WebhookMessagesFilter')
export class WebhookMessagesFilter extends PageInput {
  @Field(() => WebhookMessageStateEnum, { nullable: true })
  @IsOptional()
  @IsIn(WEBHOOK_MESSAGE_STATES)
  state?: WebhookMessageState;
}

export const WebhookMessageConnection = ConnectionType(WebhookMessageType, 'WebhookMessage');
