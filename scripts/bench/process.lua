-- wrk script: the seed's tokenguard call, with a different session per request so that requests
-- spread over the request topic's partitions as real traffic from many sessions would.
-- BENCH_PATH picks the call: "process" (default: sync tokenguard), "async" (the same call answered 202 once
-- Kafka has it) or "pipeline" (all five guards on one short prompt, one combined answer).
local n = 0
local path = os.getenv("BENCH_PATH") or "process"
request = function()
  n = n + 1
  local body, url
  if path == "pipeline" then
    url = "/api/v1/guards/pipeline"
    body = '{"guards":["tokenguard","trustguard","contextguard","biasguard","healthguard"],'
      .. '"payload":{"text":"Could you summarise the quarterly sales report for the northern region, request ' .. n .. '?"},'
      .. '"user_id":"bench","session_id":"p' .. (n % 1024) .. '"}'
  else
    url = "/api/v1/guards/process"
    body = '{"service_type":"tokenguard",' .. (path == "async" and '"mode":"async",' or '')
      .. '"payload":{"text":"The quick brown fox jumps over the lazy dog, request '
      .. n .. '."},"user_id":"bench","session_id":"s' .. (n % 1024) .. '"}'
  end
  local headers = {["Content-Type"] = "application/json"}
  -- BENCH_AUTH: a credential (API key or JWT) sent as a Bearer token, to measure the cost of auth and limits.
  local auth = os.getenv("BENCH_AUTH")
  if auth and auth ~= "" then headers["Authorization"] = "Bearer " .. auth end
  return wrk.format("POST", url, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
