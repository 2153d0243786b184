-- Counters that parallel writes do not queue on, nor deadlock over (issue 15).
--
-- V2 kept one article_total row that every article insert and delete updated, so every article write in the
-- system waited for the one before it to commit; and its tag counters were updated in no defined order, so two
-- writes whose tag sets crossed could deadlock (PostgreSQL then aborted one of them).
--
-- Here every counter is split into 16 shard rows of article_counts, and a count is the sum of its shards. A
-- transaction writes only the rows of its own shard (its transaction id modulo 16), so writes in different
-- shards never wait for each other. Within a shard, every counting statement first locks the shard's total row
-- (tag_id 0), then the tag rows in tag id order: whoever holds that row is the only transaction touching the
-- shard's rows, so waits cannot form a cycle, whatever the order of the writes' statements (a delete counts its
-- links before its article, a retag removes links before it adds others).
--
-- article_total and tags.article_count stay, no longer maintained: pods of the previous release read them until
-- the rolling update ends (README "Schema changes"); a later release drops them.

-- Writers wait for this migration rather than count twice or not at all.
LOCK TABLE articles, article_tags IN SHARE ROW EXCLUSIVE MODE;

DROP TRIGGER articles_counted_on_insert ON articles;
DROP TRIGGER articles_counted_on_delete ON articles;
DROP TRIGGER article_tags_counted_on_insert ON article_tags;
DROP TRIGGER article_tags_counted_on_delete ON article_tags;
DROP FUNCTION count_articles();
DROP FUNCTION count_tag_links();

CREATE TABLE article_counts (
    tag_id   BIGINT   NOT NULL, -- 0: every article; otherwise the articles that carry this tag
    shard    SMALLINT NOT NULL CHECK (shard BETWEEN 0 AND 15),
    articles BIGINT   NOT NULL, -- this shard's share; one shard may be negative (deletes counted elsewhere)
    PRIMARY KEY (tag_id, shard)
);
-- Every shard's total row exists from the start: it is the shard's lock.
INSERT INTO article_counts (tag_id, shard, articles)
SELECT 0, s, CASE WHEN s = 0 THEN (SELECT count(*) FROM articles) ELSE 0 END FROM generate_series(0, 15) s;
INSERT INTO article_counts (tag_id, shard, articles)
SELECT tag_id, 0, count(*) FROM article_tags GROUP BY tag_id;

-- The shard of the current transaction: the same for all its statements.
CREATE FUNCTION article_counts_shard() RETURNS SMALLINT LANGUAGE sql VOLATILE AS $$
    SELECT (txid_current() % 16)::SMALLINT
$$;

-- Statement-level triggers, so that a bulk insert (the benchmark's seeder) updates each counter once.
-- Deleting an article deletes its links through ON DELETE CASCADE, which fires these triggers too.
CREATE FUNCTION count_articles_in_shard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE article_counts
    SET articles = articles + (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END) * (SELECT count(*) FROM changed)
    WHERE tag_id = 0 AND shard = article_counts_shard();
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_counted_on_insert AFTER INSERT ON articles
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_articles_in_shard();
CREATE TRIGGER articles_counted_on_delete AFTER DELETE ON articles
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_articles_in_shard();

CREATE FUNCTION count_tag_links_in_shard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    my_shard CONSTANT SMALLINT := article_counts_shard();
BEGIN
    -- The shard's total row first, even when no link changed: see the top of this file.
    PERFORM 1 FROM article_counts WHERE tag_id = 0 AND shard = my_shard FOR NO KEY UPDATE;
    -- Then the tags' rows of this shard, in tag id order.
    INSERT INTO article_counts AS c (tag_id, shard, articles)
    SELECT tag_id, my_shard, (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END) * count(*)
    FROM changed GROUP BY tag_id ORDER BY tag_id
    ON CONFLICT (tag_id, shard) DO UPDATE SET articles = c.articles + EXCLUDED.articles;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_tags_counted_on_insert AFTER INSERT ON article_tags
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_tag_links_in_shard();
CREATE TRIGGER article_tags_counted_on_delete AFTER DELETE ON article_tags
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_tag_links_in_shard();
