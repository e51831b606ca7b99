package io.mytts.train;

import io.mytts.text.TextSettings;
import io.mytts.text.SymbolTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.mytts.audio.Vocoder;
import io.mytts.config.ClipMode;
import io.mytts.config.LrSchedule;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.model.Checkpoint;
import io.mytts.model.TransformerTTS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer with the real model, preset tiny, on a toy corpus made here. */
class TransformerTrainingTest {

    static final int VOCAB = 10;
    static final int BINS = 8;
    static final SymbolTable SYMBOLS = SymbolTable.withSpecials(IntStream.range(2, VOCAB).mapToObj(i -> "s" + i).toList());
    static final TextSettings TEXT = TextSettings.englishCharacters().withSymbols(SYMBOLS);

    static TTSConfig config(int logEvery) {
        TTSConfig tiny = Presets.config("tiny");
        return tiny.withTrain(tiny.train().toBuilder().optLrSchedule(LrSchedule.NOAM).optWarmupSteps(20)
                .optLearningRate(5e-3).optLogEvery(logEvery).optCheckpointEvery(1000).optValidateEvery(1000)
                .optClipMode(ClipMode.GLOBAL).optMaxGradNorm(1.0).build());
    }

    private static List<StepMetrics> train(TTSConfig cfg, Path run, int steps, long modelSeed, boolean resume,
            StopSignal stop, java.util.function.Consumer<StepMetrics> extra) throws Exception {
        return train(cfg, run, steps, modelSeed, resume, stop, extra, null);
    }

