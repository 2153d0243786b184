-- GET requests rotating over BENCH_PATHS (e.g. many slugs or usernames) and BENCH_TOKENS.
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

function init(args)
  next_request = rotate(requests_over_paths("GET", false, nil))
end
