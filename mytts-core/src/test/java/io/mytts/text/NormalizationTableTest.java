package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The normalisation tables in src/test/resources/text: input, expected output (worked out by hand
 * from the rule), and the rule's name. Escapes such as \u200C (the non-joiner) are unescaped.
 */
class NormalizationTableTest {

    private static final TextNormalizer ENGLISH = new EnglishNormalizer();
    private static final TextNormalizer PERSIAN = PersianNormalizer.builder().build();

    static Stream<Arguments> english() throws IOException {
        return table("english-normalization.tsv").stream();
    }

    static Stream<Arguments> persian() throws IOException {
        return table("persian-normalization.tsv").stream();
    }

    @ParameterizedTest(name = "[{index}] {2}: {0}")
    @MethodSource("english")
    void english(String input, String expected, String rule) {
        assertThat(ENGLISH.normalize(input)).as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {2}: {0}")
    @MethodSource("persian")
    void persian(String input, String expected, String rule) {
        assertThat(PERSIAN.normalize(input)).as(rule).isEqualTo(expected);
    }

    @Test
    void tablesAreLargeEnough() throws IOException {
        assertThat(table("english-normalization.tsv")).hasSizeGreaterThanOrEqualTo(60);
        assertThat(table("persian-normalization.tsv")).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void normalisingTwiceChangesNothing() throws IOException {
        for (Arguments a : table("english-normalization.tsv")) {
            String once = (String) a.get()[1];
            assertThat(ENGLISH.normalize(once)).as("English: %s", once).isEqualTo(once);
        }
        for (Arguments a : table("persian-normalization.tsv")) {
            String once = (String) a.get()[1];
            assertThat(PERSIAN.normalize(once)).as("Persian: %s", once).isEqualTo(once);
        }
    }

    static List<Arguments> table(String name) throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = NormalizationTableTest.class.getResourceAsStream("/text/" + name)) {
            assertThat(in).as(name).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                assertThat(cols).as("row of %s: %s", name, line).hasSize(3);
                rows.add(Arguments.of(unescape(cols[0]), unescape(cols[1]), cols[2]));
            }
        }
        return rows;
    }

    private static String unescape(String s) {
        Matcher m = Pattern.compile("\\\\u([0-9A-Fa-f]{4})").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(out).toString();
    }
}