    private static List<StepMetrics> train(TTSConfig cfg, Path run, int steps, long modelSeed, boolean resume,
            StopSignal stop, java.util.function.Consumer<StepMetrics> extra, ValidationListener validation)
            throws Exception {
        List<StepMetrics> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(cfg.model(), VOCAB, BINS, m, modelSeed)) {
            FakeCorpus data = new FakeCorpus(4, 4, VOCAB, BINS, 11);
            Trainer.builder().setModel(new TtsTrainee(new TtsModelAdapter(model, TEXT, 1, "test"), cfg, 12))
                    .setData(data).setConfig(cfg).setRunFolder(run).optResume(resume).optMaxSteps(steps)
                    .optTerminal(false).optStopSignal(stop).optValidation(validation).optListener(x -> {
                        out.add(x);
                        extra.accept(x);
                    }).build().run();
        }
        return out;
    }

    @Test
    void overfitsFourUtterancesAndAttentionTurnsDiagonal(@TempDir Path run) throws Exception {
        TTSConfig withDropout = config(10);
        // Dropout off (prenet dropout included), so that the model can fit the four exactly.
        TTSConfig cfg = withDropout.withModel(withDropout.model().toBuilder().optDropoutRate(0).optPrenetDrop(0).build());
        List<StepMetrics> steps = train(cfg, run, 100, 5, false, StopSignal.manual(), x -> {});
        StepMetrics first = steps.get(0);
        StepMetrics last = steps.get(steps.size() - 1);
        // Targets are N(0, 1) values: the mean absolute error starts near 1.
        assertThat(first.loss(TtsTrainee.POSTNET_LOSS)).isGreaterThan(0.5);
        assertThat(last.loss(TtsTrainee.MEL_LOSS)).isLessThan(0.08);
        assertThat(last.loss(TtsTrainee.POSTNET_LOSS)).isLessThan(0.08);
        assertThat(last.loss(TtsTrainee.STOP_LOSS)).isLessThan(0.02);
        // Diagonality is measured on logging steps (every 10th).
        assertThat(steps.get(9).measure(TtsTrainee.DIAGONALITY)).isLessThan(0.4);
        assertThat(last.measure(TtsTrainee.DIAGONALITY)).isGreaterThan(0.9);
        // The model file in each checkpoint is a model checkpoint that loads for synthesis.
        Path ckpt = run.resolve("checkpoints/step-00000100");
        Checkpoint model = Checkpoint.read(ckpt.resolve("model.zip"));
        assertThat(model.symbols()).isEqualTo(SYMBOLS.symbols());
        assertThat(model.provenance().text()).isEqualTo(TEXT);
        // It carries the training facts a model card needs.
        assertThat(model.metadata().path("step").asLong()).isEqualTo(100);
        assertThat(model.metadata().path("frames").asLong()).isPositive();
        assertThat(model.metadata().has("training_seconds")).isTrue();
        assertThat(ckpt.resolve("optimizer.npz")).exists();
        assertThat(model.provenance().datasetHash()).isEqualTo("test"); // provenance lives inside model.zip
        assertThat(ckpt.resolve("state.json")).exists();
    }

    @Test
    void resumeWithDropoutOnRepeatsTheUninterruptedLosses(@TempDir Path dir) throws Exception {
        TTSConfig cfg = config(5);
        List<StepMetrics> straight = train(cfg, dir.resolve("a"), 20, 3, false, StopSignal.manual(), x -> {});
        StopSignal stop = StopSignal.manual();
        List<StepMetrics> resumed = new ArrayList<>(train(cfg, dir.resolve("b"), 20, 3, false, stop, x -> {
            if (x.step() == 10) {
                stop.request();
            }
        }));
        assertThat(resumed).hasSize(10);
        resumed.addAll(train(cfg, dir.resolve("b"), 20, 77, true, StopSignal.manual(), x -> {}));
        assertThat(resumed).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(resumed.get(i).loss()).as("step %d", i + 1).isCloseTo(straight.get(i).loss(), within(1e-5));
        }
    }

    @Test
    void validationWritesLossesPlotsAudioAndTheBestCheckpoint(@TempDir Path run) throws Exception {
        TTSConfig base = config(5);
        TTSConfig cfg = base.withTrain(base.train().toBuilder().optValidateEvery(4).optKeepLast(1).build());
        int[] vocoded = {0};
        Vocoder sine = new Vocoder() {
            @Override
            public float[] synthesize(float[][] logMel) {
                vocoded[0]++;
                float[] s = new float[logMel.length * 256];
                for (int i = 0; i < s.length; i++) {
                    s[i] = (float) (0.1 * Math.sin(i * 0.05));
                }
                return s;
            }

            @Override
            public int sampleRate() {
                return 22050;
            }
        };
        train(cfg, run, 8, 5, false, StopSignal.manual(), x -> {}, new ValidationListener(1, sine));
        assertThat(run.resolve("alignments/step-00000004-tf0.png")).exists();
        assertThat(run.resolve("alignments/step-00000008-free0.png")).exists();
        assertThat(run.resolve("samples/step-00000008-val0.wav")).exists();
        assertThat(run.resolve("samples/step-00000008-val0.txt")).exists();
        assertThat(run.resolve("samples/step-00000008-target0.wav")).exists();
        assertThat(vocoded[0]).isEqualTo(4); // model and target audio at steps 4 and 8
        List<String> validationLines = Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("val_loss")).toList();
        assertThat(validationLines).hasSize(2);
        assertThat(validationLines.get(0)).contains("\"step\":4", "val_diagonality", "val_mel_loss", "val_stop_loss");
        // The best checkpoint survives pruning to the last one.
        CheckpointManager checkpoints = new CheckpointManager(run, 1);
        long best = checkpoints.best().orElseThrow().step();
        assertThat(checkpoints.steps()).contains(best, 8L);
        // The run folder is what 'mytts report' reads.
        assertThat(io.mytts.monitor.RunFolder.open(run).metricsFile()).exists();
    }

    @Test
    void stepsAndValidationsLeaveNoArraysBehindInTheModelsManagers(@TempDir Path run) throws Exception {
        TTSConfig base = config(5);
        TTSConfig cfg = base.withTrain(base.train().toBuilder().optValidateEvery(5).optCheckpointEvery(7).build());
        List<Integer> counts = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(cfg.model(), VOCAB, BINS, m, 5)) {
            ai.djl.ndarray.BaseNDManager params = (ai.djl.ndarray.BaseNDManager) model.parameters().getManager();
            ai.djl.ndarray.BaseNDManager parent = (ai.djl.ndarray.BaseNDManager) m;
            FakeCorpus data = new FakeCorpus(4, 2, VOCAB, BINS, 11);
            Trainer.builder().setModel(new TtsTrainee(new TtsModelAdapter(model, TEXT, 1, "test"), cfg, 8))
                    .setData(data).setConfig(cfg)
                    .setRunFolder(run).optMaxSteps(16).optTerminal(false).optStopSignal(StopSignal.manual())
                    .optValidation(new ValidationListener(1, null))
                    .optListener(x -> counts.add(params.getManagedArrays().size() + parent.getManagedArrays().size()))
                    .build().run();
        }
        // Whatever exists after the first validation and checkpoint exists at every later step, no more.
        assertThat(counts.subList(5, counts.size())).containsOnly(counts.get(5));
    }
}
