import pino, { type Logger } from 'pino';
import { ConfigError, RegionConfigError, loadConfig } from '@region-score/config';
import {
  DataDirInUseError,
  RedisServerMissingError,
  isRedisUnavailable,
} from '@region-score/platform';
import { startService, type RunningService } from './runtime';

/** A clean stop that takes longer than this is cut short (compose's stop_grace_period is 30 s). */
const STOP_DEADLINE_MS = 25_000;

/**
 * `npm start`: API, worker and dashboard in one process on one port (MODE=all), or one role
 * (MODE=api / MODE=worker) for scale-out. SIGTERM/SIGINT shut down cleanly: the API stops
 * accepting and enqueues what it accepted, the worker finishes its jobs, Redis stops last.
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
  keepRunningThroughRedisErrors(logger);
  let service: RunningService;
  try {
    service = await startService(config, { logger, env: process.env });
  } catch (err) {
    if (
      err instanceof RedisServerMissingError ||
      err instanceof RegionConfigError ||
      err instanceof DataDirInUseError
    ) {
      logger.fatal(err.message);
      process.exit(2);
    }
    throw err;
  }
  let stopping = false;
  const stop = (signal: string) => {
    // A signal to the process group and the one npm forwards arrive together: one stop is
    // enough, and the deadline below bounds it.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ ms: STOP_DEADLINE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    deadline.unref();
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
  process.on('SIGHUP', () => stop('SIGHUP'));
}

/**
 * A Redis client error that escapes its promise (ioredis reports some from callbacks) is logged
 * and survived: connections reconnect on their own. Anything else unexpected is a bug: logged,
 * then the process exits so the supervisor restarts it from a clean state.
 */
function keepRunningThroughRedisErrors(logger: Logger): void {
  const fromRedis = (err: unknown) =>
    isRedisUnavailable(err) ||
    (err instanceof Error && /[/\\](ioredis|bullmq|redis-parser)[/\\]/.test(err.stack ?? ''));
  process.on('uncaughtException', (err) => {
    if (fromRedis(err)) {
      logger.error({ err }, 'redis client error (the connection retries)');
      return;
    }
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection');
  });
}

await main();
