package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.mytts.data.ProsodyStore.SpeakerStats;
import io.mytts.data.TokenProsody;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ProsodyExtractionTest {

    private static final double NAN = Double.NaN;

    @Test
    void speakerStatisticsUseVoicedFramesForPitchAndAllFramesForEnergy() {
        ProsodyExtraction.Frames a = new ProsodyExtraction.Frames("a", "s", new double[] {1, NAN, 3},
                new double[] {0, 2, 4});
        ProsodyExtraction.Frames b = new ProsodyExtraction.Frames("b", "t", new double[] {NAN, NAN},
                new double[] {5, 5});
        Map<String, SpeakerStats> stats = ProsodyExtraction.speakerStats(List.of(a, b));
        SpeakerStats s = stats.get("s");
        assertThat(s.logF0Mean()).isEqualTo(2.0);
        assertThat(s.logF0Std()).isEqualTo(1.0);
        assertThat(s.energyMean()).isEqualTo(2.0);
        assertThat(s.energyStd()).isCloseTo(Math.sqrt(8.0 / 3), Offset.offset(1e-12));
        // No voiced frame and no spread: neutral statistics instead of a division by zero.
        assertThat(stats.get("t").logF0Std()).isEqualTo(1.0);
        assertThat(stats.get("t").energyStd()).isEqualTo(1.0);
    }

    @Test
    void tokensAverageTheirFramesAsZScores() {
        ProsodyExtraction.Frames f = new ProsodyExtraction.Frames("u", "",
                new double[] {4, NAN, 6, NAN, NAN}, new double[] {1, 3, 5, 7, 9});
        SpeakerStats stats = new SpeakerStats(4, 2, 5, 2);
        TokenProsody p = ProsodyExtraction.perToken(f, new int[] {3, 0, 2}, stats);
        assertThat(p.frames()).isEqualTo(5);
        // Token 0: voiced log-F0 4 and 6 -> 5 -> z 0.5; energy (1 + 3 + 5) / 3 = 3 -> z -1.
        assertThat(p.pitch()).containsExactly(0.5f, 0f, 0f);
        assertThat(p.energy()[0]).isEqualTo(-1f);
        // Token 1 has no frame, token 2 no voiced frame: both 0 pitch; token 2's energy (7 + 9) / 2 = 8 -> z 1.5.
        assertThat(p.energy()[1]).isZero();
        assertThat(p.energy()[2]).isEqualTo(1.5f);
    }
}
