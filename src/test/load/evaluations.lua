-- wrk script: POST /api/v1/evaluations with varied profiles (ulcer areas, diabetes and ulcer durations).
-- Run the jar, then: wrk -t2 -c64 -d20s --latency -s src/test/load/evaluations.lua http://127.0.0.1:8080
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {}
for i = 0, 99 do
  bodies[#bodies + 1] = string.format('{"ulcerAreaCm2": %.1f, "diabetesDurationYears": %d, "ulcerDurationDays": %d}',
    (i % 25) + 0.5, i % 20, 100 + (i * 7) % 300)
end
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/evaluations", nil, bodies[(n % #bodies) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors (connect %d, read %d, write %d, status %d, timeout %d), p99 %.2f ms\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, latency:percentile(99) / 1000))
end
