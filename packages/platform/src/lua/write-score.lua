--[==[
Stores a district score unless the stored one is strictly newer (ScoreStore#write). Newer is the
order of `isNewer` in @region-score/core: data version first, then computation time.

KEYS[1] scores      hash district -> DistrictScore JSON
KEYS[2] summaries   hash district -> ScoreSummary JSON
KEYS[3] stamps      hash district -> {"version","computedAt"} of the stored score (ms)
KEYS[4] sparkline   list of {"bucket","score"}, oldest first
KEYS[5] daily       hash local date -> closing score of that day

ARGV[1] district
ARGV[2] version
ARGV[3] computedAt (ms)
ARGV[4] DistrictScore JSON
ARGV[5] ScoreSummary JSON
ARGV[6] score
ARGV[7] local date
ARGV[8] sparkline bucket start (ms), computed by the caller (SPARKLINE in core)
ARGV[9] sparkline points kept

Returns 1 when written, 0 when a newer score was already stored.
]==]
local nv = tonumber(ARGV[2]); local nt = tonumber(ARGV[3])
local cur = redis.call('HGET', KEYS[3], ARGV[1])
if cur then
  local v, t
  if string.sub(cur, 1, 1) == '{' then
    local stamp = cjson.decode(cur); v = stamp.version; t = stamp.computedAt
  else
    -- Written by 0.1 as `version:computedAtMs`.
    v, t = string.match(cur, '^(%d+):(%d+)$')
  end
  v = tonumber(v); t = tonumber(t)
  if nv < v or (nv == v and nt < t) then return 0 end
end
redis.call('HSET', KEYS[3], ARGV[1], '{"version":' .. ARGV[2] .. ',"computedAt":' .. ARGV[3] .. '}')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
-- A district that never reported has no history worth drawing: its sparkline starts with data.
if nv > 0 then
  local bucket = ARGV[8]
  local point = '{"bucket":' .. bucket .. ',"score":' .. ARGV[6] .. '}'
  local last = redis.call('LINDEX', KEYS[4], -1)
  local lastBucket = nil
  if last then
    if string.sub(last, 1, 1) == '{' then lastBucket = tostring(cjson.decode(last).bucket)
    else lastBucket = string.match(last, '^(%d+):') end
  end
  if lastBucket and tonumber(lastBucket) == tonumber(bucket) then
    redis.call('LSET', KEYS[4], -1, point)
  else
    redis.call('RPUSH', KEYS[4], point)
    redis.call('LTRIM', KEYS[4], -tonumber(ARGV[9]), -1)
  end
  redis.call('HSET', KEYS[5], ARGV[7], ARGV[6])
end
return 1
