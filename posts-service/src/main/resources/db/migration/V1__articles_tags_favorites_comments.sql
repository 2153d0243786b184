-- Articles, their tags, favorites and comments. User ids (author_id, user_id) name accounts that live
-- in users-service, so they carry no foreign key. Unique constraints are named <table>_<field>_key so
-- that a violation maps back to the field that clashed. Length limits are enforced by the service,
-- counted in code points.
CREATE TABLE articles (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    description TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    author_id   BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT articles_slug_key UNIQUE (slug)
);
-- The global list and the feed / author filter, both newest first with ties to the higher id.
CREATE INDEX articles_created_idx ON articles (created_at DESC, id DESC);
CREATE INDEX articles_author_created_idx ON articles (author_id, created_at DESC, id DESC);

-- Tags are shared by name. A tag row may outlive its last article; GET /tags only shows tags in use.
CREATE TABLE tags (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    CONSTRAINT tags_name_key UNIQUE (name)
);

CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag_idx ON article_tags (tag_id, article_id);

CREATE TABLE favorites (
    article_id BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, user_id)
);
CREATE INDEX favorites_user_idx ON favorites (user_id, article_id);

-- Comment ids come from one sequence, so they are unique across all articles.
CREATE TABLE comments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  BIGINT      NOT NULL,
    body       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX comments_article_created_idx ON comments (article_id, created_at DESC, id DESC);
