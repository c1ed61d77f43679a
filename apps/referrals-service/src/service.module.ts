import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@pamoja/platform';
import { ReferralsModule } from '@pamoja/referrals/api';

/** Server mode: the referrals context as its own service on PostgreSQL (DATABASE_URL). */
@Module({})
export class ReferralsServiceModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return { module: ReferralsServiceModule, imports: [PlatformModule.forRoot(config), ReferralsModule] };
  }
}
