-- wrk script for b19-writes.sh: each thread (one connection each) PATCHes its own source s<thread> of plugin-000 with
-- If-Match: * and a new name every request (so every request is a real change), and counts the answers by status.
local threads = {}
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end
function init(args)
  ok, conflicts, other, n = 0, 0, 0, 0
  token = os.getenv("TOKEN")
  run = os.getenv("RUN") or "0"
end
function request()
  n = n + 1
  local path = string.format("/api/v1/plugins/plugin-000/sources/s%03d", tid)
  local body = string.format('{"name":"Source %d run %s rev %d"}', tid, run, n)
  return wrk.format("PATCH", path, { ["Content-Type"] = "application/merge-patch+json", ["If-Match"] = "*",
    ["Authorization"] = "Bearer " .. token }, body)
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 409 then conflicts = conflicts + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local o, c, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); c = c + t:get("conflicts"); x = x + t:get("other") end
  io.write(string.format("RESULT ok=%d conflict=%d other=%d p50us=%d p99us=%d\n", o, c, x, latency:percentile(50), latency:percentile(99)))
end
