import { Catch } from '@nestjs/common';
import { type GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from '@pamoja/contracts';
import { AuthenticationError } from '@pamoja/platform/auth';

/**
 * A refused command or an unknown id is an answer, not an incident: hand these errors straight to the
 * GraphQL error format, so they are not logged as server errors with a stack trace.
 */
@Catch(DomainError, AuthenticationError)
export class ExpectedErrorsFilter implements GqlExceptionFilter {
  catch(error: DomainError | AuthenticationError): DomainError | AuthenticationError {
    return error;
  }
}
