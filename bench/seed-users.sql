-- Bulk users and follows for the benchmark database bench_users (schema: users-service
-- src/main/resources/db/migration/V*.sql). Run by bench/seeding.py after a few users were registered
-- through the API; re-running adds another batch.
--
--   psql -d bench_users -v n=245 -v hash='<a real argon2id hash>' -v reader=1 -v seed=0.42 -f bench/seed-users.sql
--
--   n       users to add
--   hash    password_hash copied from a registered user's row, so every seeded user logs in with that
--           user's password (each login then costs a real Argon2id verification)
--   reader  id of the registered user whose feed is measured: follows 25 seeded users
--   seed    setseed() value, so two runs seed the same graph
--
-- ids come from the identity column (nothing to reset afterwards); posts-service stores them as
-- author_id / user_id, so bench/seed-posts.sql is given the resulting id range.
\set ON_ERROR_STOP on
SELECT setseed(:seed);

SELECT coalesce(max(id), 0) AS before_max FROM users \gset

INSERT INTO users (username, email, password_hash, bio, image, created_at, updated_at)
SELECT format('writer%s', :before_max + g),
       format('writer%s@bench.example', :before_max + g),
       :'hash',
       CASE WHEN g % 3 = 0 THEN NULL ELSE format('Writer number %s. Coffee, code and long walks.', :before_max + g) END,
       CASE WHEN g % 2 = 0 THEN NULL ELSE format('https://images.example/avatars/%s.png', :before_max + g) END,
       ts, ts
FROM generate_series(1, :n) g,
     LATERAL (SELECT date_trunc('milliseconds', now() - random() * interval '900 days' + 0 * g * interval '1 s') AS ts) t;

-- Every user follows 5 to 30 others (picked with a skew, so a few writers are popular), never itself.
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT f.id, u.id, now()
FROM users f,
     LATERAL generate_series(1, 5 + floor(random() * 26)::int + 0 * f.id) j,
     LATERAL (SELECT (SELECT min(id) FROM users) + floor(((SELECT max(id) - min(id) + 1 FROM users)) * random() ^ 2)::bigint + 0 * j AS id) u
WHERE f.id > :before_max AND u.id <> f.id
ON CONFLICT DO NOTHING;

-- The reader whose feed is measured follows exactly 25 of the seeded writers.
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT :reader, id, now() FROM (SELECT id FROM users WHERE id > :before_max ORDER BY random() LIMIT 25) w
ON CONFLICT DO NOTHING;

VACUUM (ANALYZE) users;
VACUUM (ANALYZE) follows;
SELECT count(*) AS users, (SELECT count(*) FROM follows) AS follows FROM users;
