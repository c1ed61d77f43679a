import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
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

/** Every GraphQL operation needs a verified token; authorization per command and field comes with the access policy. */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    assertMayUseCaseApi(requestContextOf(context));
    return true;
  }
}
