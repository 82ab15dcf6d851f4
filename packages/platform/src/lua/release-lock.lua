--[==[
Releases a lock only if the caller still holds it (AlertLocks).

KEYS[1] lock
ARGV[1] the holder's token
Returns 1 when released, 0 when someone else holds it (or nobody).
]==]
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
