-- wrk script: a five-guard pipeline on a short prompt (every guard's worker and the pipeline fan-in on the path).
local n = 0
request = function()
  n = n + 1
  local body = '{"guards":["tokenguard","trustguard","contextguard","biasguard","healthguard"],'
    .. '"payload":{"text":"Could you summarise the quarterly sales report for the northern region, request ' .. n .. '?"},'
    .. '"user_id":"bench","session_id":"p' .. (n % 1024) .. '"}'
  return wrk.format("POST", "/api/v1/guards/pipeline", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
