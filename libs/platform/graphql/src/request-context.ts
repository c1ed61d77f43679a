import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { type Request } from 'express';
import { type Actor, type InvalidInputError } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';

/** What every GraphQL resolver can rely on: who is asking, and the id that ties logs and events together. */
export interface RequestContext {
  /** Absent for a subscription (a WebSocket connection, not an HTTP request). */
  readonly req: Request | undefined;
  readonly correlationId: string;
  readonly actor: Actor | undefined;
  readonly authError: AuthenticationError | undefined;
  /** The purpose the caller stated (`x-pamoja-purpose`, or `purpose` in WebSocket connection params); audited. */
  readonly purpose: string | null;
  /** A stated purpose that is not acceptable: every operation of the request is refused with it. */
  readonly purposeError?: InvalidInputError | undefined;
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** The authenticated actor; the auth guard has already refused requests without one. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { actor, authError } = requestContextOf(context);
  if (!actor) throw authError ?? new AuthenticationError('a bearer token is required');
  return actor;
});

export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => requestContextOf(context).correlationId,
);
