import { type DynamicModule, Module } from '@nestjs/common';
import { type PlatformConfig } from '@pamoja/platform/config';
import { PlatformModule } from '@pamoja/platform/runtime';
import { ALL_CONTEXTS } from './contexts.js';
import { BackupChannelModule } from './backup/backup-channel.js';

/**
 * The embedded platform: every context module in one process over one PGlite database, and the channel
 * `npm run backup` asks for a consistent snapshot while it runs (ADR 0030).
 */
@Module({})
export class EmbeddedPlatformModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: EmbeddedPlatformModule,
      imports: [PlatformModule.forRoot(config), ...ALL_CONTEXTS.map((c) => c.module), BackupChannelModule],
    };
  }
}
