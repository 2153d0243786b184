-- EXPLAIN (ANALYZE, BUFFERS) of the statements posts-service runs for GET /api/articles (plain and
-- ?tag=), GET /api/articles/feed and GET /api/tags. The SQL is copied from posts-service
-- (article/ArticleQueries.java: count + page; tag/TagRepository.namesByArticle and inUse;
-- favorite/FavoriteRepository.stats for the page's 20 ids): keep it in sync when those change.
-- bench.py also saves what pg_stat_activity shows posts-service's connections last ran, as a check.
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

\echo '### GET /api/articles: total'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM articles a WHERE TRUE;
\echo '### GET /api/articles: page'
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE ORDER BY a.created_at DESC, a.id DESC LIMIT 20 OFFSET 0;

\echo '### GET /api/articles?tag=' :tag ': total'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM articles a WHERE TRUE
AND EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.name = :'tag');
\echo '### GET /api/articles?tag=' :tag ': page'
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE
AND EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.name = :'tag')
ORDER BY a.created_at DESC, a.id DESC LIMIT 20 OFFSET 0;

\echo '### Proposed: the same tag total from article_tags alone (exact: (article_id, tag_id) is its key'
\echo '### and its rows go with their article)'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM article_tags at WHERE at.tag_id = (SELECT id FROM tags WHERE name = :'tag');

\echo '### GET /api/articles/feed: total (followees ' :followees ')'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM articles a WHERE TRUE AND a.author_id = ANY (CAST(:'followees' AS bigint[]));
\echo '### GET /api/articles/feed: page'
EXPLAIN (ANALYZE, BUFFERS) SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE AND a.author_id = ANY (CAST(:'followees' AS bigint[]))
ORDER BY a.created_at DESC, a.id DESC LIMIT 20 OFFSET 0;

\echo '### GET /api/tags (tag/TagRepository.inUse)'
EXPLAIN (ANALYZE, BUFFERS) SELECT t.name, count(*) FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.name;

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
FROM articles a WHERE TRUE
AND EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id AND t.name = $1)
ORDER BY a.created_at DESC, a.id DESC LIMIT $2 OFFSET $3;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE tag_page(:'tag', 20, 0);
PREPARE feed_count(text) AS SELECT count(*) FROM articles a WHERE TRUE AND a.author_id = ANY (CAST($1 AS bigint[]));
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed_count(:'followees');
PREPARE feed_page(text, int, bigint) AS SELECT a.id, a.slug, a.title, a.description, a.author_id, a.created_at, a.updated_at
FROM articles a WHERE TRUE AND a.author_id = ANY (CAST($1 AS bigint[]))
ORDER BY a.created_at DESC, a.id DESC LIMIT $2 OFFSET $3;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE feed_page(:'followees', 20, 0);
