package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.data.ProsodyStore;
import io.mytts.forward.ForwardControls;
import io.mytts.forward.ForwardResult;
import io.mytts.forward.ForwardTTS;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backward-compatibility promise for forward checkpoints written before the statistics were kept
 * per speaker: {@code forward-two-speakers-v2.zip} is a two-speaker forward-tiny model (speakers
 * {@code a}, {@code b}) with one {@code speaker_stats} object, and its {@code -mel-0/1.npy} the mel
 * it made for {@link #TEXTS} spoken by speakers 0 and 1 in one batch at +2 semitones. Both were
 * written at commit 0eb54c6 (the last with that layout) and must not be regenerated: such a file
 * loads with its one set of statistics for every speaker and speaks exactly as it did.
 */
class GoldenForwardCheckpointTest {

    static final List<int[]> TEXTS = List.of(new int[] {1, 2, 3, 4, 5}, new int[] {6, 7, 8});
    static final int[] ROWS = {0, 1};
    static final ForwardControls UP_TWO = new ForwardControls(1, 2);
    static final ProsodyStore.SpeakerStats STATS = new ProsodyStore.SpeakerStats(5.3, 0.2, -1.0, 2.0);

    @Test
    void anOlderTwoSpeakerCheckpointUsesItsOneStatisticsForBothAndSpeaksAsBefore() throws Exception {
        Checkpoint c = Checkpoint.read(golden("forward-two-speakers-v2.zip"));
        assertThat(c.kind()).isEqualTo(ModelKind.FORWARD);
        assertThat(c.speakers().names()).containsExactly("a", "b");
        assertThat(c.speakerStats()).containsExactly(STATS, STATS);
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTS.fromCheckpoint(c, m)) {
            assertReproducesTheMel(model);
        }
    }

    @Test
    void writtenAgainItKeepsTheStatisticsPerSpeakerAndStillSpeaksTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("again.zip");
        Checkpoint old = Checkpoint.read(golden("forward-two-speakers-v2.zip"));
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTS.fromCheckpoint(old, m)) {
            model.checkpointWriter().setProvenance(old.provenance()).write(file);
        }
        Checkpoint again = Checkpoint.read(file);
        assertThat(again.speakerStats()).containsExactly(STATS, STATS);
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTS.fromCheckpoint(again, m)) {
            assertReproducesTheMel(model);
        }
    }

    private void assertReproducesTheMel(ForwardTTS model) throws IOException, URISyntaxException {
        List<ForwardResult> out = model.generate(TEXTS, ROWS, UP_TWO);
        for (int row : ROWS) {
            float[][] expected = Npy.read(golden("forward-two-speakers-v2-mel-" + row + ".npy"));
            float[][] actual = out.get(row).mel();
            assertThat(actual.length).isEqualTo(expected.length).isPositive();
            assertThat(GenerationTest.maxDiff(actual, expected)).as("speaker %d", row).isLessThan(1e-6f);
        }
    }

    private Path golden(String name) throws URISyntaxException {
        return Path.of(getClass().getResource("/golden/" + name).toURI());
    }
}
