package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private final LanguageDetector detector = new LanguageDetector();

    @Test
    void scriptDecides() {
        assertThat(detector.detect("Hello world")).isEqualTo(Language.EN);
        assertThat(detector.detect("سلام دنیا")).isEqualTo(Language.FA);
        assertThat(detector.detect("کتاب iPhone را خریدم")).isEqualTo(Language.FA);
        assertThat(detector.detect("I read کتاب today")).isEqualTo(Language.EN);
    }

    @Test
    void noLettersGivesTheFallback() {
        assertThat(detector.detect("123 !?", Language.FA)).isEqualTo(Language.FA);
        assertThat(new LanguageDetector(Language.FA).detect("")).isEqualTo(Language.FA);
        assertThat(detector.detect(null)).isEqualTo(Language.EN);
    }

    @Test
    void codes() {
        assertThat(Language.fromCode("FA")).isEqualTo(Language.FA);
        assertThat(Language.fromCode(" en ")).isEqualTo(Language.EN);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Language.fromCode("de"))
                .isInstanceOf(io.mytts.InvalidInputException.class).hasMessageContaining("de");
    }
}
