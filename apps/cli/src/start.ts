import pino from 'pino';
import { ConfigError, RegionConfigError, loadConfig } from '@region-score/config';
import { RedisServerMissingError } from '@region-score/platform';
import { startService } from './runtime';

/**
 * `npm start`: API, worker and dashboard in one process on one port (MODE=all), or one role
 * (MODE=api / MODE=worker) for scale-out. SIGTERM/SIGINT shut down cleanly.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel });
  let service;
  try {
    service = await startService(config, { logger, env: process.env });
  } catch (err) {
    if (err instanceof RedisServerMissingError || err instanceof RegionConfigError) {
      logger.fatal(err.message);
      process.exit(2);
    }
    throw err;
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    service.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
