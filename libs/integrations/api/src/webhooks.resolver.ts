import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, InvalidInputError, NotFoundError } from '@pamoja/contracts';
import { type CommandEndpointFor } from '@pamoja/platform/context';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';
import {
  CorrelationId,
  CurrentActor,
  decodeCursor,
  OpenToIntegrators,
  toConnection,
  type Connection,
} from '@pamoja/platform/graphql';
import { PERSONAL_DATA_KEYS, type PersonalDataKeys } from '@pamoja/platform/privacy';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import {
  endpointIdFor,
  replayIdFor,
  secretIdFor,
  secretText,
  webhookEndpointCommands,
  webhookSecretSubject,
  WEBHOOKS_READ_MODEL,
  type WebhookEndpointCommandResult,
  type WebhookEndpointView,
  type WebhookMessageView,
  type WebhooksReadModel,
} from '@pamoja/integrations/application';
import { WEBHOOK_LIMITS } from '@pamoja/integrations/domain';
import { TargetGuard } from '@pamoja/integrations/infrastructure';
import {
  ChangeWebhookEndpointInput,
  CreateWebhookEndpointInput,
  ReplayWebhookMessagesInput,
  ResendWebhookMessageInput,
  RotateWebhookSecretInput,
  WebhookAttemptType,
  WebhookEndpointCommandInput,
  WebhookEndpointCommandPayload,
  WebhookEndpointType,
  WebhookEventTypeType,
  WebhookMessageConnection,
  WebhookMessagesFilter,
  WebhookMessageType,
  WebhookSecretPayload,
} from './webhooks.graphql-types.js';

type Commands = CommandEndpointFor<typeof webhookEndpointCommands>;

/** The answer's fields, as a plain object (the GraphQL types are classes). */
interface CommandAnswer {
  readonly endpointId: string;
  readonly status: 'enabled' | 'disabled' | null;
  readonly revision: number;
  readonly replayed: boolean;
}

const payloadOf = (result: WebhookEndpointCommandResult): CommandAnswer => ({
  endpointId: result.endpointId,
  status: result.status === 'deleted' ? null : result.status,
  revision: result.revision,
  replayed: result.replayed,
});

/**
 * An integrator's webhooks: its endpoints, their secrets, the delivery log and replays. Only integrators
 * reach these operations (the access policy), and each reads and changes its own agency's endpoints only:
 * another's is not found.
 */
@Resolver(() => WebhookEndpointType)
export class WebhooksResolver {
  private readonly guard: TargetGuard;

  constructor(
    @Inject(webhookEndpointCommands.token) private readonly commands: Commands,
    @Inject(WEBHOOKS_READ_MODEL) private readonly readModel: WebhooksReadModel,
    @Inject(PERSONAL_DATA_KEYS) private readonly keys: PersonalDataKeys,
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
  ) {
    this.guard = new TargetGuard(config.publication.webhookAllowedTargets);
  }

  @OpenToIntegrators()
  @Query(() => [WebhookEventTypeType], { description: 'The integration event types an endpoint may subscribe to' })
  webhookEventTypes(): WebhookEventTypeType[] {
    return DEFAULT_CATALOGUE.definitions()
      .map((d) => ({
        type: d.type,
        context: d.context,
        description: d.description,
        dataSchema: JSON.stringify(d.schema),
      }))
      .sort((a, b) => a.type.localeCompare(b.type));
  }

  @OpenToIntegrators()
  @Query(() => [WebhookEndpointType], { description: "Your agency's webhook endpoints" })
  webhookEndpoints(@CurrentActor() actor: Actor): Promise<readonly WebhookEndpointView[]> {
    return this.readModel.endpoints(actor.agencyId);
  }

  @OpenToIntegrators()
  @Query(() => WebhookEndpointType, { description: "One of your agency's webhook endpoints" })
  async webhookEndpoint(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookEndpointView> {
    return this.own(actor, endpointId);
  }

  @ResolveField(() => Date, { nullable: true, description: 'Since when no delivery succeeded (null: not failing)' })
  async failingSince(@Parent() endpoint: WebhookEndpointView): Promise<Date | null> {
    return (await this.readModel.health(endpoint.endpointId)).failingSince;
  }

  @ResolveField(() => Date, { nullable: true })
  async lastSuccessAt(@Parent() endpoint: WebhookEndpointView): Promise<Date | null> {
    return (await this.readModel.health(endpoint.endpointId)).lastSuccessAt;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'Deliveries to this endpoint wait until then (it answered 429 or 5xx, with or without Retry-After)',
  })
  async pausedUntil(@Parent() endpoint: WebhookEndpointView): Promise<Date | null> {
    return (await this.readModel.health(endpoint.endpointId)).pausedUntil;
  }

