-- wrk script: POST /api/v1/screenings (trial NCT06003530) with varied candidates.
-- Run the jar, then: wrk -t2 -c64 -d20s --latency -s src/test/load/screenings.lua http://127.0.0.1:8080
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {}
for i = 0, 99 do
  bodies[#bodies + 1] = string.format('{"trial": "NCT06003530", "profile": {"ulcerAreaCm2": %.1f, "ageYears": %d, "ulcerDurationDays": %d, "diabetesType": "type-2", "wagnerGrade": %d, "abi": %.2f, "hba1cPercent": %.1f}}',
    (i % 15) + 0.5, 30 + i % 50, 30 + (i * 7) % 300, i % 3, 0.6 + (i % 8) * 0.1, 6 + (i % 9))
end
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/screenings", nil, bodies[(n % #bodies) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors (connect %d, read %d, write %d, status %d, timeout %d), p99 %.2f ms\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout, latency:percentile(99) / 1000))
end
