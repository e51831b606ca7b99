package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Persian ordinals and decimals (our rules on top of ICU's cardinals) and the diacritic options. */
class PersianNumbersTest {

    @ParameterizedTest
    @CsvSource({
        "1, اول, اولین",
        "2, دوم, دومین",
        "3, سوم, سومین",
        "4, چهارم, چهارمین",
        "13, سیزدهم, سیزدهمین",
        "21, بیست و یکم, بیست و یکمین",
        "33, سی و سوم, سی و سومین",
        "100, صدم, صدمین",
    })
    void ordinals(long n, String ordinal, String adjective) {
        assertThat(PersianNumbers.ordinal(n)).isEqualTo(ordinal);
        assertThat(PersianNumbers.ordinalAdjective(n)).isEqualTo(adjective);
    }

    @Test
    void ordinalOfThirtyTakesANonJoiner() {
        assertThat(PersianNumbers.ordinal(30)).isEqualTo("سی\u200Cام");
        assertThat(PersianNumbers.ordinalAdjective(30)).isEqualTo("سی\u200Cامین");
    }

    /** For any n > 1, the ordinal is the cardinal with its last word made ordinal: the rest is untouched. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12345, 987654})
    void ordinalKeepsTheCardinalPrefix(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            long n = 2 + random.nextInt(1_000_000);
            String cardinal = PersianNumbers.cardinal(n);
            String ordinal = PersianNumbers.ordinal(n);
            int lastSpace = cardinal.lastIndexOf(' ');
            assertThat(ordinal).startsWith(cardinal.substring(0, lastSpace + 1));
            String last = cardinal.substring(lastSpace + 1);
            String expectedLast = last.equals("سه") ? "سوم" : last.endsWith("ی") ? last + "\u200Cام" : last + "م";
            assertThat(ordinal.substring(lastSpace + 1)).as("n=%d", n).isEqualTo(expectedLast);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "3, 5, سه و پنج دهم",
        "0, 25, بیست و پنج صدم",
        "7, 125, هفت و صد و بیست و پنج هزارم",
        "2, 0, دو",
        "1, 0001, یک و یک ده هزارم",
    })
    void decimals(String whole, String fraction, String expected) {
        assertThat(PersianNumbers.decimal(whole, fraction)).isEqualTo(expected);
    }

    @Test
    void veryLongFractionsAreReadDigitByDigit() {
        assertThat(PersianNumbers.decimal("1", "1234567")).isEqualTo("یک ممیز یک دو سه چهار پنج شش هفت");
    }

    @Test
    void diacriticsAreRemovedOnlyWhenAsked() {
        String text = "مُحَمَّدٌ"; // damma, fatha, shadda+fatha, dammatan
        assertThat(PersianNormalizer.builder().build().normalize(text)).isEqualTo(text);
        assertThat(PersianNormalizer.builder().optRemoveDiacritics(true).build().normalize(text)).isEqualTo("محمّد");
        assertThat(PersianNormalizer.builder().optRemoveDiacritics(true).optRemoveShadda(true).build()
                .normalize(text)).isEqualTo("محمد");
    }

    @Test
    void sukunKasraAndTanwinAreDiacritics() {
        PersianNormalizer n = PersianNormalizer.builder().optRemoveDiacritics(true).build();
        assertThat(n.normalize("کِتابْ حتماً")).isEqualTo("کتاب حتما");
    }
}
