package io.mytts.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.config.AudioConfig;
import io.mytts.vocoder.NeuralVocoder;
import io.mytts.vocoder.VocoderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voices that carry a neural vocoder, and voices that do not. */
class VoiceVocoderTest {

    @TempDir
    Path dir;

    private Path vocoder(AudioConfig audio) throws IOException {
        Path out = dir.resolve("vocoder-" + audio.sampleRate());
        try (NeuralVocoder v = NeuralVocoder.untrained(VocoderConfig.tiny(audio), 5)) {
            v.save(out, false);
        }
        return out;
    }

    /** A tiny voice repacked with a neural vocoder. */
    private Path voiceWithVocoder(Path vocoder) throws IOException {
        Path plain = TinyVoices.write(dir.resolve("plain"));
        Path out = dir.resolve("neural");
        VoicePackager.builder().setName("tiny").optAudioConfig(TinyVoices.AUDIO).optNeuralVocoder(vocoder)
                .build().fromCheckpoint(plain.resolve("model.zip"), out);
        return out;
    }

    @Test
    void aPackedVocoderBecomesTheVoicesDefaultAndGriffinLimStaysOnRequest() throws IOException {
        Path voice = voiceWithVocoder(vocoder(TinyVoices.AUDIO));
        assertThat(Files.readString(voice.resolve("voice.json"))).contains("\"type\" : \"neural\"")
                .contains("\"path\" : \"vocoder\"");
        assertThat(NeuralVocoder.isVocoder(voice.resolve("vocoder"))).isTrue();
        try (Voice v = Voice.load(voice)) {
            assertThat(v.vocoderSettings().kind()).isEqualTo(VocoderKind.NEURAL);
            assertThat(v.vocoder()).isInstanceOf(NeuralVocoder.class);
            assertThat(v.vocoder(VocoderKind.GRIFFIN_LIM)).isInstanceOf(GriffinLim.class);
            SynthesisResult r = Synthesizer.of(v).synthesize("Hi there.",
                    SynthesisOptions.builder().optMaxSteps(6).build());
            // 6 steps of 2 frames, 64 samples a frame, from the neural vocoder
            assertThat(r.audio().samples()).hasSize(6 * 2 * 64);
        }
    }

    @Test
    void aForwardVoiceCarriesANeuralVocoderAsAnAutoregressiveOneDoes() throws IOException {
        Path plain = TinyVoices.writeForward(dir.resolve("forward-plain"));
        Path out = dir.resolve("forward-neural");
        VoicePackager.builder().setName("tiny-forward").optAudioConfig(TinyVoices.AUDIO)
                .optNeuralVocoder(vocoder(TinyVoices.AUDIO)).build()
                .fromCheckpoint(plain.resolve("model.zip"), out);
        assertThat(Files.readString(out.resolve("voice.json"))).contains("\"type\" : \"neural\"")
                .contains("\"precision\" : \"float16\"");
        assertThat(Files.readString(out.resolve(Voice.MODEL_CARD))).contains("ForwardTTS");
        try (Voice v = Voice.load(out)) {
            assertThat(v.kind()).isEqualTo(io.mytts.model.ModelKind.FORWARD);
            assertThat(v.vocoder()).isInstanceOf(NeuralVocoder.class);
            SynthesisResult r = Synthesizer.of(v).synthesize("Hi there.");
            // 64 samples a frame from the neural vocoder, as many frames as the durations
            assertThat(r.audio().samples()).hasSize(r.sentences().get(0).frames() * 64);
        }
    }

    @Test
    void aVoiceCanCarryANeuralVocoderAndStillDefaultToGriffinLim() throws IOException {
        Path plain = TinyVoices.write(dir.resolve("plain"));
        Path out = dir.resolve("gl-default");
        VoicePackager.builder().setName("tiny").optAudioConfig(TinyVoices.AUDIO)
                .optNeuralVocoder(vocoder(TinyVoices.AUDIO), false).build().fromCheckpoint(plain.resolve("model.zip"), out);
        try (Voice v = Voice.load(out)) {
            assertThat(v.vocoderSettings().kind()).isEqualTo(VocoderKind.GRIFFIN_LIM);
            assertThat(v.vocoder()).isInstanceOf(GriffinLim.class);
            assertThat(v.vocoder(VocoderKind.NEURAL)).isInstanceOf(NeuralVocoder.class);
        }
    }

    @Test
    void aVoiceWithoutOneSaysSoWhenANeuralVocoderIsAskedFor() {
        try (Voice v = Voice.load(TinyVoices.write(dir.resolve("plain")))) {
            assertThat(v.vocoder()).isInstanceOf(GriffinLim.class);
            assertThatThrownBy(() -> v.vocoder(VocoderKind.NEURAL)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("carries no neural vocoder").hasMessageContaining("--vocoder griffin-lim");
        }
    }

    @Test
    void aVocoderForAnotherAudioConventionIsRefusedWhenPackedAndWhenLoaded() throws IOException {
        Path wrong = vocoder(AudioConfig.DEFAULT); // 22,050 Hz; the tiny voice is 16 kHz
        assertThatThrownBy(() -> voiceWithVocoder(wrong)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("22050 Hz").hasMessageContaining("16000 Hz");
        Path voice = voiceWithVocoder(vocoder(TinyVoices.AUDIO));
        // Swap the packed vocoder for the mismatched one behind the voice's back.
        try (NeuralVocoder v = NeuralVocoder.load(wrong)) {
            v.save(voice.resolve("vocoder"), true);
        }
        assertThatThrownBy(() -> Voice.load(voice)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("22050 Hz");
    }

    @Test
    void voiceJsonNamingAMissingVocoderOrAnUnknownKindIsRefused() throws IOException {
        Path voice = voiceWithVocoder(vocoder(TinyVoices.AUDIO));
        Path json = voice.resolve("voice.json");
        String original = Files.readString(json);
        Files.writeString(json, original.replace("\"path\" : \"vocoder\"", "\"path\" : \"elsewhere\""));
        assertThatThrownBy(() -> Voice.load(voice)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("elsewhere").hasMessageContaining("voice pack --vocoder");
        Files.writeString(json, original.replace("\"type\" : \"neural\"", "\"type\" : \"wavenet\""));
        assertThatThrownBy(() -> Voice.load(voice)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wavenet");
        Files.writeString(json, original.replace(",\n    \"path\" : \"vocoder\"", ""));
        assertThatThrownBy(() -> Voice.load(voice)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("path");
    }
}
