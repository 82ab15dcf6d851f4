/**
 * Configuration for Region Score: the process environment (`loadConfig`) and the region config file
 * with districts, indicators and targets (`loadRegionConfig`). Both validate everything up front and
 * report every problem in one error.
 */
export { loadConfig, DEMO_REGION_CONFIG_PATH, LOG_LEVELS, MODES } from './env';
export type { AppConfig, LoadConfigOptions, LogLevel, Mode } from './env';
export { ConfigError, RegionConfigError } from './errors';
export { loadRegionConfig, parseRegionConfig } from './region-config';
export { REGION_DEFAULTS } from './region-defaults';
export { NOTIFICATION_DEFAULTS, type SecretEnv } from './notifications';
export { isValidTimeZone } from './cross-checks';
