"""The data set: the users registered through the API (real hashes, real tokens), the bulk seeders
bench/seed-users.sql and bench/seed-posts.sql, and the rows each request's variation rotates over."""
import json
import time

from clients import http, log, psql
from settings import ARTICLES, BENCH, PASSWORD, REGISTERED, SEED, USER_COUNT
from stack import GATEWAY


def seed():
    tokens, register_ms = {}, []
    for name in REGISTERED:
        started = time.monotonic()
        status, body = http("POST", GATEWAY, "/api/users",
                            {"user": {"username": name, "email": f"{name}@bench.example", "password": PASSWORD}})
        register_ms.append(round((time.monotonic() - started) * 1000, 1))
        if status != 201:
            raise RuntimeError(f"registering {name}: {status} {body}")
        tokens[name] = json.loads(body)["user"]["token"]
    ids = dict(line.split("|") for line in psql("bench_users", sql="SELECT username, id FROM users").splitlines())
    password_hash = psql("bench_users", sql="SELECT password_hash FROM users WHERE username = 'reader'")
    log(f"Seeding {USER_COUNT - len(REGISTERED)} more users and their follows (bench/seed-users.sql)")
    psql("bench_users", "-v", f"n={USER_COUNT - len(REGISTERED)}", "-v", f"hash={password_hash}",
         "-v", f"reader={ids['reader']}", "-v", f"seed={SEED}", "-qAt", "-f", str(BENCH / "seed-users.sql"))
    min_user, max_user = psql("bench_users", sql="SELECT min(id), max(id) FROM users").split("|")
    seed_posts(ARTICLES, min_user, max_user)
    return {"tokens": tokens, "user_ids": ids, "register_ms": register_ms, "user_range": (min_user, max_user)}


def seed_posts(count, min_user, max_user):
    log(f"Seeding {count} articles with tags, favorites and comments (bench/seed-posts.sql)")
    started = time.monotonic()
    psql("bench_posts", "-v", f"n={count}", "-v", f"min_user={min_user}", "-v", f"max_user={max_user}",
         "-v", f"seed={SEED}", "-qAt", "-f", str(BENCH / "seed-posts.sql"))
    log(f"  {counts()} in {time.monotonic() - started:.1f} s")


def delete_written_articles():
    """Back to the seeded articles: removes those the write runs created."""
    psql("bench_posts", "-qAt", "-c", "DELETE FROM articles WHERE title LIKE 'Bench %'",
         "-c", "VACUUM (ANALYZE) articles, article_tags, favorites, comments")


def counts():
    row = psql("bench_posts", sql="SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_tags),"
               " (SELECT count(*) FROM favorites), (SELECT count(*) FROM comments)").split("|")
    return dict(zip(["articles", "article_tags", "favorites", "comments"], map(int, row)))


def samples():
    """Rows the per-request variation rotates over: slugs, usernames, the most used tags."""
    slugs = psql("bench_posts", sql="SELECT slug FROM articles ORDER BY md5(slug) LIMIT 200").split()
    users = psql("bench_users", sql="SELECT username FROM users ORDER BY md5(username) LIMIT 100").split()
    tags = psql("bench_posts", sql="SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
                " GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 8").split()
    return slugs, users, tags
