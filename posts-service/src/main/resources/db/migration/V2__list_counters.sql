-- The benchmark's scale check (bench/README.md) showed three statements whose cost grew with the
-- number of articles: GET /api/tags counted every tag link (x7 slower at 50k articles than at 5k), and
-- the totals of the unfiltered and the tag-filtered lists counted every matching row. Counters kept
-- exact by triggers, inside the writing transaction, replace those counts; a tag-filtered page is read
-- newest first from one index of article_tags, whatever the tag's popularity.

-- How many articles carry each tag.
ALTER TABLE tags ADD COLUMN article_count BIGINT NOT NULL DEFAULT 0;
UPDATE tags t SET article_count = c.n
FROM (SELECT tag_id, count(*) AS n FROM article_tags GROUP BY tag_id) c
WHERE t.id = c.tag_id;

-- How many articles there are: one row.
CREATE TABLE article_total (
    only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    articles BIGINT  NOT NULL
);
INSERT INTO article_total (articles) SELECT count(*) FROM articles;

-- A link carries its article's creation time (which never changes), so that a tag's articles come
-- newest first straight from an index.
ALTER TABLE article_tags ADD COLUMN created_at TIMESTAMPTZ;
UPDATE article_tags at SET created_at = a.created_at FROM articles a WHERE a.id = at.article_id;
ALTER TABLE article_tags ALTER COLUMN created_at SET NOT NULL;
DROP INDEX article_tags_tag_idx;
CREATE INDEX article_tags_tag_created_idx ON article_tags (tag_id, created_at DESC, article_id DESC);

-- Statement-level triggers, so that a bulk insert (the benchmark's seeder) updates each counter once.
-- Deleting an article deletes its links through ON DELETE CASCADE, which fires these triggers too.
CREATE FUNCTION count_tag_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tags t SET article_count = t.article_count + (CASE TG_OP WHEN 'INSERT' THEN d.n ELSE -d.n END)
    FROM (SELECT tag_id, count(*) AS n FROM changed GROUP BY tag_id) d
    WHERE t.id = d.tag_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_tags_counted_on_insert AFTER INSERT ON article_tags
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_tag_links();
CREATE TRIGGER article_tags_counted_on_delete AFTER DELETE ON article_tags
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_tag_links();

CREATE FUNCTION count_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE article_total SET articles = articles
        + (CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END) * (SELECT count(*) FROM changed);
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_counted_on_insert AFTER INSERT ON articles
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_articles();
CREATE TRIGGER articles_counted_on_delete AFTER DELETE ON articles
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION count_articles();
