package io.conduit.posts.article;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Slugs from titles (CONTRACT.md section 5): lowercase ASCII letters and digits joined by single hyphens. */
final class Slugs {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Latin letters that carry no separable accent, so decomposition leaves them as they are. */
    private static final Map<Character, String> LATIN_EXTRAS = Map.of(
            'ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'đ', "d", 'ð', "d", 'þ', "th", 'ł', "l", 'ı', "i");

    private Slugs() {
    }

    /**
     * The slug a title asks for, possibly empty ("日本語" has no usable characters). NFKD rather than NFD
     * also folds compatibility forms, so full-width "Ｔｅｓｔ" and the ligature "ﬁ" become "test" and "fi".
     */
    static String base(String title) {
        String decomposed = Normalizer.normalize(title, Normalizer.Form.NFKD);
        String lower = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            folded.append(LATIN_EXTRAS.getOrDefault(c, String.valueOf(c)));
        }
        String slug = NOT_SLUG.matcher(folded).replaceAll("-");
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }

    /** {@code base} with a short random suffix, for a base that is empty or taken. */
    static String withSuffix(String base) {
        StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return base.isEmpty() ? suffix.toString() : base + "-" + suffix;
    }
}
