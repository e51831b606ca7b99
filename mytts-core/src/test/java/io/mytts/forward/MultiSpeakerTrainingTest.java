package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.model.Checkpoint;
import io.mytts.model.GenerationOptions;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.nn.SpeakerEmbedding;
import io.mytts.train.Training;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both models train on a two-speaker corpus: the speaker column of the metadata becomes the
 * checkpoint's speaker table, and the two speakers speak one text differently.
 */
class MultiSpeakerTrainingTest {

    static final SpeakerTable TOY = new SpeakerTable(ToyForwardCorpus.SPEAKERS);
    static final int[] TEXT = {3, 5, 4, 6, 7};

    private static TTSConfig fewSteps(TTSConfig c) {
        return c.withTrain(c.train().toBuilder().optLogEvery(2).optValidateEvery(4).optCheckpointEvery(4).build());
    }

    @Test
    void theAutoregressiveModelLearnsASpeakerTable(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6, true);
        Path run = tmp.resolve("run");
        Training.run(data, fewSteps(Presets.config("tiny")), run, false, 4, false);
        Checkpoint c = Checkpoint.read(run.resolve("checkpoints/step-00000004/model.zip"));
        assertThat(c.speakers()).isEqualTo(TOY);
        GenerationOptions options = GenerationOptions.builder().optMaxSteps(6).optStopThreshold(1 - 1e-7).build();
        try (NDManager m = NDManager.newBaseManager(); TransformerTTS model = c.createModel(m)) {
            assertThat(model.parameters().arrays()).containsKey(SpeakerEmbedding.PARAMETER);
            float[][] a = model.greedyGenerateFast(TEXT, 0, options).mel();
            float[][] b = model.greedyGenerateFast(TEXT, 1, options).mel();
            assertThat(maxDiff(a, b)).isGreaterThan(1e-4f);
        }
    }

    @Test
    void theForwardModelLearnsASpeakerTable(@TempDir Path tmp) throws Exception {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6, true);
        Path run = tmp.resolve("run");
        ForwardTraining.run(data, fewSteps(ForwardTrainingTest.config(false, 2)), run, false, 4, false);
        Checkpoint c = Checkpoint.read(run.resolve("checkpoints/step-00000004/model.zip"));
        assertThat(c.speakers()).isEqualTo(TOY);
        // Each speaker's own pitch statistics, in speaker-table order (not the first speaker's for both).
        assertThat(c.speakerStats()).containsExactly(ToyForwardCorpus.STATS, ToyForwardCorpus.STATS_B);
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTS.fromCheckpoint(c, m)) {
            List<ForwardResult> r = model.generate(List.of(TEXT, TEXT), new int[] {0, 1}, ForwardControls.DEFAULT);
            float[][] a = r.get(0).mel();
            float[][] b = r.get(1).mel();
            int frames = Math.min(a.length, b.length);
            assertThat(frames).isPositive();
            assertThat(maxDiff(java.util.Arrays.copyOf(a, frames), java.util.Arrays.copyOf(b, frames)))
                    .isGreaterThan(1e-4f);
        }
    }

    private static float maxDiff(float[][] a, float[][] b) {
        float d = a.length == b.length ? 0 : Float.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            for (int j = 0; j < a[i].length; j++) {
                d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return d;
    }
}
