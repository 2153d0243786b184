-- POST /api/articles/{slug}/favorite: BENCH_PATHS are the favorite paths of many articles, each
-- favorited by a rotating signed-in user (BENCH_TOKENS). Idempotent, so repeats stay 200.
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

function init(args)
  local tokens, requests = split(os.getenv("BENCH_TOKENS")), {}
  for i, path in ipairs(split(os.getenv("BENCH_PATHS"))) do
    table.insert(requests, wrk.format("POST", path, headers_for(tokens[(i + thread_id) % #tokens + 1], true), ""))
  end
  next_request = rotate(requests)
end

function request()
  return next_request()
end
