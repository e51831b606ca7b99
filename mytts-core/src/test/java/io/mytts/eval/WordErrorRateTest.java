package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordErrorRateTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        // reference                | hypothesis               | S | D | I | N
        "the cat sat                 | the cat sat               | 0 | 0 | 0 | 3",
        "the cat sat                 | the bat sat               | 1 | 0 | 0 | 3",
        "the cat sat on the mat      | the cat on the mat        | 0 | 1 | 0 | 6",
        "a b                         | a x b                     | 0 | 0 | 1 | 2",
        "Twenty-one, Sir!            | twenty one sir            | 0 | 0 | 0 | 3",
        "a b c d                     | ''                        | 0 | 4 | 0 | 4",
        "one two three               | three two one             | 2 | 0 | 0 | 3",
        "It's DONE.                  | it’s done                 | 0 | 0 | 0 | 2",
    })
    void countsEachKindOfEdit(String ref, String hyp, int s, int d, int i, int n) {
        WordErrorRate.Counts c = WordErrorRate.count(ref, hyp);
        assertThat(c).isEqualTo(new WordErrorRate.Counts(s, d, i, n));
        assertThat(c.rate()).isCloseTo((s + d + i) / (double) n, within(1e-12));
    }

    @Test
    void emptyAgainstEmptyIsPerfect() {
        assertThat(WordErrorRate.of("", "")).isZero();
        assertThat(WordErrorRate.of("", "hello there")).isEqualTo(2.0);
    }

    @Test
    void corpusRateAddsCountsNotRates() {
        WordErrorRate.Counts total = WordErrorRate.count("a", "b")               // 1 error of 1
                .plus(WordErrorRate.count("a b c d e f g h i", "a b c d e f g h i")); // 0 of 9
        assertThat(total.rate()).isCloseTo(0.1, within(1e-12));
    }
}
