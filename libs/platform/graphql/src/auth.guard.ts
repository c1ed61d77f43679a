import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';
import { requestContextOf, type RequestContext } from './request-context.js';

/** Who may use the case API at all: a verified token, and not an integrator. */
export function assertMayUseCaseApi(context: Pick<RequestContext, 'actor' | 'authError'>): void {
  const { actor, authError } = context;
  if (!actor) throw authError ?? new AuthenticationError('a bearer token is required');
  // Integrators (due-diligence and traceability schemes) get the privacy-safe integration feed only,
  // never the case API: deny by default until the access policy says otherwise field by field.
  if (actor.agencyType === 'integrator') {
    throw new ForbiddenError('integrators receive the integration event feed, not the case API');
  }
}

const OPEN_TO_INTEGRATORS = 'pamoja:open-to-integrators';

/**
 * Marks an operation integrators may reach past the guard (published figures, never the case API); the
 * access policy must still grant it to them by name (`{ agencyTypes: ['integrator'] }`).
 */
export const OpenToIntegrators = (): MethodDecorator => SetMetadata(OPEN_TO_INTEGRATORS, true);

/** Every GraphQL operation needs a verified token; authorization per command and field comes with the access policy. */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const request = requestContextOf(context);
    if (request.actor?.agencyType === 'integrator' && this.reflector.get(OPEN_TO_INTEGRATORS, context.getHandler())) {
      return true;
    }
    assertMayUseCaseApi(request);
    return true;
  }
}
