import { readFileSync } from 'node:fs';
import type { Redis, Result } from 'ioredis';

/**
 * The service's Lua scripts, one `.lua` file each under `./lua/` with a header naming its KEYS and
 * ARGV (as bullmq keeps `src/commands/*.lua`). They are registered on every connection when it is
 * created (`createRedis`), before any command is sent: registering later, on first use, races
 * ioredis's auto-pipelining (a pipeline of that tick already exists without the command) and
 * crashes the process (ioredis #1931).
 */
const SCRIPT_FILES = {
  rsApplyObservations: 'apply-observations.lua',
  rsWriteScore: 'write-score.lua',
  rsReleaseLock: 'release-lock.lua',
  rsSaveAlerts: 'save-alerts.lua',
  rsClaimRepeats: 'claim-repeats.lua',
  rsReviewQuarantine: 'review-quarantine.lua',
  rsRecordConfig: 'record-config.lua',
} as const;

type ScriptArg = string | number;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    rsApplyObservations(numKeys: number, ...args: ScriptArg[]): Result<number[], Context>;
    rsWriteScore(numKeys: number, ...args: ScriptArg[]): Result<number, Context>;
    rsReleaseLock(numKeys: number, ...args: ScriptArg[]): Result<number, Context>;
    rsSaveAlerts(numKeys: number, ...args: ScriptArg[]): Result<number, Context>;
    rsClaimRepeats(numKeys: number, ...args: ScriptArg[]): Result<string[], Context>;
    rsRecordConfig(numKeys: number, ...args: ScriptArg[]): Result<[number, number], Context>;
    rsReviewQuarantine(
      numKeys: number,
      ...args: ScriptArg[]
    ): Result<[number, number | string] | [number], Context>;
  }
}

/** Where the `.lua` files are: next to this module (source), or next to the server bundle. */
const LUA_DIR = new URL('./lua/', import.meta.url);

let sources: Record<keyof typeof SCRIPT_FILES, string> | null = null;

function loadSources(): Record<keyof typeof SCRIPT_FILES, string> {
  sources ??= Object.fromEntries(
    Object.entries(SCRIPT_FILES).map(([name, file]) => [
      name,
      readFileSync(new URL(file, LUA_DIR), 'utf8'),
    ]),
  ) as Record<keyof typeof SCRIPT_FILES, string>;
  return sources;
}

/**
 * Defines every script as a command on a connection (EVALSHA, loading the script on NOSCRIPT).
 * Called once per connection by `createRedis`; the number of keys is the first argument.
 */
export function registerScripts(redis: Redis): void {
  for (const [name, lua] of Object.entries(loadSources())) redis.defineCommand(name, { lua });
}
