package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mytts.config.Provenance;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.model.SpeakerTable;
import io.mytts.nn.ParameterSet;
import io.mytts.text.TextSettings;
import io.mytts.train.WarmStart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each frame lies in its token: the features, worked out by hand, and the layer's start. */
class TokenPositionsTest {

    private static final double R = Math.sqrt(0.5);

    @Test
    void featuresOfEachFrameAreItsPlaceInItsToken() {
        // Row 0: a token of 2 frames, one of none, one of 1; row 1: one token of 3 frames; 4 frames padded.
        float[] f = TokenPositions.features(new int[][] {{2, 0, 1}, {3}}, 4);
        assertFrame(f, 0, 0, 0.25, R, R, 1, 0, 0, Math.log(2), Math.log(3));
        assertFrame(f, 0, 1, 0.75, R, -R, -1, 0, Math.log(2), 0, Math.log(3));
        assertFrame(f, 0, 2, 0.5, 1, 0, 0, -1, 0, 0, Math.log(2));
        assertFrame(f, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0);
        assertFrame(f, 1, 1, 0.5, 1, 0, 0, -1, Math.log(2), Math.log(2), Math.log(4));
        assertFrame(f, 1, 2, 5 / 6.0, 0.5, -Math.sqrt(3) / 2, -Math.sqrt(3) / 2, 0.5, Math.log(3), 0, Math.log(4));
    }

    @Test
    void durationsLongerThanTheFramesAreRefused() {
        assertThatThrownBy(() -> TokenPositions.features(new int[][] {{1}, {2, 2}}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }

    @Test
    void aFreshModelStartsWithoutThemAndTrainingReachesThem() {
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTSTest.model(m, 4)) {
            NDArray weight = model.parameters().get(TokenPositions.PARAMETER + ".weight");
            assertThat(weight.getShape()).isEqualTo(new Shape(TokenPositions.FEATURES, model.config().dModel()));
            assertThat(weight.abs().max().getFloat()).isZero();
            assertThat(model.parameters().isOptional(TokenPositions.PARAMETER + ".weight")).isTrue();
            model.parameters().setRequiresGradient(true);
            try (NDManager step = m.newSubManager(); GradientCollector g = Engine.getInstance().newGradientCollector()) {
                NDArray tokens = step.create(new long[] {1, 2, 3}, new Shape(1, 3));
                NDArray zeros = step.zeros(new Shape(1, 3));
                ForwardTTS.Output out = model.forward(tokens, new int[] {3}, new int[][] {{2, 3, 1}}, zeros, zeros, 6,
                        true);
                g.backward(out.melAfter().square().sum());
            }
            assertThat(weight.getGradient().abs().max().getFloat()).isPositive();
        }
    }

    @Test
    void aModelSavedBeforeThemLoadsWithThemAtZeroAndSpeaksTheSame(@TempDir Path dir) {
        Path file = dir.resolve("old.zip");
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTSTest.model(m, 4)) {
            saveWithoutTokenPositions(model, file, m);
            Checkpoint c = Checkpoint.read(file);
            List<ForwardResult> before = model.generate(ForwardTTSTest.TEXTS, ForwardControls.DEFAULT);
            try (ForwardTTS loaded = ForwardTTS.fromCheckpoint(c, m)) {
                assertThat(c.parameterArrays(m)).doesNotContainKey(TokenPositions.PARAMETER + ".weight");
                assertThat(loaded.parameters().get(TokenPositions.PARAMETER + ".weight").abs().max().getFloat()).isZero();
                assertThat(loaded.parameters().get(TokenPositions.PARAMETER + ".bias").abs().max().getFloat()).isZero();
                List<ForwardResult> after = loaded.generate(ForwardTTSTest.TEXTS, ForwardControls.DEFAULT);
                for (int i = 0; i < before.size(); i++) {
                    assertThat(ForwardTTSTest.maxDiff(after.get(i).mel(), before.get(i).mel())).isZero();
                }
            }
        }
    }

    @Test
    void aWarmStartFromAModelSavedBeforeThemSaysTheyStartAtZero(@TempDir Path dir) {
        Path file = dir.resolve("old.zip");
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS source = ForwardTTSTest.model(m, 4);
                ForwardTTS target = ForwardTTSTest.model(m, 2)) {
            saveWithoutTokenPositions(source, file, m);
            WarmStart.Report report = WarmStart.apply(file, ModelKind.FORWARD, target.parameters(),
                    ForwardTTSTest.SYMBOLS.symbols(), SpeakerTable.NONE);
            assertThat(report.keptNeutral()).containsExactlyInAnyOrder(TokenPositions.PARAMETER + ".weight",
                    TokenPositions.PARAMETER + ".bias");
            assertThat(report.summary()).contains("kept neutral [" + TokenPositions.PARAMETER);
            assertThat(target.parameters().get(TokenPositions.PARAMETER + ".weight").abs().max().getFloat()).isZero();
        }
    }

    /** The checkpoint {@code model} would have had before token positions existed: the same, without them. */
    private static void saveWithoutTokenPositions(ForwardTTS model, Path file, NDManager m) {
        try (ParameterSet old = new ParameterSet(m, 0)) {
            for (Map.Entry<String, NDArray> e : model.parameters().arrays().entrySet()) {
                if (!e.getKey().startsWith(TokenPositions.PARAMETER)) {
                    old.constant(e.getKey(), e.getValue().getShape(), 0f).set(e.getValue().toFloatArray());
                }
            }
            Checkpoint.writer(model.config(), model.vocabSize(), model.nMels(), old)
                    .optForward(model.forwardConfig(), model.speakerStats()).optSpeakers(model.speakerTable())
                    .setProvenance(Provenance.current(null,
                            TextSettings.englishCharacters().withSymbols(ForwardTTSTest.SYMBOLS), null))
                    .write(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertFrame(float[] features, int row, int frame, double... expected) {
        int frames = 4;
        int at = (row * frames + frame) * TokenPositions.FEATURES;
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) features[at + i]).as("row %d frame %d feature %d", row, frame, i)
                    .isCloseTo(expected[i], within(1e-6));
        }
    }
}
