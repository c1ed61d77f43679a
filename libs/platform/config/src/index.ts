export {
  type Clock,
  CLOCK,
  ConfigError,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  loadConfig,
  PLATFORM_CONFIG,
  type PlatformConfig,
  rateLimitFromEnv,
  systemClock,
  webSocketFromEnv,
  type WebSocketSettings,
} from './platform-config.js';
