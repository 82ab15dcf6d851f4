--[==[
Writes alert changes of one region if the caller still holds the region's alert lock
(AlertStore#save). A holder that stalled past the lock's expiry writes nothing.

KEYS[1] the region's alert lock
KEYS[2] set of the region's districts that have stored alerts
KEYS[3..] district alert hashes and transitions lists, referred to by key index
ARGV[1] lock token
ARGV[2] transitions kept per alert
ARGV[3] transitions list TTL (s)
ARGV[4] ops JSON: { set: [[hashIndex, district, id, alertJson]], del: [[hashIndex, id]],
                    push: [[listIndex, transitionJson]], drop: [listIndex] }
Returns 1 when written, 0 when the lock was lost (nothing written).
]==]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local cap = tonumber(ARGV[2]); local ttl = tonumber(ARGV[3])
local ops = cjson.decode(ARGV[4])
for _, p in ipairs(ops.set) do
  redis.call('HSET', KEYS[p[1]], p[3], p[4])
  redis.call('SADD', KEYS[2], p[2])
end
for _, p in ipairs(ops.del) do redis.call('HDEL', KEYS[p[1]], p[2]) end
for _, p in ipairs(ops.push) do
  local k = KEYS[p[1]]
  redis.call('RPUSH', k, p[2])
  redis.call('LTRIM', k, -cap, -1)
  redis.call('EXPIRE', k, ttl)
end
for _, i in ipairs(ops.drop) do redis.call('DEL', KEYS[i]) end
return 1
