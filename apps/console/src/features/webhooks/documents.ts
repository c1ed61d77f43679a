import { graphql } from '../../gql';

/** The integration event types an endpoint may subscribe to, with their context and description. */
export const WebhookEventTypesQuery = graphql(`
  query ConsoleWebhookEventTypes {
    webhookEventTypes {
      type
      context
      description
    }
  }
`);

/** The integrator's own endpoints (never a secret's value: the API has none to give after creation). */
export const WebhookEndpointsQuery = graphql(`
  query ConsoleWebhookEndpoints {
    webhookEndpoints {
      endpointId
      url
      description
      eventTypes
      provinces
      siteCodes
      status
      disabledReason
      disabledDetail
      disabledAt
      failingSince
      lastSuccessAt
      pausedUntil
      createdAt
      revision
    }
  }
`);

/** One endpoint, its secrets' validity, and its delivery log newest first (narrowed by state). */
export const WebhookEndpointQuery = graphql(`
  query ConsoleWebhookEndpoint($endpointId: ID!, $filter: WebhookMessagesFilter) {
    webhookEndpoint(endpointId: $endpointId) {
      endpointId
      url
      description
      eventTypes
      provinces
      siteCodes
      status
      disabledReason
      disabledDetail
      disabledAt
      failingSince
      lastSuccessAt
      pausedUntil
      createdAt
      revision
      secrets {
        secretId
        createdAt
        validUntil
      }
      messages(filter: $filter) {
        nodes {
          messageId
          eventId
          eventType
          createdAt
          state
          attempts
          nextAttemptAt
          deliveredAt
          replayOf
          attemptLog {
            attempt
            attemptedAt
            statusCode
            error
            durationMs
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** Subscribe an endpoint: the answer holds its signing secret, shown once and never kept on the device. */
export const CreateWebhookEndpointMutation = graphql(`
  mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      endpointId
      status
      revision
      replayed
      secret
    }
  }
`);

export const ChangeWebhookEndpointMutation = graphql(`
  mutation ConsoleChangeWebhookEndpoint($input: ChangeWebhookEndpointInput!) {
    changeWebhookEndpoint(input: $input) {
      endpointId
      status
      revision
    }
  }
`);

/** A new signing secret (shown once); the previous one stays valid for the grace period. */
export const RotateWebhookSecretMutation = graphql(`
  mutation ConsoleRotateWebhookSecret($input: RotateWebhookSecretInput!) {
    rotateWebhookSecret(input: $input) {
      endpointId
      revision
      secret
    }
  }
`);

export const DisableWebhookEndpointMutation = graphql(`
  mutation ConsoleDisableWebhookEndpoint($input: WebhookEndpointCommandInput!) {
    disableWebhookEndpoint(input: $input) {
      endpointId
      status
      revision
    }
  }
`);

export const EnableWebhookEndpointMutation = graphql(`
  mutation ConsoleEnableWebhookEndpoint($input: WebhookEndpointCommandInput!) {
    enableWebhookEndpoint(input: $input) {
      endpointId
      status
      revision
    }
  }
`);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation ConsoleDeleteWebhookEndpoint($input: WebhookEndpointCommandInput!) {
    deleteWebhookEndpoint(input: $input) {
      endpointId
      status
      revision
    }
  }
`);

export const ReplayWebhookMessagesMutation = graphql(`
  mutation ConsoleReplayWebhookMessages($input: ReplayWebhookMessagesInput!) {
    replayWebhookMessages(input: $input) {
      endpointId
      revision
    }
  }
`);

export const ResendWebhookMessageMutation = graphql(`
  mutation ConsoleResendWebhookMessage($input: ResendWebhookMessageInput!) {
    resendWebhookMessage(input: $input) {
      endpointId
      revision
    }
  }
`);
