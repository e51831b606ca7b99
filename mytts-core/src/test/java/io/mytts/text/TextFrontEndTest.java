package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextFrontEndTest {

    @Test
    void eachSentenceGetsItsOwnLanguageAndRules() {
        TextFrontEnd fe = TextFrontEnd.builder().optTokenizer(CharacterTokenizer.forLanguages()).build();
        List<TextFrontEnd.Chunk> chunks = fe.process("I paid $5. قیمت ۵ دلار بود. 7 is seven.");
        assertThat(chunks).extracting(TextFrontEnd.Chunk::language).containsExactly(Language.EN, Language.FA, Language.EN);
        assertThat(chunks).extracting(TextFrontEnd.Chunk::text)
                .containsExactly("I paid five dollars.", "قیمت پنج دلار بود.", "seven is seven.");
        CharacterTokenizer t = CharacterTokenizer.forLanguages();
        assertThat(t.decode(chunks.get(1).ids())).isEqualTo("قیمت پنج دلار بود.");
        assertThat(chunks.get(0).ids()).endsWith(t.symbols().eosId());
    }

    @Test
    void aFixedLanguageOverridesDetection() {
        TextFrontEnd fe = TextFrontEnd.builder().optLanguage(Language.FA).build();
        assertThat(fe.process("hello 5")).singleElement().satisfies(c -> {
            assertThat(c.language()).isEqualTo(Language.FA);
            assertThat(c.text()).isEqualTo("hello پنج");
            assertThat(c.ids()).isEmpty();
        });
    }

    @Test
    void sentencesWithoutLettersFollowThePreviousLanguage() {
        TextFrontEnd fe = TextFrontEnd.builder().build();
        assertThat(fe.process("سلام. 12!")).extracting(TextFrontEnd.Chunk::text).containsExactly("سلام.", "دوازده!");
    }

    @Test
    void theCapAppliesToNormalisedText() {
        // "$1,000,000" is 10 characters but "one million dollars" is 19: the cap applies after normalising
        TextFrontEnd fe = TextFrontEnd.builder().optMaxChunkLength(12).build();
        assertThat(fe.process("$1,000,000")).extracting(TextFrontEnd.Chunk::text)
                .containsExactly("one million", "dollars");
    }

    @Test
    void normaliseJoinsSentences() {
        TextFrontEnd fe = TextFrontEnd.builder().optTokenizer(CharacterTokenizer.forLanguages()).build();
        assertThat(fe.normalize("Dr. Smith came 1st. He won £2!")).isEqualTo("Doctor Smith came first. He won two pounds!");
    }

    @Test
    void persianOptionsReachTheFrontEnd() {
        TextFrontEnd fe = TextFrontEnd.builder().optLanguage(Language.FA)
                .optNormalizer(Language.FA, PersianNormalizer.builder().optRemoveDiacritics(true).build()).build();
        assertThat(fe.normalize("کِتاب")).isEqualTo("کتاب");
    }
}
