export { type StartedService, startService } from './bootstrap.js';
export { lockDataDir } from './data-dir-lock.js';
export { PlatformModule } from './platform.module.js';