  @ResolveField(() => WebhookMessageConnection, { description: 'The delivery log, newest first' })
  async messages(
    @Parent() endpoint: WebhookEndpointView,
    @Args('filter', { type: () => WebhookMessagesFilter, nullable: true }) filter?: WebhookMessagesFilter,
  ): Promise<Connection<WebhookMessageView>> {
    const first = filter?.first ?? 50;
    const afterSeq = filter?.after ? Number(decodeCursor(filter.after, 1)[0]) : undefined;
    const rows = await this.readModel.messages(endpoint.endpointId, {
      limit: first + 1,
      ...(filter?.state ? { state: filter.state } : {}),
      ...(afterSeq !== undefined ? { afterSeq } : {}),
    });
    return toConnection(rows, first, (m) => [m.seq]);
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookSecretPayload, {
    description: 'Subscribe an endpoint to integration events; the answer holds its signing secret',
  })
  async createWebhookEndpoint(
    @Args('input') input: CreateWebhookEndpointInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookSecretPayload> {
    this.checkTarget(input.url);
    const secretId = secretIdFor(input.commandId);
    // The key first: an endpoint never exists without the secret its messages are signed with.
    const key = await this.keys.keyForWriting(webhookSecretSubject(secretId));
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CreateWebhookEndpoint',
      metadata,
      data: { endpointId: endpointIdFor(input.commandId), secretId, ...this.subscriptionOf(input) },
    }));
    return { ...payloadOf(result), secret: secretText(key) };
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookEndpointCommandPayload, { description: "Change an endpoint's URL, event types or filter" })
  async changeWebhookEndpoint(
    @Args('input') input: ChangeWebhookEndpointInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookEndpointCommandPayload> {
    this.checkTarget(input.url);
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ChangeWebhookEndpoint',
      metadata,
      data: { endpointId: input.endpointId, ...this.subscriptionOf(input) },
    }));
    return payloadOf(result);
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookSecretPayload, {
    description:
      'A new signing secret; the previous one stays valid for the grace period, and deliveries carry both signatures meanwhile',
  })
  async rotateWebhookSecret(
    @Args('input') input: RotateWebhookSecretInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookSecretPayload> {
    await this.own(actor, input.endpointId);
    const secretId = secretIdFor(input.commandId);
    const key = await this.keys.keyForWriting(webhookSecretSubject(secretId));
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RotateWebhookSecret',
      metadata,
      data: {
        endpointId: input.endpointId,
        secretId,
        graceHours: input.gracePeriodHours ?? WEBHOOK_LIMITS.defaultGraceHours,
      },
    }));
    return { ...payloadOf(result), secret: secretText(key) };
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookEndpointCommandPayload, { description: 'Stop deliveries; they wait until it is enabled' })
  async disableWebhookEndpoint(
    @Args('input') input: WebhookEndpointCommandInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookEndpointCommandPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'DisableWebhookEndpoint',
      metadata,
      data: { endpointId: input.endpointId, reason: 'by_owner', detail: null },
    }));
    return payloadOf(result);
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookEndpointCommandPayload, {
    description: 'Resume deliveries: what waited is sent at once, in order',
  })
  async enableWebhookEndpoint(
    @Args('input') input: WebhookEndpointCommandInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookEndpointCommandPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'EnableWebhookEndpoint',
      metadata,
      data: { endpointId: input.endpointId },
    }));
    return payloadOf(result);
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookEndpointCommandPayload, {
    description: 'Delete the endpoint: nothing more is sent, and its signing secrets are destroyed',
  })
  async deleteWebhookEndpoint(
    @Args('input') input: WebhookEndpointCommandInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookEndpointCommandPayload> {
    const endpoint = await this.readModel.endpoint(actor.agencyId, input.endpointId);
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'DeleteWebhookEndpoint',
      metadata,
      data: { endpointId: input.endpointId },
    }));
    for (const secret of endpoint?.secrets ?? []) {
      await this.keys.destroy(webhookSecretSubject(secret.secretId), 'retention_expired');
    }
    return payloadOf(result);
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookEndpointCommandPayload, {
    description: 'Send again, under new ids, every message made for the endpoint in a period',
  })
  async replayWebhookMessages(
    @Args('input') input: ReplayWebhookMessagesInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookEndpointCommandPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ReplayWebhookMessages',
      metadata,
      data: { endpointId: input.endpointId, replayId: replayIdFor(input.commandId), from: input.from, to: input.to },
    }));
    return payloadOf(result);
  }

  @OpenToIntegrators()
  @Mutation(() => WebhookEndpointCommandPayload, { description: 'Send one message again, under a new id' })
  async resendWebhookMessage(
    @Args('input') input: ResendWebhookMessageInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<WebhookEndpointCommandPayload> {
    await this.own(actor, input.endpointId);
    if (!(await this.readModel.message(input.endpointId, input.messageId))) {
      throw new InvalidInputError([{ field: 'messageId', reason: 'is not a message of this endpoint' }]);
    }
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ResendWebhookMessage',
      metadata,
      data: { endpointId: input.endpointId, replayId: replayIdFor(input.commandId), messageId: input.messageId },
    }));
    return payloadOf(result);
  }

  private async own(actor: Actor, endpointId: string): Promise<WebhookEndpointView> {
    const endpoint = await this.readModel.endpoint(actor.agencyId, endpointId);
    if (!endpoint) throw new NotFoundError('webhook endpoint', endpointId);
    return endpoint;
  }

  /** An address written as a private or loopback IP is refused at once; a host name is checked at each delivery. */
  private checkTarget(url: string): void {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
    } catch {
      return; // the domain names the field and the reason
    }
    if (/^[\d.]+$|:/.test(host) && !this.guard.allows(host)) {
      throw new InvalidInputError([
        { field: 'url', reason: 'must not be a private, loopback, link-local or reserved address' },
      ]);
    }
  }

  private subscriptionOf(input: CreateWebhookEndpointInput | ChangeWebhookEndpointInput) {
    return {
      url: input.url,
      description: input.description ?? null,
      eventTypes: input.eventTypes,
      provinces: input.provinces ?? [],
      siteCodes: input.siteCodes ?? [],
    };
  }
}

@Resolver(() => WebhookMessageType)
export class WebhookMessageResolver {
  constructor(@Inject(WEBHOOKS_READ_MODEL) private readonly readModel: WebhooksReadModel) {}

  @ResolveField(() => [WebhookAttemptType], { description: 'Every attempt, first to last' })
  attemptLog(@Parent() message: WebhookMessageView): Promise<readonly WebhookAttemptType[]> {
    return this.readModel.attempts(message.messageId);
  }
}
