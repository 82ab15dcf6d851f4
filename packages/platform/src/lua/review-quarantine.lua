--[==[
Applies an analyst's decision on a quarantined value atomically (QuarantineStore#review).

KEYS[1]  quarantine   hash obsId -> QuarantineItem JSON
KEYS[2]  q held       sorted set obsId -> reported-at ms (awaiting review)
KEYS[3]  versions     hash district -> data version
KEYS[4]  audit        stream of the region's audit events
KEYS[5]  values       hash date -> current value of the item's indicator
KEYS[6]  meta         hash date -> record JSON of the current value
KEYS[7]  list         list of record JSON (history)

ARGV[1]  obsId
ARGV[2]  'release' or 'discard'
ARGV[3]  the item JSON after the decision (state and review set)
ARGV[4]  district
ARGV[5]  date
ARGV[6]  value
ARGV[7]  accepted-at (ms) of the value
ARGV[8]  record JSON of the value (as apply-observations writes it)
ARGV[9]  audit JSON: an object without "type" (the script adds it)

A released value is written as if applied when it was reported: it becomes the date's current
value unless a value accepted later is already current (then it is kept in the history only).
Returns {1, version} when decided, {0, state} when the item was already decided, {-1} when there
is no such item.
]==]
local item = redis.call('HGET', KEYS[1], ARGV[1])
if not item then return { -1 } end
local state = cjson.decode(item).state
if state ~= 'held' then return { 0, state } end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[1])
local version = tonumber(redis.call('HGET', KEYS[3], ARGV[4]) or '0')
if ARGV[2] == 'release' then
  local at = tonumber(ARGV[7])
  local prev = redis.call('HGET', KEYS[6], ARGV[5])
  local prevAt = prev and tonumber(cjson.decode(prev).at)
  if not prevAt or prevAt <= at then
    redis.call('HSET', KEYS[5], ARGV[5], ARGV[6])
    redis.call('HSET', KEYS[6], ARGV[5], ARGV[8])
  end
  redis.call('RPUSH', KEYS[7], ARGV[8])
  version = redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
end
redis.call('XADD', KEYS[4], '*', 'e', '{"type":"' .. ARGV[2] .. '",' .. string.sub(ARGV[9], 2))
return { 1, version }
