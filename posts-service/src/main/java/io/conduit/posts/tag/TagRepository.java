package io.conduit.posts.tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Tags are rows shared by name and linked to articles through {@code article_tags}. Everything here is
 * one statement whatever the number of articles or tags, and writes are race-safe upserts.
 */
@ApplicationScoped
public class TagRepository {

    @Inject
    EntityManager em;

    /** The tag names of each article, sorted by plain string comparison; articles without tags are absent. */
    public Map<Long, List<String>> namesByArticle(Collection<Long> articleIds) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT at.article_id, t.name FROM article_tags at"
                        + " JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (:ids)")
                .setParameter("ids", articleIds)
                .getResultList();
        Map<Long, List<String>> names = new HashMap<>();
        for (Object[] row : rows) {
            names.computeIfAbsent(((Number) row[0]).longValue(), k -> new ArrayList<>()).add((String) row[1]);
        }
        names.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return names;
    }

    /** Makes {@code names} the article's whole tag set. Runs inside the caller's transaction. */
    public void replace(long articleId, Collection<String> names) {
        em.createNativeQuery("DELETE FROM article_tags WHERE article_id = :article")
                .setParameter("article", articleId)
                .executeUpdate();
        if (names.isEmpty()) {
            return;
        }
        // Sorted, so that two requests creating the same new tags wait for each other in the same order.
        List<String> distinct = names.stream().distinct().sorted().toList();
        // A tag another request is creating right now is waited for, then reused: never a duplicate-key error.
        String values = IntStream.range(0, distinct.size()).mapToObj(i -> "(:n" + i + ")").collect(Collectors.joining(", "));
        Query upsert = em.createNativeQuery("INSERT INTO tags (name) VALUES " + values + " ON CONFLICT (name) DO NOTHING");
        for (int i = 0; i < distinct.size(); i++) {
            upsert.setParameter("n" + i, distinct.get(i));
        }
        upsert.executeUpdate();
        em.createNativeQuery("INSERT INTO article_tags (article_id, tag_id, created_at)"
                        + " SELECT a.id, t.id, a.created_at FROM articles a, tags t WHERE a.id = :article AND t.name IN (:names)")
                .setParameter("article", articleId)
                .setParameter("names", distinct)
                .executeUpdate();
    }

    /**
     * Every tag at least one article carries, most used first, then by name. {@code tags.article_count}
     * is kept by triggers on {@code article_tags} (V2 migration), so this reads one row per tag, however
     * many articles there are, and a tag whose last article is gone is not shown.
     */
    public List<String> inUse() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT name, article_count FROM tags WHERE article_count > 0")
                .getResultList();
        // Sorted here so that ties follow String.compareTo, not the database collation.
        return rows.stream()
                .sorted(Comparator.<Object[]>comparingLong(r -> ((Number) r[1]).longValue()).reversed()
                        .thenComparing(r -> (String) r[0]))
                .map(r -> (String) r[0])
                .toList();
    }
}
