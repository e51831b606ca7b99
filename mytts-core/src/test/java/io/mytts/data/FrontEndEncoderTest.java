package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.config.AudioConfig;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextNormalizer;
import io.mytts.text.TokenizerKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontEndEncoderTest {

    @TempDir
    Path dir;

    @Test
    void normalisesThenTokenizesTheWholeTranscript() {
        FrontEndEncoder e = new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.EN);
        String raw = "It cost 5 dollars. Then it rose.";
        int[] ids = e.encode(raw);
        String normalized = TextNormalizer.forLanguage(Language.EN).normalize(raw);
        assertThat(normalized).contains("five");
        assertThat(e.tokenizer().decode(ids)).isEqualTo(e.tokenizer().decode(e.tokenizer().encode(normalized)));
        assertThat(ids[ids.length - 1]).isEqualTo(e.tokenizer().symbols().eosId());
        assertThat(e.encode("   ")).isEmpty();
    }

    @Test
    void settingsTellLanguagesAndTokenizersApart() {
        FeatureSettings en = new FeatureSettings(AudioConfig.DEFAULT,
                new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.EN).settings(), 1000);
        FeatureSettings enAgain = new FeatureSettings(AudioConfig.DEFAULT,
                new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.EN).settings(), 1000);
        FeatureSettings fa = new FeatureSettings(AudioConfig.DEFAULT,
                new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.FA).settings(), 1000);
        FeatureSettings longer = new FeatureSettings(AudioConfig.DEFAULT,
                new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.EN).settings(), 1200);
        assertThat(en.hash()).isEqualTo(enAgain.hash()).isNotEqualTo(fa.hash()).isNotEqualTo(longer.hash());
    }

    @Test
    void batchedPhonemesEqualOneByOne() {
        Tools.require("espeak-ng");
        FrontEndEncoder e = new FrontEndEncoder(TokenizerKind.PHONEMES, Language.EN);
        java.util.List<String> texts = java.util.List.of("Printing, in the only sense.", " ", "It cost 5 dollars.");
        java.util.List<int[]> batched = e.encodeAll(texts);
        assertThat(batched).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batched.get(i)).containsExactly(e.encode(texts.get(i)));
        }
        assertThat(batched.get(1)).isEmpty();
        assertThat(batched.get(0).length).isGreaterThan(10);
    }

    @Test
    void savesTheSymbolTable() {
        FrontEndEncoder e = new FrontEndEncoder(TokenizerKind.CHARACTERS, Language.FA);
        Path file = dir.resolve(FeatureCache.SYMBOLS);
        e.saveSymbols(file);
        assertThat(SymbolTable.read(file)).isEqualTo(e.tokenizer().symbols());
    }
}
