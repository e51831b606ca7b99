package io.mytts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import io.mytts.text.TokenizerKind;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void theCommitAndVersionWereRecordedByTheBuild() {
        // Filled in when the library was built: a commit from git, or "unknown" without a .git folder.
        assertThat(BuildInfo.gitCommit()).matches("[0-9a-f]{40}(-dirty)?|unknown");
        assertThat(BuildInfo.version()).isNotEqualTo(BuildInfo.UNKNOWN).doesNotContain("${");
    }

    @Test
    void aRunsProvenanceHoldsItsConfigTextSettingsSymbolTableAndVersions() {
        TTSConfig config = Presets.config("tiny");
        TextSettings text = new TextSettings(TokenizerKind.PHONEMES, null).withSymbols(SymbolTable.phonemes());
        Provenance p = Provenance.current(config, text, "abc");
        assertThat(p.seed()).isEqualTo(config.train().seed());
        assertThat(p.gitCommit()).isEqualTo(BuildInfo.gitCommit());
        assertThat(p.myttsVersion()).isEqualTo(BuildInfo.version());
        assertThat(p.djlVersion()).startsWith("0.33");
        assertThat(p.pytorchVersion()).startsWith("2.5.1");
        assertThat(p.describesTheModel()).isTrue();
        String json = StrictJson.write(p);
        assertThat(json).contains("\"config\"", "\"train\"", "\"tokenizer\" : \"phonemes\"", "\"language\" : \"auto\"",
                "\"symbols\" : [ \"<pad>\", \"<eos>\"");
        assertThat(StrictJson.parse(json, Provenance.class, "p")).isEqualTo(p);
    }

    @Test
    void unknownValuesAreLeftOutAndReadAsNull() {
        Provenance p = Provenance.current(null, null, null);
        String json = StrictJson.write(p);
        assertThat(json).doesNotContain("\"config\"", "\"text\"", "\"seed\"", "\"dataset_hash\"");
        Provenance read = StrictJson.parse(json, Provenance.class, "p");
        assertThat(read).isEqualTo(p);
        assertThat(read.describesTheModel()).isFalse();
        assertThat(StrictJson.parse("{\"text\": {\"tokenizer\": \"characters\", \"language\": \"fa\"}}",
                Provenance.class, "p").text()).isEqualTo(new TextSettings(TokenizerKind.CHARACTERS, Language.FA));
        assertThat(StrictJson.write(new TextSettings(TokenizerKind.CHARACTERS, Language.FA))).doesNotContain("symbols");
        assertThatThrownBy(() -> StrictJson.parse("{\"text\": {\"tokenizer\": \"characters\", \"symbols\": [\"a\"]}}",
                Provenance.class, "model.json")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("model.json: ").hasMessageContaining("padding symbol");
        assertThatThrownBy(() -> StrictJson.parse("{\"seed\": \"1\"}", Provenance.class, "model.json"))
                .isInstanceOf(InvalidInputException.class).hasMessage("model.json: 'seed' must be a whole number, not \"1\"");
    }
}
