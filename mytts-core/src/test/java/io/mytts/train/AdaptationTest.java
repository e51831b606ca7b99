package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.config.ModelConfig;
import io.mytts.model.Checkpoint;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.nn.SpeakerEmbedding;
import io.mytts.synth.VocoderSettings;
import io.mytts.synth.Voice;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Adaptation} of tiny untrained voices to a corpus of tones made here. */
class AdaptationTest {

    /** 16 kHz with small frames; the corpus is recorded at 22.05 kHz, so it must be resampled. */
    static final AudioConfig AUDIO = new AudioConfig(16000, 256, 64, 256, 20, 0, 8000, 1e-5);
    static final int CORPUS_RATE = 22050;

    @TempDir
    Path dir;

    private Path voice(SpeakerTable speakers) {
        SymbolTable symbols = SymbolTable.characters(Language.EN);
        ModelConfig config = ModelConfig.builder().setNumLayers(1).setDModel(16).setNumHeads(2).setDff(32)
                .optPrenetHidden(12).optPostnetLayers(1).optPostnetChannels(8).optPostnetKernel(3)
                .optReductionFactor(2).optMaxLength(256).build();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config, symbols.size(), AUDIO.nMels(), speakers, m, 3)) {
            return VoicePackager.builder().setName("tiny").optTextSettings(TextSettings.englishCharacters())
                    .optAudioConfig(AUDIO).optVocoder(new VocoderSettings(2, 1.0)).build()
                    .fromModel(model, symbols, dir.resolve("voice"));
        }
    }

    /** An LJ Speech folder of {@code count} tones of 1.5 s each at 22.05 kHz, one speaker, no speaker column. */
    private Path corpus(String name, int count) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("wavs"));
        StringBuilder meta = new StringBuilder();
        String[] texts = {"a cab", "bad dab", "ace of bees", "cede bead", "dace", "abba"};
        for (int i = 0; i < count; i++) {
            float[] s = new float[CORPUS_RATE * 3 / 2];
            double f = 200 + 30 * (i % 6);
            for (int n = 0; n < s.length; n++) {
                s[n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / CORPUS_RATE));
            }
            WavIO.write(root.resolve("wavs/u" + i + ".wav"), s, CORPUS_RATE);
            meta.append('u').append(i).append('|').append(texts[i % texts.length]).append('\n');
        }
        Files.writeString(root.resolve("metadata.csv"), meta);
        return root;
    }

    private static Map<String, float[]> parameters(Path checkpoint) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : Checkpoint.read(checkpoint).arrays("parameters", m).entrySet()) {
                out.put(e.getKey(), e.getValue().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
            }
            return out;
        }
    }

    private static float[] row(float[] table, int row, int d) {
        return java.util.Arrays.copyOfRange(table, row * d, (row + 1) * d);
    }

    private Adaptation.Builder adapt(Path voice, Path data, long steps) {
        return Adaptation.builder().setVoice(voice).setData(data).setRunFolder(dir.resolve("run")).optSteps(steps);
    }

    @Test
    void onlyTheNewSpeakersRowMovesWhenTheDecoderIsFrozen() throws IOException {
        Path voice = voice(new SpeakerTable(List.of("fake-a", "fake-b")));
        Adaptation.Result r = adapt(voice, corpus("newcomer", 42), 3).build().run();
        assertThat(r.speaker()).isEqualTo("newcomer");
        assertThat(r.speakers().names()).containsExactly("fake-a", "fake-b", "newcomer");
        assertThat(r.seconds()).isGreaterThanOrEqualTo(60);
        // The 22.05 kHz recordings were resampled to the voice's 16 kHz: 1.5 s each, at the voice's hop.
        try (io.mytts.data.FeatureCache cache = io.mytts.data.FeatureCache.open(dir.resolve("run/cache"))) {
            assertThat(cache.audioConfig()).isEqualTo(AUDIO);
            assertThat(cache.frames("u0")).isBetween(16000 * 3 / 2 / 64, 16000 * 3 / 2 / 64 + 2);
        }
        Map<String, float[]> before = parameters(voice.resolve("model.zip"));
        Map<String, float[]> after = parameters(r.checkpoint());
        assertThat(Checkpoint.read(r.checkpoint()).speakers()).isEqualTo(r.speakers());
        before.forEach((name, values) -> {
            if (!name.equals(SpeakerEmbedding.PARAMETER)) {
                assertThat(after.get(name)).as(name).containsExactly(values);
            }
        });
        int d = 16;
        float[] old = before.get(SpeakerEmbedding.PARAMETER);
        float[] table = after.get(SpeakerEmbedding.PARAMETER);
        assertThat(row(table, 0, d)).containsExactly(row(old, 0, d));
        assertThat(row(table, 1, d)).containsExactly(row(old, 1, d));
        // The new row starts as the mean of the others and is the one that learns.
        float[] init;
        try (Voice v = Voice.load(voice); NDManager m = NDManager.newBaseManager();
                TransformerTTS widened = Adaptation.widened(v, r.speakers(), m)) {
            init = row(widened.parameters().get(SpeakerEmbedding.PARAMETER).toFloatArray(), 2, d);
        }
        for (int i = 0; i < d; i++) {
            assertThat(init[i]).isCloseTo((old[i] + old[d + i]) / 2, org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(row(table, 2, d)).isNotEqualTo(init);
        // voice pack makes a voice that has the new speaker.
        Path packed = VoicePackager.builder().setName("adapted").build().fromCheckpoint(r.checkpoint(),
                dir.resolve("adapted"));
        try (Voice v = Voice.load(packed)) {
            assertThat(v.speakers().names()).containsExactly("fake-a", "fake-b", "newcomer");
            assertThat(v.audio()).isEqualTo(AUDIO);
        }
    }

    @Test
    void aSingleSpeakerVoiceKeepsItsSpeakerAndTheDecoderPhaseLeavesTheEncoderAlone() throws IOException {
        Path voice = voice(SpeakerTable.NONE);
        Adaptation.Result r = adapt(voice, corpus("data", 42), 2).optSpeaker("new").optAlsoDecoder(true)
                .optDecoderSteps(2).build().run();
        assertThat(r.speakers().names()).containsExactly(SpeakerTable.DEFAULT_NAME, "new");
        assertThat(r.checkpoint()).startsWith(dir.resolve("run/decoder"));
        Map<String, float[]> before = parameters(voice.resolve("model.zip"));
        Map<String, float[]> after = parameters(r.checkpoint());
        int d = 16;
        float[] table = after.get(SpeakerEmbedding.PARAMETER);
        assertThat(row(table, 0, d)).containsOnly(0f); // the old speaker: as before, no embedding
        assertThat(row(table, 1, d)).isNotEqualTo(new float[d]);
        boolean decoderMoved = false;
        for (Map.Entry<String, float[]> e : before.entrySet()) {
            boolean same = java.util.Arrays.equals(e.getValue(), after.get(e.getKey()));
            if (e.getKey().startsWith("encoder.")) {
                assertThat(same).as(e.getKey()).isTrue();
            }
            decoderMoved |= e.getKey().startsWith("decoder.") && !same;
        }
        assertThat(decoderMoved).isTrue();
    }

    @Test
    void aResumedAdaptationContinuesItsPhase() throws IOException {
        Path voice = voice(SpeakerTable.NONE);
        Path data = corpus("data", 42);
        adapt(voice, data, 2).build().run();
        assertThatThrownBy(() -> adapt(voice, data, 4).build().run()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--resume");
        Adaptation.Result r = adapt(voice, data, 4).optResume(true).build().run();
        assertThat(r.checkpoint().getParent().getFileName().toString()).isEqualTo("step-00000004");
        assertThat(Checkpoint.read(r.checkpoint()).metadata().path("step").asLong()).isEqualTo(4);
    }

    @Test
    void lessThanAMinuteOfAudioIsRefusedWithTheAmountFound() throws IOException {
        Path voice = voice(SpeakerTable.NONE);
        assertThatThrownBy(() -> adapt(voice, corpus("short", 8), 2).build().run())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("12.0 s of usable audio in 8 recordings").hasMessageContaining("at least 60 s");
    }

    @Test
    void aNameTheVoiceAlreadyHasIsRefused() throws IOException {
        Path voice = voice(new SpeakerTable(List.of("fake-a", "fake-b")));
        assertThatThrownBy(() -> adapt(voice, corpus("data", 42), 2).optSpeaker("fake-b").build().run())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already has a speaker 'fake-b'");
    }
}
