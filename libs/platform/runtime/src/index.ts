export { type StartedService, startService } from './bootstrap.js';
// The lock lives with the configuration, so that a tool can take it before loading the platform's modules.
export { lockDataDir } from '@pamoja/platform/config';
export { PlatformModule } from './platform.module.js';
