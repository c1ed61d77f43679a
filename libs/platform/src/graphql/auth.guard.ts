import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthenticationError } from '../auth/token-verifier.js';
import { requestContextOf } from './request-context.js';

/** Every GraphQL operation needs a verified token; authorization per command and field comes later. */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const { actor, authError } = requestContextOf(context);
    if (!actor) throw authError ?? new AuthenticationError('a bearer token is required');
    return true;
  }
}
