-- POST /api/users/login (or BENCH_PATHS: users-service's /internal/users/login, measured directly with
-- BENCH_INTERNAL_TOKEN as the X-Conduit-Internal-Token header) rotating over BENCH_LOGINS ("email password"
-- pairs, space-separated).
-- Every request is a real Argon2id verification (12 MiB, 3 passes by default): slow by design.
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

function init(args)
  local words, requests = split(os.getenv("BENCH_LOGINS")), {}
  local path = split(os.getenv("BENCH_PATHS"))[1] or "/api/users/login"
  local headers = headers_for(nil, true)
  local internal_token = os.getenv("BENCH_INTERNAL_TOKEN")
  if internal_token and internal_token ~= "" then headers["X-Conduit-Internal-Token"] = internal_token end
  for i = 1, #words - 1, 2 do
    local body = string.format('{"user":{"email":"%s","password":"%s"}}', words[i], words[i + 1])
    table.insert(requests, wrk.format("POST", path, headers, body))
  end
  next_request = rotate(requests)
end
