-- Bulk articles, tags, favorites and comments for the benchmark database bench_posts (schema:
-- posts-service src/main/resources/db/migration/V*.sql). The one place that knows that schema:
-- adjust it here when a migration changes. Re-running adds another batch (the 50k scale step does).
--
--   psql -d bench_posts -v n=5000 -v min_user=1 -v max_user=250 -v seed=0.42 -f bench/seed-posts.sql
--
--   n                   articles to add
--   min_user, max_user  the users.id range in bench_users: author_id and user_id are users-service ids
--   seed                setseed() value, so two runs seed the same data
--
-- Shape (per article): 1-4 of 40 tags (skewed: the first tags are on many articles), a ~1.5 KB body,
-- 0-7 favorites (skewed), 0-5 comments; authors skewed towards low ids (a few prolific writers);
-- created_at spread over the last two years. Timestamps are truncated to milliseconds, like the
-- service's own. ids come from the identity columns (nothing to reset afterwards). The list counters
-- (article_counts, V3 migration) are kept by their triggers, as for the service.
\set ON_ERROR_STOP on
SELECT setseed(:seed);

INSERT INTO tags (name)
SELECT unnest(ARRAY['programming', 'java', 'quarkus', 'postgres', 'devops', 'javascript', 'react', 'css',
    'testing', 'security', 'performance', 'design', 'career', 'rust', 'go', 'python', 'kotlin', 'cloud',
    'kubernetes', 'linux', 'databases', 'api', 'microservices', 'frontend', 'backend', 'opensource',
    'productivity', 'ux', 'accessibility', 'mobile', 'ai', 'data', 'startups', 'writing', 'music',
    'travel', 'cooking', 'books', 'photography', 'gaming'])
ON CONFLICT (name) DO NOTHING;

CREATE TEMP TABLE bench_tags AS
SELECT row_number() OVER (ORDER BY id) AS idx, id FROM tags;

SELECT coalesce(max(id), 0) AS before_max FROM articles \gset

INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)
SELECT format('seeded-article-%s', :before_max + g),
       format('Seeded article %s: notes on %s', :before_max + g, (ARRAY['latency', 'caching', 'queries', 'tests', 'teams', 'releases'])[1 + g % 6]),
       format('What I learned about %s, part %s', (ARRAY['latency', 'caching', 'queries', 'tests', 'teams', 'releases'])[1 + g % 6], g % 17 + 1),
       repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ', 15),
       :min_user + floor((:max_user - :min_user + 1) * random() ^ 2)::bigint,
       created, created + CASE WHEN g % 5 = 0 THEN interval '3 hours' ELSE interval '0' END
FROM generate_series(1, :n) g,
     LATERAL (SELECT date_trunc('milliseconds', now() - interval '1 day' - random() * interval '730 days' + 0 * g * interval '1 s') AS created) c;

CREATE TEMP TABLE seeded AS SELECT id, created_at FROM articles WHERE id > :before_max;

INSERT INTO article_tags (article_id, tag_id, created_at)
SELECT p.id, t.id, p.created_at
FROM (SELECT s.id, s.created_at, 1 + floor((SELECT count(*) FROM bench_tags) * random() ^ 2)::int AS idx
      FROM seeded s, LATERAL generate_series(1, 1 + floor(random() * 4)::int + 0 * s.id) j) p
JOIN bench_tags t ON t.idx = p.idx
ON CONFLICT DO NOTHING;

INSERT INTO favorites (article_id, user_id, created_at)
SELECT s.id, :min_user + floor((:max_user - :min_user + 1) * random())::bigint, s.created_at + interval '1 hour'
FROM seeded s, LATERAL generate_series(1, floor(8 * random() ^ 2)::int + 0 * s.id) j
ON CONFLICT DO NOTHING;

INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
SELECT s.id, :min_user + floor((:max_user - :min_user + 1) * random())::bigint,
       format('Comment %s: thanks, this helped with my own %s setup.', j, (ARRAY['build', 'test', 'deploy'])[1 + j % 3]),
       ts, ts
FROM seeded s,
     LATERAL generate_series(1, floor(6 * random())::int + 0 * s.id) j,
     LATERAL (SELECT date_trunc('milliseconds', s.created_at + j * interval '1 hour' + random() * interval '1 hour') AS ts) c;

-- VACUUM as well as ANALYZE: autovacuum would get there soon on a live system, and until the visibility
-- map is set, index-only scans (count(*) of the lists) still visit the heap.
VACUUM (ANALYZE) articles;
VACUUM (ANALYZE) tags;
VACUUM (ANALYZE) article_tags;
VACUUM (ANALYZE) favorites;
VACUUM (ANALYZE) comments;
SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_tags) AS article_tags,
       (SELECT count(*) FROM favorites) AS favorites, (SELECT count(*) FROM comments) AS comments;
