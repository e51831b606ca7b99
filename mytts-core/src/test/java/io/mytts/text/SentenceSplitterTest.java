package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = SentenceSplitter.create();

    @Test
    void abbreviationsInitialsAndDecimalsDoNotEndSentences() {
        assertThat(splitter.sentences("Mr. Smith met Dr. Jones at 3.5 p.m. today. J. R. Tolkien wrote, e.g. books!"
                + " Really? Yes… the end."))
                .containsExactly("Mr. Smith met Dr. Jones at 3.5 p.m. today.", "J. R. Tolkien wrote, e.g. books!",
                        "Really?", "Yes… the end.");
    }

    @Test
    void noAndPageAreAbbreviationsOnlyBeforeANumber() {
        assertThat(splitter.sentences("See No. 5 on p. 12 today. I said no. Then I left."))
                .containsExactly("See No. 5 on p. 12 today.", "I said no.", "Then I left.");
    }

    @Test
    void persianPunctuationEndsSentences() {
        assertThat(splitter.sentences("سلام. خوبی؟ بله! عدد ۳٫۵ است… تمام"))
                .containsExactly("سلام.", "خوبی؟", "بله!", "عدد ۳٫۵ است…", "تمام");
    }

    @Test
    void closingQuotesStayWithTheirSentenceAndLineBreaksSplit() {
        assertThat(splitter.sentences("He said \"Go.\" Then he left.\nNew line"))
                .containsExactly("He said \"Go.\"", "Then he left.", "New line");
    }

    @Test
    void aLongSentenceSplitsAtCommasFirst() {
        SentenceSplitter s = SentenceSplitter.builder().optMaxChunkLength(30).build();
        assertThat(s.chunk("one two three four, five six seven eight, nine ten"))
                .containsExactly("one two three four,", "five six seven eight, nine ten");
    }

    @Test
    void aWordLongerThanTheCapIsCut() {
        SentenceSplitter s = SentenceSplitter.builder().optMaxChunkLength(4).build();
        assertThat(s.chunk("abcdefghij")).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void badCapIsRefused() {
        assertThatThrownBy(() -> SentenceSplitter.builder().optMaxChunkLength(1).build())
                .isInstanceOf(InvalidInputException.class);
    }

    /** Random text: no chunk exceeds the cap, none is empty, and no non-space character is lost. */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 99})
    void chunksNeverExceedTheCapAndLoseNothing(int seed) {
        Random random = new Random(seed);
        String alphabet = "abcdefghij,.;!? ؟،";
        for (int trial = 0; trial < 50; trial++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(600);
            for (int i = 0; i < len; i++) {
                sb.append(random.nextInt(5) == 0 ? ' ' : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int cap = 2 + random.nextInt(60);
            List<String> chunks = SentenceSplitter.builder().optMaxChunkLength(cap).build().split(sb.toString());
            for (String c : chunks) {
                assertThat(c.length()).isBetween(1, cap);
            }
            assertThat(String.join("", chunks).replace(" ", "")).isEqualTo(sb.toString().replace(" ", ""));
        }
    }
}
