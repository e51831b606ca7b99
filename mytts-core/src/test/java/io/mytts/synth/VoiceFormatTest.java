package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.config.CrossWindow;
import io.mytts.model.GenerationOptions;
import io.mytts.text.TextSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** voice.json is read strictly, and the format written before that (golden file) still loads. */
class VoiceFormatTest {

    @TempDir
    Path dir;

    /** A copy of the golden voice folder of format 1, as VoicePackager wrote it before strict reading. */
    private Path goldenVoice() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/voice-v1").toURI());
        Path folder = dir.resolve("tiny-v1");
        Files.createDirectories(folder);
        for (String name : new String[] {Voice.VOICE_JSON, "model.zip", Voice.MODEL_CARD}) {
            Files.copy(golden.resolve(name), folder.resolve(name));
        }
        return folder;
    }

    @Test
    void aVoiceOfFormatOneStillLoadsAndGenerates() throws Exception {
        try (Voice v = Voice.load(goldenVoice())) {
            assertThat(v.name()).isEqualTo("tiny-v1");
            assertThat(v.precision()).isEqualTo("float16");
            assertThat(v.textSettings()).isEqualTo(TextSettings.englishCharacters());
            assertThat(v.audio()).isEqualTo(AudioConfig.DEFAULT);
            assertThat(v.vocoderSettings()).isEqualTo(VocoderSettings.DEFAULT);
            assertThat(v.crossWindow()).isEqualTo(CrossWindow.tokens(3));
            assertThat(v.provenance().javaVersion()).isNotBlank();
            assertThat(v.provenance().text()).as("not recorded by format 1").isNull();
            float[][] mel = v.model().greedyGenerateFast(v.tokenizer().encode("hi"),
                    GenerationOptions.builder().optMaxSteps(4).optStopThreshold(1 - 1e-7).build()).mel();
            assertThat(mel.length).isPositive();
        }
    }

    @Test
    void writingAVoiceKeepsTheFormatOneKeys() throws Exception {
        Path folder = goldenVoice();
        String golden = Files.readString(folder.resolve(Voice.VOICE_JSON));
        VoicePackager.builder().setName("tiny-v1").optTextSettings(TextSettings.englishCharacters())
                .optCrossWindow(CrossWindow.tokens(3)).build()
                .fromCheckpoint(folder.resolve("model.zip"), dir.resolve("again"));
        assertThat(Files.readString(dir.resolve("again").resolve(Voice.VOICE_JSON))).isEqualTo(golden);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"iterations\" : 32         | \"iterations\" : \"lots\"     | 'vocoder.iterations' must be a whole number, not \"lots\"",
        "\"power\" : 1.2             | \"power\" : true              | 'vocoder.power' must be a number, not true",
        "\"tokenizer\" : \"characters\" | \"tokenizer\" : \"letters\" | 'text.tokenizer' must be one of: characters, phonemes",
        "\"precision\" : \"float16\" | \"precision\" : 16            | 'precision' must be a string, not 16",
        "\"n_mels\" : 80             | \"n_mels\" : 80.5             | 'audio.n_mels' must be a whole number, not 80.5",
        "\"cross_win_tokens\" : 3    | \"cross_win_tokens\" : [3]    | 'decoding.cross_win_tokens' must be a whole number",
        "\"iterations\" : 32         | \"iteration\" : 32            | unknown key 'iteration' in vocoder; known keys: iterations, path, power, type",
        "\"name\" : \"tiny-v1\"      | \"nom\" : \"tiny-v1\"         | unknown key 'nom'; known keys: audio, decoding, format, format_version, model, name, precision, speakers, text, vocoder",
    })
    void aWrongKeyOrTypeIsAnErrorNamingTheFileTheKeyAndTheType(String good, String bad, String message) throws Exception {
        Path folder = goldenVoice();
        Path json = folder.resolve(Voice.VOICE_JSON);
        String text = Files.readString(json);
        assertThat(text).contains(good);
        Files.writeString(json, text.replace(good, bad));
        assertThatThrownBy(() -> Voice.load(folder)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(json.toString()).hasMessageContaining(message);
    }
}
