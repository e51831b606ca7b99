package io.mytts.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenizerTest {

    /** Random strings over a table's own symbols come back unchanged, with one end-of-sequence id. */
    @ParameterizedTest
    @EnumSource(Language.class)
    void characterRoundTrip(Language language) {
        CharacterTokenizer t = CharacterTokenizer.forLanguages(language);
        List<String> symbols = t.symbols().symbols().subList(2, t.symbols().size());
        Random random = new Random(language.ordinal() + 17);
        for (int trial = 0; trial < 100; trial++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(80);
            for (int i = 0; i < len; i++) {
                sb.append(symbols.get(random.nextInt(symbols.size())));
            }
            int[] ids = t.encode(sb.toString());
            assertThat(ids).hasSize(sb.codePointCount(0, sb.length()) + 1);
            assertThat(ids[ids.length - 1]).isEqualTo(t.symbols().eosId());
            assertThat(t.decode(ids)).isEqualTo(sb.toString());
        }
        assertThat(t.droppedSymbolCount()).isZero();
    }

    @Test
    void englishIsLowerCasedAndIdsFollowTheTable() {
        CharacterTokenizer t = CharacterTokenizer.forLanguages(Language.EN);
        SymbolTable s = t.symbols();
        assertThat(t.encode("Hi!")).containsExactly(s.id("h"), s.id("i"), s.id("!"), s.eosId());
        assertThat(t.decode(t.encode("Hello, World."))).isEqualTo("hello, world.");
    }

    @Test
    void unknownSymbolsAreDroppedAndCounted() {
        CharacterTokenizer t = CharacterTokenizer.forLanguages(Language.EN);
        int[] ids = t.encode("a€b😀c");
        assertThat(t.decode(ids)).isEqualTo("abc");
        assertThat(t.droppedSymbolCount()).isEqualTo(2);
        t.encode("<eos>"); // the text "<eos>" is five characters, none of them special
        assertThat(t.droppedSymbolCount()).isEqualTo(4); // '<' and '>' are not English characters
    }

    @Test
    void decodingIgnoresPaddingAndRejectsForeignIds() {
        CharacterTokenizer t = CharacterTokenizer.forLanguages(Language.EN);
        int[] ids = t.encode("ab");
        int[] padded = {ids[0], ids[1], ids[2], 0, 0};
        assertThat(t.decode(padded)).isEqualTo("ab");
        assertThatThrownBy(() -> t.decode(new int[] {999})).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> t.decode(null)).isInstanceOf(InvalidInputException.class);
    }

    /** The phoneme tokenizer with a stand-in phonemizer: round trip over IPA symbols, one batch call. */
    @Test
    void phonemeRoundTripWithAFakePhonemizer() {
        List<Integer> calls = new ArrayList<>();
        Phonemizer fake = (texts, language) -> {
            calls.add(texts.size());
            return texts.stream().map(s -> s.replace("th", "θ").replace("sh", "ʃ")).toList();
        };
        PhonemeTokenizer t = PhonemeTokenizer.builder().optPhonemizer(fake).build();
        int[] ids = t.encode("the ship");
        assertThat(t.decode(ids)).isEqualTo("θe ʃip");
        assertThat(ids[ids.length - 1]).isEqualTo(t.symbols().eosId());
        List<int[]> all = t.encodeAll(List.of("thin", "shin", "x"), Language.EN);
        assertThat(all).hasSize(3);
        assertThat(t.decode(all.get(0))).isEqualTo("θin");
        assertThat(calls).containsExactly(1, 3);
    }
}
