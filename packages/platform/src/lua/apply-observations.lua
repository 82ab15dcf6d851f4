--[==[
Applies observations of ONE district atomically (ValueStore#apply): the values the quality gate
let through are written, the ones it held go to quarantine, and each gets an audit event.

KEYS[1]  seen         sorted set obsId -> accepted-at ms (de-duplication)
KEYS[2]  versions     hash district -> data version
KEYS[3]  quarantine   hash obsId -> QuarantineItem JSON
KEYS[4]  q index      sorted set obsId -> reported-at ms (every quarantined value)
KEYS[5]  q held       sorted set obsId -> reported-at ms (awaiting review)
KEYS[6]  audit        stream of the region's audit events
then per indicator i (1-based), three keys:
KEYS[6+3i-2] values_i hash date -> current value (a number, for scoring)
KEYS[6+3i-1] meta_i   hash date -> record JSON of the current value
KEYS[6+3i]   list_i   list of record JSON, every applied value in arrival order (history)

ARGV[1]  district
ARGV[2]  now (ms)
ARGV[3]  seen retention (ms)
ARGV[4]  expected data version of the district, or '' to skip the check
ARGV[5]  '1': a value equal to the current one of its date is not written again (uploads)
then 8 per observation: indicator index (1-based), date, value, accepted-at (ms), obsId,
  record JSON {"date","value","at","by","obsId"}, QuarantineItem JSON ('' = apply it),
  audit JSON: an object without "type"/"previous" (the script adds them)

The expected version guards the quality gate: it judged the values against the district's values
at that version; if another writer changed them since, nothing is written and {-1, version} is
returned so the caller re-reads and judges again.

Otherwise returns {version, s1, s2, ...}, one status per observation:
  0 already applied (id seen)    1 applied, new date         2 applied, replaced the date's value
  3 kept in history only (a later-accepted value of that date is current)
  4 unchanged (same value as current; ARGV[5])   5 quarantined   6 already quarantined (id seen)
The data version grows by the number of values written to the history (1, 2, 3).
]==]
local function acceptedAt(record)
  if string.sub(record, 1, 1) == '{' then return tonumber(cjson.decode(record).at) end
  -- Written by 0.1 as `atMs|by|obsId`.
  return tonumber(string.match(record, '^(%d+)|'))
end

local function audit(kind, previous, json)
  local prev = ''
  if previous then prev = ',"previous":' .. previous end
  redis.call('XADD', KEYS[6], '*', 'e', '{"type":"' .. kind .. '"' .. prev .. ',' .. string.sub(json, 2))
end

if ARGV[4] ~= '' then
  local current = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
  if current ~= tonumber(ARGV[4]) then return { -1, current } end
end

local skipUnchanged = ARGV[5] == '1'
local written = 0
local statuses = {}
for i = 6, #ARGV, 8 do
  local base = 6 + (tonumber(ARGV[i]) - 1) * 3 + 1
  local date = ARGV[i + 1]
  local value = ARGV[i + 2]
  local at = tonumber(ARGV[i + 3])
  local obsId = ARGV[i + 4]
  local record = ARGV[i + 5]
  local held = ARGV[i + 6]
  local event = ARGV[i + 7]
  local status
  if redis.call('ZADD', KEYS[1], 'NX', at, obsId) == 0 then
    if redis.call('HEXISTS', KEYS[3], obsId) == 1 then status = 6 else status = 0 end
  elseif held ~= '' then
    redis.call('HSET', KEYS[3], obsId, held)
    redis.call('ZADD', KEYS[4], at, obsId)
    redis.call('ZADD', KEYS[5], at, obsId)
    audit('quarantine', nil, event)
    status = 5
  else
    local prevValue = redis.call('HGET', KEYS[base], date)
    local prev = redis.call('HGET', KEYS[base + 1], date)
    local prevAt = prev and acceptedAt(prev)
    if skipUnchanged and prevValue and tonumber(prevValue) == tonumber(value) then
      status = 4
    else
      if not prevAt or prevAt <= at then
        redis.call('HSET', KEYS[base], date, value)
        redis.call('HSET', KEYS[base + 1], date, record)
        if prevValue then status = 2 else status = 1 end
      else
        status = 3
      end
      redis.call('RPUSH', KEYS[base + 2], record)
      if status == 1 then audit('value', nil, event) else audit('correction', prevValue, event) end
      written = written + 1
    end
  end
  statuses[#statuses + 1] = status
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
local version
if written > 0 then
  version = redis.call('HINCRBY', KEYS[2], ARGV[1], written)
else
  version = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
end
local out = { version }
for _, s in ipairs(statuses) do out[#out + 1] = s end
return out
