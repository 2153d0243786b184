-- GET requests rotating over BENCH_PATHS (e.g. many slugs or usernames) and BENCH_TOKENS.
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

function init(args)
  local tokens, requests = split(os.getenv("BENCH_TOKENS")), {}
  for i, path in ipairs(split(os.getenv("BENCH_PATHS"))) do
    local token = #tokens > 0 and tokens[(i + thread_id) % #tokens + 1] or nil
    table.insert(requests, wrk.format("GET", path, headers_for(token, false)))
  end
  next_request = rotate(requests)
end

function request()
  return next_request()
end
