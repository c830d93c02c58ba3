-- wrk script: the tokenguard call of process.lua in async mode (202 once Kafka has the request).
local n = 0
request = function()
  n = n + 1
  local body = '{"service_type":"tokenguard","mode":"async","payload":{"text":"The quick brown fox jumps over the lazy dog, request '
    .. n .. '."},"user_id":"bench","session_id":"s' .. (n % 1024) .. '"}'
  return wrk.format("POST", "/api/v1/guards/process", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
