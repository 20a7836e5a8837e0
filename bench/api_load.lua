-- wrk script for bench/api_load.py: POST /match/default with a different query in each request.
--
--   wrk -t2 -c50 -d300s -s bench/api_load.lua http://127.0.0.1:PORT -- BODIES KEY [RATE CONNECTIONS]
--
-- BODIES is a file with one JSON request body per line (written by api_load.py); each wrk thread
-- walks it from its own offset so the threads do not send the same names in step. KEY is the API key.
-- Without RATE every connection sends its next request as soon as the answer is in (the most the
-- server can do). With RATE (requests per second over all CONNECTIONS) each connection waits a random
-- time before its next request, exponentially distributed with mean CONNECTIONS / RATE seconds, like
-- clients that each call now and then: the server sees about RATE requests a second (a little less,
-- as the answer's own time adds to the wait) in random bursts, and the latencies are what callers
-- see at that load.
-- At the end one JSON line starting with "WRK_RESULT " gives counts, errors and latency percentiles
-- (microseconds), which api_load.py reads.

local bodies = {}
local next_body = 1
local threads = {}
local thread_count = 0
local mean_delay_ms = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count)
  table.insert(threads, thread)
end

function init(args)
  local path, key = args[1], args[2]
  for line in io.lines(path) do
    if #line > 0 then
      table.insert(bodies, line)
    end
  end
  if #bodies == 0 then
    error("no request bodies in " .. path)
  end
  next_body = ((offset or 1) * 7919) % #bodies + 1
  local rate, connections = tonumber(args[3] or ""), tonumber(args[4] or "")
  if rate and rate > 0 and connections then
    mean_delay_ms = connections / rate * 1000
    math.randomseed(offset or 1)
  end
  wrk.method = "POST"
  wrk.path = "/match/default"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "ApiKey " .. key
end

function delay()
  if mean_delay_ms <= 0 then
    return 0
  end
  return -math.log(1 - math.random()) * mean_delay_ms
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local parts = {
    string.format('"requests": %d', summary.requests),
    string.format('"duration_us": %d', summary.duration),
    string.format('"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d',
      e.connect, e.read, e.write, e.status, e.timeout),
    string.format('"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f',
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean),
  }
  io.write("WRK_RESULT {" .. table.concat(parts, ", ") .. "}\n")
end
