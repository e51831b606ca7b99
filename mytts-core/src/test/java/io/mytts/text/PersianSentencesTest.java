package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Persian sentences of {@code data/fa} (see its README): well formed, distinct, and every one
 * normalised and phonemized into symbols the Persian tokenizers know, so a corpus built from them
 * loses nothing; the test ids are the ones the README's rule picks.
 */
class PersianSentencesTest {

    private static final Path DIR = Path.of("..", "data", "fa");
    private static final int TEST_IDS = 50;

    private static Map<String, String> sentences;

    @BeforeAll
    static void read() throws IOException {
        sentences = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("sentences.txt"), StandardCharsets.UTF_8)) {
            String[] c = line.split("\\|", -1);
            assertThat(c).as("line %s", line).hasSize(2);
            assertThat(sentences.put(c[0], c[1])).as("id %s twice", c[0]).isNull();
        }
    }

    @Test
    void idsAreNumberedInOrderAndTextsAreDistinctAndOfReadableLength() {
        List<String> ids = new ArrayList<>(sentences.keySet());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(String.format("fa-%05d", i + 1));
        }
        assertThat(new HashSet<>(sentences.values())).hasSameSizeAs(sentences.values());
        sentences.forEach((id, text) -> assertThat(text.length()).as(id).isBetween(20, 120));
    }

    @Test
    void everySentenceNormalisesToKnownPersianCharacters() {
        PersianNormalizer normalizer = PersianNormalizer.builder().build();
        Set<String> known = new HashSet<>(SymbolTable.characters(Language.FA).symbols());
        sentences.forEach((id, text) -> {
            String normalised = normalizer.normalize(text);
            assertThat(normalised).as(id).isNotBlank();
            normalised.codePoints().mapToObj(Character::toString)
                    .forEach(ch -> assertThat(known).as("%s: %s in %s", id, ch, normalised).contains(ch));
        });
    }

    @Test
    void everySentenceHasPhonemesTheTableKnows() {
        boolean available = EspeakPhonemizer.isAvailable();
        if (!available && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("espeak-ng is not installed, and CI=true requires it (apt-get install espeak-ng)");
        }
        assumeTrue(available, "espeak-ng is not installed (apt-get install espeak-ng)");
        TextFrontEnd frontEnd = TextFrontEnd.builder().optLanguage(Language.FA).build();
        List<String> ids = new ArrayList<>(sentences.keySet());
        List<String> texts = ids.stream().map(id -> frontEnd.normalize(sentences.get(id))).toList();
        PhonemeTokenizer tokenizer = PhonemeTokenizer.builder().optLanguage(Language.FA).build();
        List<int[]> encoded = tokenizer.encodeAll(texts, Language.FA);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(encoded.get(i)).as(ids.get(i)).isNotEmpty();
        }
        assertThat(tokenizer.droppedSymbolCount()).isZero();
    }

    /** The README's rule: the 50 ids with the smallest SHA-1 of "mytts-fa-test:" + id. */
    @Test
    void testIdsAreTheOnesTheRulePicks() throws IOException {
        List<String> listed = Files.readAllLines(DIR.resolve("test-ids.txt"), StandardCharsets.UTF_8);
        List<String> picked = sentences.keySet().stream()
                .sorted(Comparator.comparing(PersianSentencesTest::sha1)).limit(TEST_IDS).sorted().toList();
        assertThat(listed).hasSize(TEST_IDS).isEqualTo(picked);
    }

    private static String sha1(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(("mytts-fa-test:" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
