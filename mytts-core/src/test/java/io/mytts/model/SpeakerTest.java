package io.mytts.model;

import io.mytts.text.TextSettings;
import io.mytts.text.SymbolTable;
import io.mytts.config.Provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.config.ModelConfig;
import io.mytts.nn.SpeakerEmbedding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Speaker tables and embeddings in the autoregressive model and its checkpoints. */
class SpeakerTest {

    static final ModelConfig CONFIG = TinyModels.builder().build();
    static final SymbolTable SYMBOLS = SymbolTable.withSpecials(IntStream.range(2, TinyModels.VOCAB).mapToObj(i -> "s" + i).toList());
    static final SpeakerTable TWO = new SpeakerTable(List.of("fake-a", "fake-b"));
    static final int[] TEXT = {3, 7, 1, 9, 4, 2};
    static final GenerationOptions OPTIONS = GenerationOptions.builder().optMaxSteps(8)
            .optStopThreshold(1 - 1e-7).optSeed(3).build();

    @Test
    void aSingleSpeakerModelHasNoSpeakerParameterAndTheSameOtherParameters() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS one = new TransformerTTS(CONFIG, TinyModels.VOCAB, TinyModels.MELS, m, 5);
                TransformerTTS two = new TransformerTTS(CONFIG, TinyModels.VOCAB, TinyModels.MELS, TWO, m, 5)) {
            assertThat(one.parameters().arrays()).doesNotContainKey(SpeakerEmbedding.PARAMETER);
            assertThat(one.speakers()).isEqualTo(1);
            assertThat(two.parameters().arrays()).containsKey(SpeakerEmbedding.PARAMETER);
            assertThat(two.speakers()).isEqualTo(2);
            // The embedding is drawn last: the seed gives the rest of the model the same values.
            one.parameters().arrays().forEach((name, a) ->
                    assertThat(two.parameters().get(name).toFloatArray()).as(name).containsExactly(a.toFloatArray()));
        }
    }

    @Test
    void twoSpeakersSpeakTheSameTextDifferently() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(CONFIG, TinyModels.VOCAB, TinyModels.MELS, TWO, m, 5)) {
            float[][] a = model.greedyGenerateFast(TEXT, 0, OPTIONS).mel();
            float[][] b = model.greedyGenerateFast(TEXT, 1, OPTIONS).mel();
            float[][] a2 = model.greedyGenerateFast(TEXT, 0, OPTIONS).mel();
            assertThat(GenerationTest.maxDiff(a, a2)).isZero();
            assertThat(GenerationTest.maxDiff(a, b)).isGreaterThan(1e-3f);
            // Batched, each item keeps its own speaker.
            List<GenerationResult> both = model.generate(List.of(GenerationInput.of(TEXT, OPTIONS),
                    GenerationInput.of(TEXT, OPTIONS).withSpeaker(1)), OPTIONS);
            assertThat(GenerationTest.maxDiff(both.get(0).mel(), a)).isLessThan(1e-4f);
            assertThat(GenerationTest.maxDiff(both.get(1).mel(), b)).isLessThan(1e-4f);
        }
    }

    @Test
    void aSpeakerOutsideTheModelIsRefused() {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(CONFIG, TinyModels.VOCAB, TinyModels.MELS, TWO, m, 5);
                TransformerTTS single = new TransformerTTS(CONFIG, TinyModels.VOCAB, TinyModels.MELS, m, 5)) {
            assertThatThrownBy(() -> model.greedyGenerateFast(TEXT, 2, OPTIONS))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("speaker index 2");
            assertThatThrownBy(() -> single.greedyGenerateFast(TEXT, 1, OPTIONS))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 speaker(s)");
        }
    }

    @Test
    void theSpeakerTableTravelsInTheCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.zip");
        float[][] expected;
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(CONFIG, TinyModels.VOCAB, TinyModels.MELS, TWO, m, 5)) {
            Checkpoint.writer(model).setProvenance(Provenance.current(null, TextSettings.englishCharacters().withSymbols(SYMBOLS),
                    null)).write(file);
            expected = model.greedyGenerateFast(TEXT, 1, OPTIONS).mel();
        }
        Checkpoint c = Checkpoint.read(file);
        assertThat(c.speakers()).isEqualTo(TWO);
        try (NDManager m = NDManager.newBaseManager(); TransformerTTS model = c.createModel(m)) {
            assertThat(model.speakerTable()).isEqualTo(TWO);
            assertThat(GenerationTest.maxDiff(model.greedyGenerateFast(TEXT, 1, OPTIONS).mel(), expected)).isZero();
        }
    }

    @Test
    void aCheckpointWithoutSpeakersIsOneUnnamedSpeaker() throws Exception {
        Checkpoint c = Checkpoint.read(Path.of(getClass().getResource("/golden/tiny-v1.zip").toURI()));
        assertThat(c.speakers()).isEqualTo(SpeakerTable.NONE);
        assertThat(c.speakers().isMultiSpeaker()).isFalse();
        assertThat(c.speakers().index(null)).isZero();
        assertThat(c.speakers().index("0")).isZero();
        assertThatThrownBy(() -> c.speakers().index("fake-a")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("single speaker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake-c", "2", "-1", "Fake-A"})
    void anUnknownSpeakerListsTheKnownOnes(String name) {
        assertThatThrownBy(() -> TWO.index(name)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown speaker '" + name + "'")
                .hasMessageContaining("fake-a, fake-b");
    }

    @Test
    void speakersAreFoundByNameOrIndex() {
        assertThat(TWO.index("fake-b")).isEqualTo(1);
        assertThat(TWO.index("1")).isEqualTo(1);
        assertThat(TWO.index(" fake-a ")).isZero();
        assertThat(TWO.plus("new").names()).containsExactly("fake-a", "fake-b", "new");
        assertThat(SpeakerTable.NONE.plus("new").names()).containsExactly(SpeakerTable.DEFAULT_NAME, "new");
        assertThatThrownBy(() -> TWO.plus("fake-a")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new SpeakerTable(List.of("a", "a"))).isInstanceOf(InvalidInputException.class);
    }
}
