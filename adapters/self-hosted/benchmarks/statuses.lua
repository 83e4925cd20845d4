-- wrk script for faults.sh: counts responses by status (a 503 whose problem is "shutting-down" on its own) over
-- every thread, and prints them with wrk's socket errors as one machine-readable line each.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 503 and body ~= nil and string.find(body, "shutting-down", 1, true) then
    key = "503-shutting-down"
  end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, status .. "=" .. n)
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("STATUSES %s\n", table.concat(parts, " ")))
  io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("LATENCY p50=%.1fms p99=%.1fms max=%.1fms\n", latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
