--[==[
Applies observations of ONE district atomically (ValueStore#apply).

KEYS[1]  seen         sorted set obsId -> accepted-at ms (de-duplication)
KEYS[2]  versions     hash district -> data version
then per indicator i (1-based), three keys:
KEYS[3i] values_i     hash date -> current value (a number, for scoring)
KEYS[3i+1] meta_i     hash date -> record JSON of the current value
KEYS[3i+2] audit_i    list of record JSON, every applied value in arrival order

ARGV[1]  district
ARGV[2]  now (ms)
ARGV[3]  seen retention (ms)
then 6 per observation: indicator index (1-based), date, value, accepted-at (ms), obsId,
  record JSON = {"date","value","at","by","obsId"} (what the audit list and the meta keep)

Skips observation ids already seen; a value for a date that already has one (a correction)
becomes current only if it was accepted later than the stored one; every applied value is
appended to the audit list; the district's data version grows by the number applied.
Returns { applied, version }.
]==]
local function acceptedAt(record)
  if string.sub(record, 1, 1) == '{' then return tonumber(cjson.decode(record).at) end
  -- Written by 0.1 as `atMs|by|obsId`.
  return tonumber(string.match(record, '^(%d+)|'))
end

local applied = 0
for i = 4, #ARGV, 6 do
  local base = 3 + (tonumber(ARGV[i]) - 1) * 3
  local date = ARGV[i + 1]
  local at = tonumber(ARGV[i + 3])
  local obsId = ARGV[i + 4]
  local record = ARGV[i + 5]
  if redis.call('ZADD', KEYS[1], 'NX', at, obsId) == 1 then
    local prev = redis.call('HGET', KEYS[base + 1], date)
    local prevAt = prev and acceptedAt(prev)
    if not prevAt or prevAt <= at then
      redis.call('HSET', KEYS[base], date, ARGV[i + 2])
      redis.call('HSET', KEYS[base + 1], date, record)
    end
    redis.call('RPUSH', KEYS[base + 2], record)
    applied = applied + 1
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
local version
if applied > 0 then
  version = redis.call('HINCRBY', KEYS[2], ARGV[1], applied)
else
  version = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
end
return { applied, version }
