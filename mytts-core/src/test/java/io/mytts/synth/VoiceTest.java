package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.text.Language;
import io.mytts.text.TextSettings;
import io.mytts.text.TokenizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceTest {

    @TempDir
    Path dir;

    @Test
    void aPackagedVoiceLoadsWithItsSettings() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("tiny"));
        assertThat(folder.resolve("voice.json")).exists();
        assertThat(folder.resolve("model.zip")).exists();
        assertThat(Files.readString(folder.resolve("MODEL_CARD.md"))).contains("# Voice: tiny").contains("float16");
        try (Voice v = Voice.load(folder)) {
            assertThat(v.name()).isEqualTo("tiny");
            assertThat(v.precision()).isEqualTo("float16");
            assertThat(v.audio()).isEqualTo(TinyVoices.AUDIO);
            assertThat(v.textSettings()).isEqualTo(new TextSettings(TokenizerKind.CHARACTERS, Language.EN));
            assertThat(v.vocoderSettings()).isEqualTo(new VocoderSettings(4, 1.0));
            assertThat(v.model().config()).isEqualTo(TinyVoices.config());
            assertThat(v.crossWindow()).as("no decoding section: the model's").isEqualTo(TinyVoices.config().crossWindow());
            assertThat(v.tokenizer().encode("ab")).hasSize(3);
        }
        assertThat(Voice.find(dir)).contains(folder);
        assertThat(Voice.find(dir.resolve("none"))).isEmpty();
    }

    @Test
    void theDefaultFileKeepsItsVoiceFirstWhateverSortsBeforeIt() throws Exception {
        Path root = dir.resolve("voices");
        Path b = TinyVoices.write(root.resolve("b"));
        Path a = TinyVoices.write(root.resolve("a"));
        assertThat(Voice.folders(root)).containsExactly(a, b);
        assertThat(Voice.find(root)).contains(a);

        Files.writeString(root.resolve(Voice.DEFAULT_FILE), "b\n");
        assertThat(Voice.folders(root)).containsExactly(b, a);
        assertThat(Voice.find(root)).contains(b);
        assertThat(Voice.list(root)).extracting(Voice.Listing::folder).containsExactly(b, a);

        Files.writeString(root.resolve(Voice.DEFAULT_FILE), "gone");
        assertThatThrownBy(() -> Voice.find(root)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names 'gone'").hasMessageContaining("[a, b]");
    }

    @Test
    void aVoiceCanGenerateWithItsOwnWindowInsteadOfTheModels() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("tiny"));
        Path json = folder.resolve("voice.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json.toFile());
        root.putObject("decoding").put("cross_win_tokens", 3);
        Files.writeString(json, root.toString());
        try (Voice v = Voice.load(folder)) {
            assertThat(v.crossWindow()).isEqualTo(CrossWindow.tokens(3));
        }
        root.putObject("decoding").put("cross_win_tokens", 0);
        Files.writeString(json, root.toString());
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("voice.json").hasMessageContaining("decoding").hasMessageContaining("at least 1");
        root.putObject("decoding").put("cross_window", 3);
        Files.writeString(json, root.toString());
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown key 'cross_window'");
    }

    @Test
    void halfPrecisionHalvesTheFileAndKeepsParametersToFloat16Rounding() throws Exception {
        Path half = TinyVoices.write(dir.resolve("half"), true, 3, -30f);
        Path full = TinyVoices.write(dir.resolve("full"), false, 3, -30f);
        long halfBytes = Files.size(half.resolve("model.zip"));
        long fullBytes = Files.size(full.resolve("model.zip"));
        assertThat((double) halfBytes).isLessThan(0.7 * fullBytes);
        try (Voice h = Voice.load(half); Voice f = Voice.load(full)) {
            assertThat(f.precision()).isEqualTo("float32");
            Map<String, NDArray> hp = h.model().parameters().arrays();
            Map<String, NDArray> fp = f.model().parameters().arrays();
            assertThat(hp.keySet()).isEqualTo(fp.keySet());
            int differing = 0;
            for (String name : fp.keySet()) {
                float[] a = fp.get(name).toFloatArray();
                float[] b = hp.get(name).toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    // float16 keeps 11 significant bits: relative error at most 2^-11 (normal range).
                    assertThat((double) b[i]).as(name).isCloseTo(a[i], org.assertj.core.data.Offset.offset(
                            Math.abs(a[i]) * Math.pow(2, -11) + 1e-7));
                    differing += a[i] != b[i] ? 1 : 0;
                }
            }
            assertThat(differing).as("float16 actually rounds").isPositive();
        }
    }

    @Test
    void missingFolderIsAClearError() {
        assertThatThrownBy(() -> Voice.load(dir.resolve("absent"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("absent").hasMessageContaining("does not exist");
    }

    @Test
    void aFolderWithoutVoiceJsonIsNotAVoice() {
        assertThatThrownBy(() -> Voice.load(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no voice.json");
    }

    @Test
    void aFileIsNotAVoiceFolder() throws Exception {
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        assertThatThrownBy(() -> Voice.load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a folder");
    }

    @Test
    void brokenVoiceJsonIsNamed() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("v"));
        Files.writeString(folder.resolve("voice.json"), "{ not json");
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("voice.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void missingModelIsNamed() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("v"));
        Files.delete(folder.resolve("model.zip"));
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("model.zip").hasMessageContaining("does not exist");
    }

    @Test
    void anAudioConfigThatDoesNotFitTheModelIsRefused() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("v"));
        Path json = folder.resolve("voice.json");
        Files.writeString(json, Files.readString(json).replace("\"n_mels\" : 20", "\"n_mels\" : 40"));
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("40 mel bands").hasMessageContaining("20");
    }

    @Test
    void unknownTokenizerAndNewerFormatAreRefused() throws Exception {
        Path folder = TinyVoices.write(dir.resolve("v"));
        Path json = folder.resolve("voice.json");
        String good = Files.readString(json);
        Files.writeString(json, good.replace("\"characters\"", "\"syllables\""));
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("syllables");
        Files.writeString(json, good.replace("\"format_version\" : 1", "\"format_version\" : 9"));
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("update MyTTS");
    }

    @Test
    void theModelCardSaysHowLongTheCheckpointTrained() throws Exception {
        var facts = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"step\": 12000, \"frames\": 3100781, \"training_seconds\": 7200}");
        assertThat(VoicePackager.trainingFacts(facts, io.mytts.config.AudioConfig.DEFAULT))
                .isEqualTo("- 12,000 steps, 3,100,781 mel frames seen (10.0 h of audio), 2.0 h of training\n");
        assertThat(VoicePackager.trainingFacts(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                io.mytts.config.AudioConfig.DEFAULT)).isEmpty();
    }
}
