"""The scale check: the list endpoints and tags at the seeded size and again at BENCH_SCALE_ARTICLES, and
the EXPLAIN (ANALYZE, BUFFERS) files that show which statement's cost grows with the table."""
from clients import log, psql
from sampling import SqlSampler
from seeding import counts, delete_written_articles, seed_posts
from settings import BENCH, SCALE_ARTICLES
from stack import GATEWAY
from workload import measure, read_endpoints


def scale_check(data, tags):
    """The lists at the seeded size (the articles the write runs added are deleted first, so it is exact
    and the JVMs are as warm as they get), then again after topping up to SCALE_ARTICLES."""
    again = ("GET /api/articles", "GET /api/articles?tag=…", "GET /api/articles/feed", "GET /api/tags")
    reads = [r for r in read_endpoints(data["tokens"], ["x"], ["x"], tags) if r[0] in again]
    delete_written_articles()
    small = counts()["articles"]
    log(f"Scale check: the lists and tags at {small} articles (bench-written articles deleted)")
    before = {name: measure(name, [GATEWAY], "get.lua", env, check)[0] for name, _, env, check in reads}
    seed_posts(SCALE_ARTICLES - small, *data["user_range"])
    large = counts()["articles"]
    log(f"Scale check: the lists and tags again at {large} articles")
    sampler = SqlSampler()
    sampler.start()
    rows = [{"endpoint": name, "articles_small": small, "articles_large": large, "small": before[name],
             "large": measure(name, [GATEWAY], "get.lua", env, check)[0]} for name, _, env, check in reads]
    data["sql_seen"] = sampler.stop()
    return rows


def explain(data, tags, path):
    followees = psql("bench_users", sql=f"SELECT '{{' || string_agg(followee_id::text, ',') || '}}'"
                     f" FROM follows WHERE follower_id = {data['user_ids']['reader']}")
    out = psql("bench_posts", "-v", f"tag={tags[0]}", "-v", f"followees={followees}",
               "-v", f"viewer={data['user_ids']['reader']}", "-f", str(BENCH / "explain.sql"))
    text = f"EXPLAIN (ANALYZE, BUFFERS) at {counts()}\n\n{out}\n"
    if data.get("sql_seen"):
        text += ("\n### Statements posts-service's connections were running or had just run during the runs at"
                 " this size (pg_stat_activity, sampled every 0.5 s; count = samples; 'active' = running at"
                 " the sample, a rough profile of where PostgreSQL's time goes):\n"
                 + "\n".join(f"{n:>5}  {q}" for q, n in data["sql_seen"]) + "\n")
    path.write_text(text)
