package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnglishNumbersTest {

    /** Roman numerals written by this test's own encoder are read back to their value. */
    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2024})
    void romanNumeralsRoundTrip(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            int n = 1 + random.nextInt(3999);
            assertThat(EnglishNormalizer.romanValue(toRoman(n))).as("%d = %s", n, toRoman(n)).isEqualTo(n);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"IIII", "VV", "IC", "XM", "ABC", ""})
    void malformedRomanNumeralsAreRejected(String r) {
        assertThat(EnglishNormalizer.romanValue(r)).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "1999, nineteen ninety-nine",
        "2005, two thousand five",
        "2010, twenty ten",
        "1905, nineteen oh five",
        "1800, eighteen hundred",
    })
    void years(long year, String words) {
        assertThat(EnglishNumbers.year(year)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource({
        "0123, zero one two three",
        "1234567890123456, one two three four five six seven eight nine zero one two three four five six",
        "'12,000', twelve thousand",
    })
    void integers(String written, String words) {
        assertThat(EnglishNumbers.integer(written)).isEqualTo(words);
    }

    private static String toRoman(int n) {
        int[] values = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
        String[] letters = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            while (n >= values[i]) {
                sb.append(letters[i]);
                n -= values[i];
            }
        }
        return sb.toString();
    }
}
