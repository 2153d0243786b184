-- POST /api/articles/{slug}/favorite: BENCH_PATHS are the favorite paths of many articles, each
-- favorited by a rotating signed-in user (BENCH_TOKENS). Idempotent, so repeats stay 200.
dofile(os.getenv("BENCH_DIR") .. "/lib.lua")

function init(args)
  next_request = rotate(requests_over_paths("POST", true, ""))
end
