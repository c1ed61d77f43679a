import { type DynamicModule, Module } from '@nestjs/common';
import { type PlatformConfig } from '@pamoja/platform/config';
import { PlatformModule } from '@pamoja/platform/runtime';
import { ProsecutionsModule } from '@pamoja/prosecutions/api';
import { AssistanceModule } from '@pamoja/assistance/api';
import { CoordinationModule } from '@pamoja/coordination/api';
import { InvestigationsModule } from '@pamoja/investigations/api';
import { ReferralsModule } from '@pamoja/referrals/api';
import { SitesModule } from '@pamoja/sites/api';

/** The embedded platform: every context module in one process over one PGlite database. */
@Module({})
export class EmbeddedPlatformModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: EmbeddedPlatformModule,
      imports: [
        PlatformModule.forRoot(config),
        ReferralsModule,
        SitesModule,
        InvestigationsModule,
        ProsecutionsModule,
        AssistanceModule,
        CoordinationModule,
      ],
    };
  }
}
