package io.conduit.posts.article;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.conduit.common.Validation;

/** The contract's field rules for articles (CONTRACT.md section 6). Lengths count code points. */
final class ArticleRules {

    static final int TITLE_MAX = 255;
    static final int DESCRIPTION_MAX = 1000;
    /** The body is bounded only by the 1 MiB request limit. */
    static final int BODY_MAX = Integer.MAX_VALUE;
    static final int TAG_MAX = 64;
    static final int TAGS_MAX = 20;

    private ArticleRules() {
    }

    static void title(Validation v, String title) {
        v.required("title", title, TITLE_MAX);
    }

    static void description(Validation v, String description) {
        v.required("description", description, DESCRIPTION_MAX);
    }

    static void body(Validation v, String body) {
        v.required("body", body, BODY_MAX);
    }

    /**
     * The tag set a tagList asks for: each tag trimmed, duplicates merged, at most {@value #TAGS_MAX}
     * distinct tags of 1 to {@value #TAG_MAX} characters. {@code null} means none. Errors go to {@code v}.
     */
    static Set<String> tags(Validation v, List<String> tagList) {
        Set<String> tags = new LinkedHashSet<>();
        if (tagList == null) {
            return tags;
        }
        for (String raw : tagList) {
            if (raw == null) {
                v.add("tagList", "can't contain null");
                return tags;
            }
            String tag = raw.strip();
            if (tag.isEmpty()) {
                v.add("tagList", "can't contain blank tags");
                return tags;
            }
            if (!Validation.isCleanText(tag)) {
                v.add("tagList", "contains characters that are not allowed");
                return tags;
            }
            if (tag.codePointCount(0, tag.length()) > TAG_MAX) {
                v.add("tagList", "has a tag that is too long (maximum is " + TAG_MAX + " characters)");
                return tags;
            }
            tags.add(tag);
        }
        if (tags.size() > TAGS_MAX) {
            v.add("tagList", "is too long (maximum is " + TAGS_MAX + " tags)");
        }
        return tags;
    }
}
