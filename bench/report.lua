-- wrk reporter: one machine-readable line (requests, duration in µs, p50, p95, p99 in µs, errors, non-2xx).
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), errors, summary.errors.status))
end
