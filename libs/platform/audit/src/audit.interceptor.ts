import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { type GraphQLResolveInfo } from 'graphql';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { type RequestContext } from '@pamoja/platform/graphql';
import { SERVER_TIMING_PHASES, timedPhase } from '@pamoja/platform/telemetry';
import { AuditTrail, auditOutcomeOf } from './audit-trail.js';

/** Root query fields whose every use is audited: reading the audit log itself. */
const AUDITED_QUERIES: ReadonlySet<string> = new Set(['auditEntries']);

/**
 * Audits every command (root Mutation field) the access policy let through, and the audited queries:
 * who, which operation, the ids of its arguments and answer, the stated purpose, and how it ended
 * (`succeeded` or the error code). The answer reaches the caller only after its entry is written; a
 * refusal by the policy is audited by the policy itself, before any resolver runs. A request with an
 * unacceptable stated purpose is refused here, whatever it asks.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly trail: AuditTrail) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo | undefined>();
    const requestContext = gql.getContext<RequestContext>();
    const parent = info?.parentType.name;
    const isCommand = parent === 'Mutation';
    const isAuditedQuery = parent === 'Query' && AUDITED_QUERIES.has(info?.fieldName ?? '');
    const { actor, correlationId, purpose, purposeError } = requestContext;
    if (!info || !actor || (!isCommand && !isAuditedQuery)) {
      if (purposeError && (parent === 'Query' || parent === 'Subscription' || isCommand)) throw purposeError;
      return next.handle();
    }
    const args: unknown = gql.getArgs();
    const record = (outcome: string, result?: unknown): Promise<void> =>
      timedPhase(SERVER_TIMING_PHASES.audit, () =>
        this.trail.recordCommand({
          actor,
          correlationId,
          purpose,
          operation: info.fieldName,
          outcome,
          args,
          result,
          action: isCommand ? 'command' : 'query',
        }),
      );
    if (purposeError) {
      return from(record(auditOutcomeOf(purposeError))).pipe(
        mergeMap(() => {
          throw purposeError;
        }),
      );
    }
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(record(auditOutcomeOf(error))).pipe(
          mergeMap(() => {
            throw error;
          }),
        ),
      ),
      // After the refusal path: an answer whose entry cannot be written fails, and is not audited twice.
      // A list's answer is not searched for ids (it would name every entry of a page).
      mergeMap(async (result: unknown) => {
        await record('succeeded', isCommand ? result : undefined);
        return result;
      }),
    );
  }
}
