-- Shared by the bench/*.lua wrk scripts (loaded with dofile). Every response that is not 2xx is
-- counted (wrk's own "Non-2xx or 3xx" count lets 3xx pass); done() prints one JSON line that
-- bench/workload.py parses: requests, duration, socket errors, non-2xx, latency percentiles in us.
--
-- Inputs come from the environment, set by workload.py:
--   BENCH_TOKENS  space-separated JWTs, rotated per request ("Authorization: Token <jwt>"); empty: anonymous
--   BENCH_PATHS   space-separated paths, rotated per request (get.lua, favorite.lua)

local threads = {}

function split(value)
  local items = {}
  for item in string.gmatch(value or "", "%S+") do table.insert(items, item) end
  return items
end

function headers_for(token, json)
  local headers = { ["Accept"] = "application/json" }
  if token then headers["Authorization"] = "Token " .. token end
  if json then headers["Content-Type"] = "application/json" end
  return headers
end

-- Requests built once per thread and then rotated: cheap, and still different rows each time.
function rotate(list)
  local i = 0
  return function()
    i = i % #list + 1
    return list[i]
  end
end

-- One request per BENCH_PATHS entry, each signed by a token picked in turn from BENCH_TOKENS
-- (anonymous when there are none). Scripts keep them in next_request = rotate(...).
function requests_over_paths(method, json, body)
  local tokens, requests = split(os.getenv("BENCH_TOKENS")), {}
  for i, path in ipairs(split(os.getenv("BENCH_PATHS"))) do
    local token = #tokens > 0 and tokens[(i + thread_id) % #tokens + 1] or nil
    table.insert(requests, wrk.format(method, path, headers_for(token, json), body))
  end
  return requests
end

-- Sends the prepared requests in turn; a script that builds each request itself defines its own.
function request()
  return next_request()
end

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

non2xx = 0
first_failure = ""

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_failure == "" then first_failure = status .. " " .. string.sub(body or "", 1, 200) end
  end
end

local function json_string(s)
  return '"' .. string.gsub(s, '[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

function done(summary, latency, requests)
  local bad, failure = 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
    local f = thread:get("first_failure")
    if failure == "" and f then failure = f end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"non2xx":%d,"wrk_status_errors":%d,' ..
    '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},"first_failure":%s}\n',
    summary.requests, summary.duration, summary.bytes, bad, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    json_string(failure)))
end
