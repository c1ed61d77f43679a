import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ACCESS_DECIDER } from '@pamoja/contracts';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { SharedEventRegistry } from '../messaging/shared-events.service.js';
import { ACCESS_POLICY } from './access-policy.js';
import { PolicyAccessDecider } from './access-decider.js';
import { consentProjection, SqlConsentLookup } from './consent.js';

/**
 * The access policy for the whole process: the decider (for the schema's guards and for query handlers,
 * through ACCESS_DECIDER) and the consent read model it asks about a victim's consent.
 */
@Global()
@Module({
  providers: [
    {
      provide: PolicyAccessDecider,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new PolicyAccessDecider(ACCESS_POLICY, new SqlConsentLookup(db)),
    },
    { provide: ACCESS_DECIDER, useExisting: PolicyAccessDecider },
  ],
  exports: [PolicyAccessDecider, ACCESS_DECIDER],
})
export class PolicyModule implements OnModuleInit {
  constructor(@Inject(SharedEventRegistry) private readonly shared: SharedEventRegistry) {}

  onModuleInit(): void {
    // Every service decides on consent itself, from the referrals' shared events.
    this.shared.register({ kind: 'projection', projection: consentProjection });
  }
}
