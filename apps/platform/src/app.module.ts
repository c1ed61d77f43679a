import { type DynamicModule, Module } from '@nestjs/common';
import { type PlatformConfig } from '@pamoja/platform/config';
import { PlatformModule } from '@pamoja/platform/runtime';
import { ALL_CONTEXTS } from './contexts.js';

/** The embedded platform: every context module in one process over one PGlite database. */
@Module({})
export class EmbeddedPlatformModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: EmbeddedPlatformModule,
      imports: [PlatformModule.forRoot(config), ...ALL_CONTEXTS.map((c) => c.module)],
    };
  }
}
