package io.mytts.forward;

import io.mytts.text.TextSettings;
import io.mytts.text.SymbolTable;
import io.mytts.config.Provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import io.mytts.InvalidInputException;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forward model's inference API, its length regulation and its checkpoint, preset forward-tiny. */
class ForwardTTSTest {

    static final int VOCAB = 12;
    static final int BINS = 8;
    static final SymbolTable SYMBOLS = SymbolTable.withSpecials(IntStream.range(2, VOCAB).mapToObj(i -> "s" + i).toList());
    static final List<int[]> TEXTS = List.of(new int[] {1, 2, 3, 4, 5}, new int[] {6, 7}, new int[] {8, 9, 10, 11});

    /** A fresh forward-tiny model whose durations start near {@code frames} per token. */
    static ForwardTTS model(NDManager m, double frames) {
        TTSConfig c = Presets.config("forward-tiny");
        ForwardTTS model = new ForwardTTS(c.model(), c.forward(), VOCAB, BINS, ToyForwardCorpus.STATS, m, 7);
        model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(frames)});
        return model;
    }

    @Test
    void generatesOneMelPerTextAsLongAsItsDurations() {
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, 5)) {
            List<ForwardResult> out = model.generate(TEXTS, ForwardControls.DEFAULT);
            assertThat(out).hasSize(TEXTS.size());
            for (int i = 0; i < out.size(); i++) {
                ForwardResult r = out.get(i);
                assertThat(r.durations()).hasSize(TEXTS.get(i).length);
                assertThat(Arrays.stream(r.durations()).min().getAsInt()).isNotNegative();
                assertThat(r.frames()).isEqualTo(Arrays.stream(r.durations()).sum()).isGreaterThan(TEXTS.get(i).length);
                for (float[] row : r.mel()) {
                    assertThat(row).hasSize(BINS);
                    for (float v : row) {
                        assertThat(v).isFinite();
                    }
                }
            }
            // One text alone is what it is in the batch: padding is masked.
            ForwardResult alone = model.generate(List.of(TEXTS.get(1)), ForwardControls.DEFAULT).get(0);
            assertThat(alone.durations()).isEqualTo(out.get(1).durations());
            assertThat(maxDiff(alone.mel(), out.get(1).mel())).isLessThan(1e-4f);
        }
    }

    @Test
    void withAReductionFactorEveryFrameIsStillMadeAndPaddingStaysMasked() {
        TTSConfig c = Presets.config("forward-tiny");
        try (NDManager m = NDManager.newBaseManager();
                ForwardTTS model = new ForwardTTS(c.model().toBuilder().optReductionFactor(3).build(), c.forward(),
                        VOCAB, BINS, ToyForwardCorpus.STATS, m, 7)) {
            model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(4.4)});
            List<ForwardResult> out = model.generate(TEXTS, ForwardControls.DEFAULT);
            for (int i = 0; i < out.size(); i++) {
                // Totals that are not multiples of 3 keep every frame, no more.
                assertThat(out.get(i).frames()).isEqualTo(Arrays.stream(out.get(i).durations()).sum());
                ForwardResult alone = model.generate(List.of(TEXTS.get(i)), ForwardControls.DEFAULT).get(0);
                assertThat(maxDiff(alone.mel(), out.get(i).mel())).isLessThan(1e-4f);
            }
        }
        assertThatThrownBy(() -> new ForwardTTS(c.model().toBuilder().optReductionFactor(5).build(), c.forward(),
                VOCAB, BINS, ToyForwardCorpus.STATS, NDManager.newBaseManager(), 7))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at most 4");
    }

    @Test
    void speedTwoHalvesTheLengthWithinRounding() {
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, 6)) {
            List<ForwardResult> normal = model.generate(TEXTS, ForwardControls.DEFAULT);
            List<ForwardResult> fast = model.generate(TEXTS, new ForwardControls(2.0, 0));
            List<ForwardResult> slow = model.generate(TEXTS, new ForwardControls(0.5, 0));
            for (int i = 0; i < TEXTS.size(); i++) {
                int n = normal.get(i).frames();
                assertThat(fast.get(i).frames()).isCloseTo(n / 2, org.assertj.core.api.Assertions.within(1));
                assertThat(slow.get(i).frames()).isCloseTo(n * 2, org.assertj.core.api.Assertions.within(1));
            }
        }
    }

    @Test
    void pitchShiftChangesTheMelButNotTheDurations() {
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, 4)) {
            ForwardResult base = model.generate(TEXTS, ForwardControls.DEFAULT).get(0);
            ForwardResult up = model.generate(TEXTS, new ForwardControls(1, 3)).get(0);
            assertThat(up.durations()).isEqualTo(base.durations());
            assertThat(maxDiff(up.mel(), base.mel())).isGreaterThan(1e-4f);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void roundingKeepsTheScaledTotal(long seed) {
        Random r = new Random(seed);
        double[] frames = r.doubles(1 + r.nextInt(40), 0, 12).toArray();
        double speed = 0.5 + 1.5 * r.nextDouble();
        int[] d = LengthRegulator.round(frames, speed);
        assertThat(d).hasSize(frames.length);
        assertThat(Arrays.stream(d).min().getAsInt()).isNotNegative();
        long expected = Math.max(1, Math.round(Arrays.stream(frames).sum() / speed));
        assertThat(Arrays.stream(d).sum()).isEqualTo((int) expected);
        for (int i = 0; i < frames.length; i++) {
            assertThat((double) d[i]).isCloseTo(frames[i] / speed, org.assertj.core.api.Assertions.within(1.0));
        }
    }

    @Test
    void roundingGivesAtLeastOneFrame() {
        assertThat(LengthRegulator.round(new double[] {0.1, 0.3, -2}, 1)).containsExactly(0, 1, 0);
    }

    @Test
    void theLengthRegulatorPassesGradientsToTheTokens() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray tokens = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3, 1));
            tokens.setRequiresGradient(true);
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                NDArray frames = LengthRegulator.expand(tokens, new int[][] {{2, 0, 1}, {1, 1}}, 3);
                assertThat(frames.toFloatArray()).containsExactly(1, 1, 3, 4, 5, 4);
                g.backward(frames.sum());
            }
            // Row 1's padded frame repeats token 0: masks remove it downstream, the gradient counts it here.
            assertThat(tokens.getGradient().toFloatArray()).containsExactly(2, 0, 1, 2, 1, 0);
        }
    }

    @Test
    void controlsOutOfRangeAreClearErrors() {
        assertThatThrownBy(() -> new ForwardControls(2.5, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("speed must be between 0.5 and 2.0");
        assertThatThrownBy(() -> new ForwardControls(Double.NaN, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ForwardControls(1, -13)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pitch must be between -12 and 12 semitones");
        assertThat(ForwardControls.DEFAULT).isEqualTo(new ForwardControls(1, 0));
    }

    @Test
    void badTextsAreClearErrors() {
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, 3)) {
            assertThatThrownBy(() -> model.generate(List.of(new int[0]), ForwardControls.DEFAULT))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("no tokens");
            assertThatThrownBy(() -> model.generate(List.of(new int[] {VOCAB}), ForwardControls.DEFAULT))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the vocabulary");
        }
    }

    @Test
    void aCheckpointLoadsByNameAndSpeaksTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.zip");
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, 5)) {
            model.checkpointWriter().setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(SYMBOLS), null)).write(file);
            List<ForwardResult> before = model.generate(TEXTS, ForwardControls.DEFAULT);
            Checkpoint c = Checkpoint.read(file);
            assertThat(c.kind()).isEqualTo(ModelKind.FORWARD);
            assertThat(c.forwardConfig()).isEqualTo(model.forwardConfig());
            assertThat(c.speakerStats()).containsExactly(ToyForwardCorpus.STATS);
            assertThat(c.symbols()).isEqualTo(SYMBOLS.symbols());
            try (ForwardTTS loaded = ForwardTTS.fromCheckpoint(c, m)) {
                List<ForwardResult> after = loaded.generate(TEXTS, ForwardControls.DEFAULT);
                for (int i = 0; i < TEXTS.size(); i++) {
                    assertThat(after.get(i).durations()).isEqualTo(before.get(i).durations());
                    assertThat(maxDiff(after.get(i).mel(), before.get(i).mel())).isEqualTo(0f);
                }
            }
            assertThatThrownBy(() -> c.createModel(m)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("forward model");
        }
    }

    static float maxDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return d;
    }
}
