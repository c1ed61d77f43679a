import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigError, loadConfig, PlatformModule, startService, type PlatformConfig } from '@pamoja/platform';
import { ReferralsModule } from '@pamoja/referrals/api';

/** Server mode: the referrals context as its own service on PostgreSQL (DATABASE_URL). */
@Module({})
class ReferralsServiceModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return { module: ReferralsServiceModule, imports: [PlatformModule.forRoot(config), ReferralsModule] };
  }
}

try {
  const config = loadConfig(process.env, { mode: 'server', serviceName: 'pamoja-referrals' });
  await startService(ReferralsServiceModule.forRoot(config), config);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
