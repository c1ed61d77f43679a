export { type StartedService, startService } from './bootstrap.js';
export { lockDataDir } from './data-dir-lock.js';
export { PlatformModule } from './platform.module.js';
export {
  Argument,
  cliProgram,
  collect,
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
  runCli,
  USAGE_ERROR,
  usageHint,
} from './cli.js';
