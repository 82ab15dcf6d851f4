--[==[
Stores a region's scoring config as a new version unless it is the latest one already
(ConfigHistoryStore#record). Atomic, so processes starting together with the same config store
it once.

KEYS[1]  versions   list of ConfigVersion JSON, oldest first
ARGV[1]  content hash of the config
ARGV[2]  methodology version of the running code
ARGV[3]  the version's JSON without its number: an object starting with '{"hash":'
Returns {version, 1} when stored as a new version, {version, 0} when the latest already was it.
]==]
local last = redis.call('LINDEX', KEYS[1], -1)
if last then
  local held = cjson.decode(last)
  if held.hash == ARGV[1] and held.methodology == ARGV[2] then return { held.version, 0 } end
end
local version = redis.call('LLEN', KEYS[1]) + 1
-- The number is spliced in as text: cjson would round the config's numbers on a re-encode.
redis.call('RPUSH', KEYS[1], '{"version":' .. version .. ',' .. string.sub(ARGV[3], 2))
return { version, 1 }
