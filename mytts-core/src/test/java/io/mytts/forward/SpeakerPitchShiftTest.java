package io.mytts.forward;

import static io.mytts.forward.ForwardTTSTest.maxDiff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.config.Presets;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.data.ProsodyStore;
import io.mytts.model.Checkpoint;
import io.mytts.model.SpeakerTable;
import io.mytts.text.TextSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-speaker forward model shifts each speaker's pitch with that speaker's own statistics, as
 * its pitch was normalised: a speaker with half the log-F0 deviation needs twice the z-score change
 * for the same semitones. The checkpoint keeps the statistics per speaker.
 */
class SpeakerPitchShiftTest {

    static final SpeakerTable TWO = new SpeakerTable(List.of("low", "high"));
    static final ProsodyStore.SpeakerStats LOW = ToyForwardCorpus.STATS;
    /** Half {@link #LOW}'s log-F0 deviation. */
    static final ProsodyStore.SpeakerStats HIGH = ToyForwardCorpus.STATS_B;
    static final List<int[]> TWO_TEXTS = List.of(ForwardTTSTest.TEXTS.get(0), ForwardTTSTest.TEXTS.get(2));
    static final int[] ROWS = {0, 1};

    /** A two-speaker forward-tiny model of these statistics, its parameters those of seed 7. */
    static ForwardTTS model(NDManager m, List<ProsodyStore.SpeakerStats> stats) {
        TTSConfig c = Presets.config("forward-tiny");
        ForwardTTS model = new ForwardTTS(c.model(), c.forward(), ForwardTTSTest.VOCAB, ForwardTTSTest.BINS, TWO,
                stats, m, 7);
        model.parameters().get("variance.duration.out.bias").set(new float[] {(float) Math.log1p(4)});
        return model;
    }

    @Test
    void eachSpeakerGetsTheShiftItsOwnDeviationImplies() {
        assertThat(HIGH.logF0Std()).isEqualTo(LOW.logF0Std() / 2);
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, List.of(LOW, HIGH))) {
            assertThat(model.speakerStats()).containsExactly(LOW, HIGH);
            assertThat(model.speakerStats(1)).isEqualTo(HIGH);
            // Two semitones are log(2)/6 in log-F0: 0.1155 / 0.2 for the one speaker, / 0.1 for the other.
            assertThat(model.pitchShift(0, 2)).isCloseTo(0.5776, within(1e-4));
            assertThat(model.pitchShift(1, 2)).isCloseTo(2 * model.pitchShift(0, 2), within(1e-12));
            assertThat(model.pitchShift(1, -3)).isCloseTo(-3 * model.pitchShift(1, 1), within(1e-12));
            assertThatThrownBy(() -> model.pitchShift(2, 1)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("outside the model's 2 speaker(s)");
        }
    }

    /**
     * The same parameters with one shared set of statistics (the first speaker's, what the model kept
     * before) shift the second speaker's normalised pitch by half: its row at +2 semitones with its own
     * statistics is the shared model's row at +4, and a batch that mixes the speakers gets each right.
     */
    @Test
    void aMixedBatchShiftsEachRowByItsSpeakersStatistics() {
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS own = model(m, List.of(LOW, HIGH));
                ForwardTTS shared = model(m, List.of(LOW, LOW))) {
            List<ForwardResult> ownUp2 = own.generate(TWO_TEXTS, ROWS, new ForwardControls(1, 2));
            List<ForwardResult> sharedUp2 = shared.generate(TWO_TEXTS, ROWS, new ForwardControls(1, 2));
            List<ForwardResult> sharedUp4 = shared.generate(TWO_TEXTS, ROWS, new ForwardControls(1, 4));
            assertThat(ownUp2.get(1).durations()).isEqualTo(sharedUp4.get(1).durations());
            assertThat(maxDiff(ownUp2.get(0).mel(), sharedUp2.get(0).mel())).isLessThan(1e-6f);
            assertThat(maxDiff(ownUp2.get(1).mel(), sharedUp4.get(1).mel())).isLessThan(1e-5f);
            assertThat(maxDiff(ownUp2.get(1).mel(), sharedUp2.get(1).mel())).isGreaterThan(1e-3f);
            // Without a shift the statistics do not matter.
            List<ForwardResult> ownLevel = own.generate(TWO_TEXTS, ROWS, ForwardControls.DEFAULT);
            List<ForwardResult> sharedLevel = shared.generate(TWO_TEXTS, ROWS, ForwardControls.DEFAULT);
            assertThat(maxDiff(ownLevel.get(1).mel(), sharedLevel.get(1).mel())).isEqualTo(0f);
        }
    }

    @Test
    void theCheckpointKeepsTheStatisticsPerSpeakerByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.zip");
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = model(m, List.of(LOW, HIGH))) {
            model.checkpointWriter().setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(ForwardTTSTest.SYMBOLS), null)).write(file);
            JsonNode json = modelJson(file);
            assertThat(json.has("speaker_stats")).isFalse();
            assertThat(json.get("speaker_stats_by_speaker").fieldNames()).toIterable().containsExactly("low", "high");
            assertThat(json.at("/speaker_stats_by_speaker/high/log_f0_std").asDouble()).isEqualTo(HIGH.logF0Std());

            Checkpoint c = Checkpoint.read(file);
            assertThat(c.speakerStats()).containsExactly(LOW, HIGH);
            try (ForwardTTS loaded = ForwardTTS.fromCheckpoint(c, m)) {
                assertThat(loaded.speakerStats()).containsExactly(LOW, HIGH);
                ForwardControls up = new ForwardControls(1, 2);
                List<ForwardResult> before = model.generate(TWO_TEXTS, ROWS, up);
                List<ForwardResult> after = loaded.generate(TWO_TEXTS, ROWS, up);
                for (int i = 0; i < ROWS.length; i++) {
                    assertThat(maxDiff(after.get(i).mel(), before.get(i).mel())).isEqualTo(0f);
                }
            }
        }
    }

    @Test
    void aSingleSpeakerCheckpointKeepsItsOneSpeakerStatsKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.zip");
        try (NDManager m = NDManager.newBaseManager(); ForwardTTS model = ForwardTTSTest.model(m, 4)) {
            assertThat(model.speakerStats()).containsExactly(LOW);
            model.checkpointWriter().setProvenance(Provenance.current(null,
                    TextSettings.englishCharacters().withSymbols(ForwardTTSTest.SYMBOLS), null)).write(file);
        }
        JsonNode json = modelJson(file);
        assertThat(json.at("/speaker_stats/log_f0_std").asDouble()).isEqualTo(LOW.logF0Std());
        assertThat(json.has("speaker_stats_by_speaker")).isFalse();
    }

    @Test
    void statisticsThatDoNotMatchTheSpeakersAreRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> model(m, List.of(LOW))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2 speaker row(s) needs statistics for each, got 1");
        }
    }

    private static JsonNode modelJson(Path checkpoint) throws Exception {
        try (ZipFile zip = new ZipFile(checkpoint.toFile())) {
            return new ObjectMapper().readTree(zip.getInputStream(zip.getEntry("model.json")));
        }
    }
}
