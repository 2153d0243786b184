-- EXPLAIN (ANALYZE, BUFFERS) of the statements posts-service runs for GET /api/articles (plain and
-- ?tag=), GET /api/articles/feed and GET /api/tags. The SQL is copied from posts-service
-- (article/ArticleQueries.java: count + page; tag/TagRepository.namesByArticle and inUse;
-- favorite/FavoriteRepository.stats for the page's 20 ids): keep it in sync when those change.
-- The bench also saves what pg_stat_activity shows posts-service's connections last ran, as a check.
--
--   psql -d bench_posts -v tag=programming -v followees='{3,5,8}' -v viewer=1 -f bench/explain.sql
--
-- pgjdbc switches to server-side prepared statements after 5 executions and PostgreSQL may then pick
-- a generic plan (parameters unknown), so the page and feed queries are also shown with
-- plan_cache_mode = force_generic_plan.
\set ON_ERROR_STOP on
\pset pager off
SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM article_tags) AS article_tags,
       (SELECT count(*) FROM favorites) AS favorites, (SELECT count(*) FROM comments) AS comments;

\echo '### GET /api/articles: total (a counter kept by triggers in 16 shard rows, V3 migration)'
EXPLAIN (ANALYZE, BUFFERS) SELECT CAST(sum(articles) AS bigint) FROM article_counts WHERE tag_id = 0;
\echo '### GET /api/articles: page'
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE ORDER BY a.created_at DESC, a.id DESC LIMIT 20 OFFSET 0;

\echo '### GET /api/articles?tag=' :tag ': total (the tag counter)'
EXPLAIN (ANALYZE, BUFFERS) SELECT CAST(coalesce(sum(articles), 0) AS bigint) FROM article_counts
WHERE tag_id = (SELECT id FROM tags WHERE name = :'tag');
\echo '### GET /api/articles?tag=' :tag ': page (newest links of the tag first)'
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM article_tags at JOIN articles a ON a.id = at.article_id WHERE TRUE
AND at.tag_id = (SELECT id FROM tags WHERE name = :'tag')
ORDER BY at.created_at DESC, at.article_id DESC LIMIT 20 OFFSET 0;
\echo '### ... the same for the least used tag'
SELECT t.name AS rare_tag FROM article_counts c JOIN tags t ON t.id = c.tag_id
GROUP BY t.name HAVING sum(c.articles) > 0 ORDER BY sum(c.articles), t.name LIMIT 1 \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM article_tags at JOIN articles a ON a.id = at.article_id WHERE TRUE
AND at.tag_id = (SELECT id FROM tags WHERE name = :'rare_tag')
ORDER BY at.created_at DESC, at.article_id DESC LIMIT 20 OFFSET 0;

\echo '### GET /api/articles/feed: total (followees ' :followees ')'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM articles a WHERE TRUE AND a.author_id = ANY (CAST(:'followees' AS bigint[]));
\echo '### GET /api/articles/feed: page'
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE AND a.author_id = ANY (CAST(:'followees' AS bigint[]))
ORDER BY a.created_at DESC, a.id DESC LIMIT 20 OFFSET 0;

\echo '### GET /api/tags (tag/TagRepository.inUse)'
EXPLAIN (ANALYZE, BUFFERS) SELECT t.name, n.articles FROM
(SELECT tag_id, CAST(sum(articles) AS bigint) AS articles FROM article_counts WHERE tag_id > 0 GROUP BY tag_id HAVING sum(articles) > 0) n
JOIN tags t ON t.id = n.tag_id;

\echo '### Page helpers for the newest 20 articles: tags, then favorite counts and the viewer flag'
SELECT string_agg(id::text, ',') AS page_ids FROM (SELECT id FROM articles ORDER BY created_at DESC, id DESC LIMIT 20) p \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
WHERE at.article_id IN (:page_ids);
EXPLAIN (ANALYZE, BUFFERS) SELECT article_id, count(*), bool_or(user_id = :viewer) FROM favorites
WHERE article_id IN (:page_ids) GROUP BY article_id;

\echo '### Generic plans (what a prepared statement may settle on)'
SET plan_cache_mode = force_generic_plan;
PREPARE list_page(int, bigint) AS SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE ORDER BY a.created_at DESC, a.id DESC LIMIT $1 OFFSET $2;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list_page(20, 0);
PREPARE tag_page(text, int, bigint) AS SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM article_tags at JOIN articles a ON a.id = at.article_id WHERE TRUE
AND at.tag_id = (SELECT id FROM tags WHERE name = $1)
ORDER BY at.created_at DESC, at.article_id DESC LIMIT $2 OFFSET $3;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE tag_page(:'tag', 20, 0);
PREPARE feed_count(text) AS SELECT count(*) FROM articles a WHERE TRUE AND a.author_id = ANY (CAST($1 AS bigint[]));
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed_count(:'followees');
PREPARE feed_page(text, int, bigint) AS SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE AND a.author_id = ANY (CAST($1 AS bigint[]))
ORDER BY a.created_at DESC, a.id DESC LIMIT $2 OFFSET $3;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed_page(:'followees', 20, 0);
