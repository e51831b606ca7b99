package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public entry point of the text package, fed hostile text: it answers something sensible
 * or throws InvalidInputException, never anything else.
 */
class HostileInputTest {

    private static final EnglishNormalizer EN = new EnglishNormalizer();
    private static final PersianNormalizer FA = PersianNormalizer.builder().optRemoveDiacritics(true).build();
    private static final TextFrontEnd FRONT_END = TextFrontEnd.builder()
            .optTokenizer(CharacterTokenizer.forLanguages()).optMaxChunkLength(50).build();
    private static final SentenceSplitter SPLITTER = SentenceSplitter.builder().optMaxChunkLength(40).build();
    private static final CharacterTokenizer CHARS = CharacterTokenizer.forLanguages();

    static Stream<String> hostile() {
        return Stream.of(
                "", "   ", "\t\n\r", "!!!???...", "،؛؟«»", "\u0000\u0001\u0007\u001B[31m", "a\uD800b\uDC00c\uD83D",
                "I ❤️ 🍕 👨‍👩‍👧 🇮🇷", "Hello سلام world ۱۲۳ 456 \u202Eabc\u202C", "\u200C\u200C\u200C", "ـــ",
                "1234567890123456789012345", "$99999999999999999999.999", "12/45/2024", "99:99", "٫٫٫۱٫", "MMMM",
                "- $ % & @ # + = / °", "$.5", "1st1st", "the 3rd of", "0.000000000000000000001", "-", "\uFEFF\uFFFF\uFFFE",
                "Dr.", "St. Dr. Mr.", "Chapter MMMCMXCIX", "ﻙﺘﺎﺏ ﻻ", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩", "𝟙𝟚𝟛 ①②");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void normalisersAnswerCleanText(String text) {
        for (TextNormalizer n : List.of(EN, FA)) {
            String out = n.normalize(text);
            assertClean(out);
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void frontEndSplitterAndTokenizerNeverThrowAnythingElse(String text) {
        for (TextFrontEnd.Chunk c : FRONT_END.process(text)) {
            assertThat(c.text()).isNotBlank();
            assertThat(c.text().length()).isLessThanOrEqualTo(50);
            assertThat(c.ids()[c.ids().length - 1]).isEqualTo(CHARS.symbols().eosId());
        }
        SPLITTER.split(text).forEach(s -> assertThat(s.length()).isBetween(1, 40));
        assertThat(CHARS.encode(text)).isNotEmpty();
    }

    @Test
    void emptyAndPunctuationOnlyGiveNothingToSay() {
        assertThat(FRONT_END.process("")).isEmpty();
        assertThat(FRONT_END.process("   \n ")).isEmpty();
        assertThat(EN.normalize("")).isEmpty();
        assertThat(FA.normalize("")).isEmpty();
        assertThat(EN.normalize("?!")).isEqualTo("?!");
        assertThat(EN.normalize("🍕🍕")).isEmpty();
    }

    @Test
    void nullIsAClearError() {
        List<Function<String, ?>> entryPoints = List.of(EN::normalize, FA::normalize, FRONT_END::process,
                SPLITTER::split, CHARS::encode, s -> new LanguageDetector().detect(s).toString());
        for (int i = 0; i < entryPoints.size() - 1; i++) {
            Function<String, ?> f = entryPoints.get(i);
            assertThatThrownBy(() -> f.apply(null)).isInstanceOf(InvalidInputException.class);
        }
        assertThat(entryPoints.get(entryPoints.size() - 1).apply(null)).isEqualTo("EN");
    }

    @Test
    void textOverTheLimitIsAClearError() {
        String huge = "a".repeat(TextCleaner.MAX_LENGTH + 1);
        assertThatThrownBy(() -> EN.normalize(huge)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void oneMegabyteOfTextIsNormalisedAndTokenized() {
        String sentence = "On 12/05/2024 Dr. Smith paid $3.50 for 2 books, i.e. 50% off! ";
        String text = sentence.repeat(1_000_000 / sentence.length() + 1);
        assertThat(text.length()).isGreaterThanOrEqualTo(1_000_000);
        List<TextFrontEnd.Chunk> chunks = FRONT_END.process(text);
        assertThat(chunks.size()).isGreaterThan(1000);
        for (TextFrontEnd.Chunk c : chunks) {
            assertClean(c.text());
        }
        // the cap is 50: "On December fifth," plus words up to 50 characters
        assertThat(chunks.get(0).text()).isEqualTo("On December fifth, twenty twenty-four Doctor Smith");
        String persian = "در تاریخ ۱۴۰۲ قیمت ۳٫۵ درصد بالا رفت، كتاب‌ها را خریدم. ".repeat(20_000);
        assertClean(FA.normalize(persian));
    }

    /** Random mixtures of everything above: only InvalidInputException may escape, and output is clean. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomHostileMixtures(long seed) {
        String alphabet = "0123456789۰۱۲۳۴۵٠١٢٫٬٪$£€%&@#+=/:.,-'\"()—–…?!؟،؛«»aAzZ كيةأإؤآابکگی\u200C\u200D\u064E\u0651ـ"
                + "\u0000\u0007\u202E\uFEFF\uD800\uDC00😀👨‍👩";
        Random random = new Random(seed);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(60);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            try {
                assertClean(EN.normalize(text));
                assertClean(FA.normalize(text));
                FRONT_END.process(text);
            } catch (InvalidInputException expected) {
                // a clear refusal is allowed
            } catch (RuntimeException e) {
                throw new AssertionError("input " + escape(text) + " raised " + e, e);
            }
        }
    }

    private static void assertClean(String out) {
        assertThat(out).isNotNull();
        assertThat(out).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            boolean asciiOrPersianDigit = (c >= '0' && c <= '9') || (c >= '۰' && c <= '۹') || (c >= '٠' && c <= '٩');
            boolean pair = Character.isHighSurrogate(c) && i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1));
            if (pair) {
                i++; // a whole supplementary character (e.g. U+10000, a Linear B letter) is fine
                continue;
            }
            if (Character.isSurrogate(c) || Character.isISOControl(c) || asciiOrPersianDigit) {
                throw new AssertionError(String.format("unclean character U+%04X in %s", (int) c,
                        escape(out.substring(Math.max(0, i - 40), Math.min(out.length(), i + 40)))));
            }
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
