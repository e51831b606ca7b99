package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PitchComparisonTest {

    static PitchTrack track(double... f0) {
        return new PitchTrack(f0, new double[f0.length], 256, 22050);
    }

    @Test
    void frameByFrameWorkedByHand() {
        // Frames 2 and 3 disagree on voicing: 2 of 4. Voiced in both: frame 0 an octave apart
        // (1200 cents), frame 1 equal (0): RMSE sqrt((1200² + 0²) / 2) = 848.53 cents.
        PitchComparison c = PitchComparison.timeAligned(track(100, 200, 0, 100), track(200, 200, 100, 0));
        assertThat(c.pairs()).isEqualTo(4);
        assertThat(c.voicedPairs()).isEqualTo(2);
        assertThat(c.voicingError()).isEqualTo(0.5);
        assertThat(c.rmseCents()).isCloseTo(1200 / Math.sqrt(2), within(1e-9));
    }

    @Test
    void onlyTheFramesBothTracksHaveAreCompared() {
        PitchComparison c = PitchComparison.timeAligned(track(100, 100, 100), track(100 * Math.pow(2, 1 / 12.0)));
        assertThat(c.pairs()).isEqualTo(1);
        assertThat(c.rmseCents()).isCloseTo(100, within(1e-9)); // a semitone
        assertThat(c.voicingError()).isZero();
    }

    @Test
    void alongAWarpingPathEachStepIsAPair() {
        // Path (0,0) (1,0) (1,1) (2,2): the synthesized frame 0 is matched twice.
        Dtw path = new Dtw(new int[] {0, 1, 1, 2}, new int[] {0, 0, 1, 2}, 0);
        PitchComparison c = PitchComparison.along(track(200, 0, 150), track(200, 0, 150), path);
        // Pairs: (200,200) same, (0,200) mismatch, (0,0) both unvoiced, (150,150) same.
        assertThat(c.pairs()).isEqualTo(4);
        assertThat(c.voicingError()).isEqualTo(0.25);
        assertThat(c.voicedPairs()).isEqualTo(2);
        assertThat(c.rmseCents()).isZero();
    }

    @Test
    void nothingVoicedInBothGivesNoRmse() {
        PitchComparison c = PitchComparison.timeAligned(track(0, 0), track(100, 0));
        assertThat(c.rmseCents()).isNaN();
        assertThat(c.voicingError()).isEqualTo(0.5);
        assertThat(PitchComparison.timeAligned(track(), track()).voicingError()).isNaN();
    }
}
