package io.conduit.posts.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlugsTest {

    private static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";

    @Test
    void lowercasesAndJoinsWordsWithSingleHyphens() {
        assertEquals("how-to-train-your-dragon", Slugs.base("How to train your dragon"));
        assertEquals("how-to-train-your-dragon-2", Slugs.base("  How to Train -- Your Dragon!! 2 "));
        assertEquals("a-b-c", Slugs.base("a___b%%%c"));
        assertEquals("it-s-100", Slugs.base("It's 100%"));
    }

    @Test
    void dropsAccentsAndFoldsLatinLetters() {
        assertEquals("creme-brulee", Slugs.base("Crème Brûlée"));
        assertEquals("strasse-aero-lodz", Slugs.base("Straße Ærø Łódź"));
        assertEquals("e", Slugs.base("e\u0301"));
        assertEquals("test-fi", Slugs.base("Ｔｅｓｔ ﬁ"));
        assertEquals("istanbul", Slugs.base("İstanbul"));
    }

    @Test
    void isEmptyForTitlesWithoutUsableCharacters() {
        assertEquals("", Slugs.base("日本語のタイトル 🐉 ———"));
        assertEquals("", Slugs.base("---"));
        assertEquals("", Slugs.base("   "));
    }

    @Test
    void keepsAsciiDigitsAndLettersAmongOtherScripts() {
        assertEquals("2024", Slugs.base("日本 2024 🐉"));
    }

    @Test
    void appendsAShortRandomSuffix() {
        String slug = Slugs.withSuffix("dragon");
        assertTrue(slug.matches("dragon-[a-z0-9]{6}"), slug);
        assertTrue(Slugs.withSuffix("").matches("[a-z0-9]{6}"));
        assertTrue(!Slugs.withSuffix("x").equals(Slugs.withSuffix("x")));
        for (int i = 0; i < 100; i++) {
            assertTrue(Slugs.withSuffix(Slugs.base("Some title " + i)).matches(SLUG));
        }
    }
}
