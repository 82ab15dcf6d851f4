--[==[
Claims alerts due for a repeat notification on one channel (NotificationStore#claimRepeats), so
several workers running the repeat at once send each alert once.

KEYS[1] notified-at hash of the channel: alert id -> ms last sent
ARGV[1] now (ms)
then 3 per candidate: alert id, cutoff (ms), claim-when-never-sent (1/0)
An alert is claimed when last sent before its cutoff, or never sent and the flag is 1; claiming
sets its last-sent time to now. Returns the claimed ids.
]==]
local claimed = {}
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  local last = redis.call('HGET', KEYS[1], id)
  local due
  if last then due = tonumber(last) < tonumber(ARGV[i + 1]) else due = ARGV[i + 2] == '1' end
  if due then
    redis.call('HSET', KEYS[1], id, ARGV[1])
    claimed[#claimed + 1] = id
  end
end
return claimed
