package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.text.SayAs.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SayAsTest {

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            characters | IBM          |      | I B M
            spell-out  | A4           |      | A four
            cardinal   | 1234         |      | one thousand two hundred thirty-four
            number     | -3.5         |      | minus three point five
            ordinal    | 22           |      | twenty-second
            ordinal    | 3rd          |      | third
            digits     | 2024         |      | two zero two four
            date       | 12/05/2024   |      | December fifth, twenty twenty-four
            date       | 05/12/2024   | dmy  | December fifth, twenty twenty-four
            date       | 2024-12-05   | ymd  | December fifth, twenty twenty-four
            date       | 12/05        | md   | December fifth
            date       | 1999         | y    | nineteen ninety-nine
            time       | 10:30        |      | ten thirty
            telephone  | (555) 123-4567 |    | five five five, one two three, four five six seven
            telephone  | +44 20 7946  |      | plus four four, two zero, seven nine four six
            cardinal   | many         |      | many
            date       | 13/45/2024   |      | 13/45/2024
            """)
    void english(String interpretAs, String text, String format, String expected) {
        Kind kind = Kind.of(interpretAs).orElseThrow();
        assertThat(SayAs.read(kind, text, format, Language.EN)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} ({2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            cardinal   | ۱۴۰۲         |      | یک هزار و چهارصد و دو
            ordinal    | ۳            |      | سوم
            digits     | ۱۲           |      | یک دو
            date       | ۱۴۰۲/۰۵/۱۲   |      | دوازدهم مرداد هزار و چهارصد و دو
            date       | ۱۴۰۲         | y    | هزار و چهارصد و دو
            telephone  | ۰۲۱-۱۲۳      |      | صفر دو یک، یک دو سه
            """)
    void persian(String interpretAs, String text, String format, String expected) {
        Kind kind = Kind.of(interpretAs).orElseThrow();
        assertThat(SayAs.read(kind, text, format, Language.FA)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Characters", " TELEPHONE ", "spell-out"})
    void kindNamesIgnoreCaseAndSpaces(String name) {
        assertThat(Kind.of(name)).isPresent();
    }

    @ParameterizedTest
    @CsvSource({"currency", "'', unit"})
    void unknownKindsAreEmpty(String name) {
        assertThat(Kind.of(name)).isEmpty();
    }
}
