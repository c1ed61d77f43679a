import { Global, Module } from '@nestjs/common';
import { ACCESS_DECIDER, CASE_MEMBERSHIP, type CaseMembership } from '@pamoja/contracts';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ACCESS_POLICY } from './access-policy.js';
import { PolicyAccessDecider } from './access-decider.js';
import { SqlConsentLookup } from './consent.js';

/**
 * The access policy for the whole process: the decider, for the schema's guards and for query handlers
 * (through ACCESS_DECIDER). The consent read model it asks is kept by the context whose fields consent
 * extends (assistance); where no process keeps it, no consent grants anything.
 */
@Global()
@Module({
  providers: [
    {
      provide: PolicyAccessDecider,
      inject: [SQL_DATABASE, CASE_MEMBERSHIP],
      useFactory: (db: SqlDatabase, membership: CaseMembership) =>
        new PolicyAccessDecider(ACCESS_POLICY, new SqlConsentLookup(db), membership),
    },
    { provide: ACCESS_DECIDER, useExisting: PolicyAccessDecider },
  ],
  exports: [PolicyAccessDecider, ACCESS_DECIDER],
})
export class PolicyModule {}
