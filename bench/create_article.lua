-- POST /api/articles with a new title every time (so every request creates a new slug), 2 tags from a
-- small pool, a ~1 KB body; authors rotate over BENCH_TOKENS.
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

local tags = { "java", "quarkus", "postgres", "performance", "testing", "bench" }

function init(args)
  tokens = split(os.getenv("BENCH_TOKENS"))
  run = os.getenv("BENCH_RUN_ID") or tostring(os.time())
  counter = 0
  text = string.rep("Benchmark body text, one paragraph after another. ", 20)
end

function request()
  counter = counter + 1
  local token = tokens[counter % #tokens + 1]
  local body = string.format(
    '{"article":{"title":"Bench %s thread %d article %d","description":"Written by wrk","body":"%s","tagList":["%s","%s"]}}',
    run, thread_id, counter, text, tags[counter % #tags + 1], tags[(counter + 3) % #tags + 1])
  return wrk.format("POST", "/api/articles", headers_for(token, true), body)
end
