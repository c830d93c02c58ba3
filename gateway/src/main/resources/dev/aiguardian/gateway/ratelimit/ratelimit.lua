-- One request's admission, atomically, in one round trip: the client address's failed-auth lockout,
-- then a token from every bucket or from none. The same rules as MemoryRateLimiter.java.
-- KEYS[1]      the address's lockout hash {fails, until, last}
-- KEYS[2..n+1] the buckets' hashes {tokens, at}
-- ARGV[1]      outcome: ok | failed | none
-- ARGV[2..4]   lockout threshold (0 = off), base ms, max ms
-- ARGV[5..]    per bucket: capacity, period ms
-- Returns {status, retry_ms, limiting bucket index (-1 none), then per bucket: remaining, full_in_ms}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local outcome = ARGV[1]
local threshold = tonumber(ARGV[2])
local base = tonumber(ARGV[3])
local max = tonumber(ARGV[4])

if threshold > 0 then
  local lock = redis.call('HMGET', KEYS[1], 'fails', 'until', 'last')
  local fails = tonumber(lock[1]) or 0
  local locked_until = tonumber(lock[2]) or 0
  if locked_until > now then
    return {'locked_out', locked_until - now, -1}
  end
  if outcome == 'failed' then
    fails = fails + 1
    local ms = 0
    if fails >= threshold then
      ms = math.min(max, base * 2 ^ math.min(fails - threshold, 40))
      ms = math.floor(ms)
    end
    local until_ms = 0
    if ms > 0 then until_ms = now + ms end
    redis.call('HSET', KEYS[1], 'fails', fails, 'until', until_ms, 'last', now)
    -- Failures are forgotten max after the last one (and never before a lock ends).
    redis.call('PEXPIRE', KEYS[1], ms + max)
    return {'failure_counted', ms, -1}
  end
  if outcome == 'ok' and fails > 0 then
    redis.call('DEL', KEYS[1])
  end
end
if outcome ~= 'ok' then
  return {'failure_counted', 0, -1}
end

local n = #KEYS - 1
local tokens = {}
for i = 1, n do
  local cap = tonumber(ARGV[3 + 2 * i])
  local period = tonumber(ARGV[4 + 2 * i])
  local s = redis.call('HMGET', KEYS[i + 1], 'tokens', 'at')
  local tk = tonumber(s[1])
  local at = tonumber(s[2])
  if tk == nil or at == nil then
    tk = cap
  elseif now > at then
    tk = math.min(cap, tk + (now - at) * cap / period)
  end
  tokens[i] = tk
end

local function states(out)
  for i = 1, n do
    local cap = tonumber(ARGV[3 + 2 * i])
    local period = tonumber(ARGV[4 + 2 * i])
    local left = tokens[i]
    if left < 0 then left = 0 end
    out[#out + 1] = math.floor(left)
    out[#out + 1] = math.ceil((cap - tokens[i]) * period / cap)
  end
  return out
end

-- All or nothing: a request refused by one bucket takes nothing from the others.
for i = 1, n do
  if tokens[i] < 1 then
    local cap = tonumber(ARGV[3 + 2 * i])
    local period = tonumber(ARGV[4 + 2 * i])
    return states({'limited', math.ceil((1 - tokens[i]) * period / cap), i - 1})
  end
end
for i = 1, n do
  local period = tonumber(ARGV[4 + 2 * i])
  tokens[i] = tokens[i] - 1
  redis.call('HSET', KEYS[i + 1], 'tokens', tostring(tokens[i]), 'at', now)
  -- An idle bucket is full again after one period: then it need not be kept.
  redis.call('PEXPIRE', KEYS[i + 1], period)
end
return states({'allowed', 0, -1})
