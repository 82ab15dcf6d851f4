import type { Redis, Result } from 'ioredis';

/**
 * Applies observations of ONE district atomically: skips observation ids already seen, keeps a
 * correction only if it was accepted later than the stored value of that date, appends every
 * applied observation to the audit list, and bumps the district's data version.
 *
 * KEYS: seen, versions, then per indicator i: values_i, meta_i, audit_i
 * ARGV: district, nowMs, retentionMs, then 7 per observation: indicatorIndex (1-based), date,
 *       value, obsId, atMs, by, (unused)
 * Returns { applied, version }.
 */
const APPLY_OBSERVATIONS = `
local district = ARGV[1]
local now = tonumber(ARGV[2])
local applied = 0
local i = 4
while i <= #ARGV do
  local idx = tonumber(ARGV[i]); local date = ARGV[i + 1]; local value = ARGV[i + 2]
  local obsId = ARGV[i + 3]; local at = ARGV[i + 4]; local by = ARGV[i + 5]
  i = i + 7
  if redis.call('ZADD', KEYS[1], 'NX', at, obsId) == 1 then
    local base = 3 + (idx - 1) * 3
    local prev = redis.call('HGET', KEYS[base + 1], date)
    local correction = '0'
    local current = true
    if prev then
      correction = '1'
      local prevAt = tonumber(string.match(prev, '^(%d+)|'))
      if prevAt and prevAt > tonumber(at) then current = false end
    end
    if current then
      redis.call('HSET', KEYS[base], date, value)
      redis.call('HSET', KEYS[base + 1], date, at .. '|' .. by .. '|' .. obsId)
    end
    redis.call('RPUSH', KEYS[base + 2], date .. '|' .. value .. '|' .. at .. '|' .. correction .. '|' .. by .. '|' .. obsId)
    applied = applied + 1
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[3]))
local version
if applied > 0 then
  version = redis.call('HINCRBY', KEYS[2], district, applied)
else
  version = tonumber(redis.call('HGET', KEYS[2], district) or '0')
end
return { applied, version }
`;

/**
 * Stores a district score only if it is not older than the stored one: ordered by data version,
 * then by computation time. So several workers never let an older score overwrite a newer one.
 *
 * KEYS: scores, summaries, scoreVersions, scoreHistory, dailyScores
 * ARGV: district, version, computedAtMs, fullJson, summaryJson, score, localDate,
 *       historyBucketMs, historyMax
 * Returns 1 when written, 0 when a newer score was already there.
 */
const WRITE_SCORE = `
local district = ARGV[1]
local nv = tonumber(ARGV[2]); local nt = tonumber(ARGV[3])
local cur = redis.call('HGET', KEYS[3], district)
if cur then
  local v, t = string.match(cur, '^(%d+):(%d+)$')
  v = tonumber(v); t = tonumber(t)
  if nv < v or (nv == v and nt < t) then return 0 end
end
redis.call('HSET', KEYS[3], district, ARGV[2] .. ':' .. ARGV[3])
redis.call('HSET', KEYS[1], district, ARGV[4])
redis.call('HSET', KEYS[2], district, ARGV[5])
-- A district that never reported has no history worth drawing: its sparkline starts with data.
if nv > 0 then
  local bucketMs = tonumber(ARGV[8])
  local bucket = math.floor(nt / bucketMs) * bucketMs
  local point = string.format('%d', bucket) .. ':' .. ARGV[6]
  local last = redis.call('LINDEX', KEYS[4], -1)
  if last and tonumber(string.match(last, '^(%d+):')) == bucket then
    redis.call('LSET', KEYS[4], -1, point)
  else
    redis.call('RPUSH', KEYS[4], point)
    redis.call('LTRIM', KEYS[4], -tonumber(ARGV[9]), -1)
  end
  redis.call('HSET', KEYS[5], ARGV[7], ARGV[6])
end
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    rsApplyObservations(
      numKeys: number,
      ...args: (string | number)[]
    ): Result<[number, number], Context>;
    rsWriteScore(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
  }
}

/** Registers the scripts on a connection (EVALSHA with automatic load). Idempotent. */
export function defineScripts(redis: Redis): void {
  if (typeof redis.rsApplyObservations === 'function') return;
  redis.defineCommand('rsApplyObservations', { lua: APPLY_OBSERVATIONS });
  redis.defineCommand('rsWriteScore', { lua: WRITE_SCORE });
}
