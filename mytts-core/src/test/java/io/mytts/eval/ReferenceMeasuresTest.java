package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.config.AudioConfig;
import io.mytts.eval.ReferenceMeasures.Alignment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReferenceMeasuresTest {

    static final int RATE = 22050;
    static final AudioConfig AUDIO = new AudioConfig(RATE, 1024, 256, 1024, 80, 0, 8000, 1e-5);

    static AudioClip clip(float[] x) {
        return new AudioClip(x, RATE);
    }

    @ParameterizedTest
    @EnumSource(Alignment.class)
    void aSignalAgainstItselfIsPerfect(Alignment alignment) {
        float[] x = SpeechLike.utterance(21, RATE, 3);
        ReferenceMeasures m = ReferenceMeasures.compare(clip(x), clip(x.clone()), AUDIO, alignment);
        assertThat(m.mcd()).isCloseTo(0, within(1e-9));
        assertThat(m.stoi()).isCloseTo(1, within(1e-9));
        assertThat(m.estoi()).isCloseTo(1, within(1e-9));
        assertThat(m.f0RmseCents()).isCloseTo(0, within(1e-9));
        assertThat(m.voicingError()).isZero();
    }

    @Test
    void aSemitoneHigherIsAHundredCentsOff() {
        float[] x = SpeechLike.utterance(22, RATE, 3);
        float[] higher = SpeechLike.utterance(22, RATE, 3, Math.pow(2, 1 / 12.0));
        ReferenceMeasures m = ReferenceMeasures.compare(clip(higher), clip(x), AUDIO, Alignment.TIME_ALIGNED);
        assertThat(m.f0RmseCents()).isCloseTo(100, within(10.0));
        assertThat(m.voicingError()).isLessThan(0.05);
        assertThat(m.mcd()).isPositive();
    }

    @Test
    void warpingForgivesLeadingAndTrailingSilenceThatTimeAlignmentCannotTake() {
        float[] x = SpeechLike.endingInSilence(SpeechLike.utterance(23, RATE, 3), RATE);
        // 22 frames (255 ms) of silence on each side; a whole number of frames, so that the frames
        // see the same samples (at another offset the voicing of the frames at syllable edges can flip).
        int pad = 22 * AUDIO.hopLength();
        float[] padded = new float[x.length + 2 * pad];
        System.arraycopy(x, 0, padded, pad, x.length);
        ReferenceMeasures m = ReferenceMeasures.compare(clip(padded), clip(x), AUDIO, Alignment.WARPED);
        assertThat(m.f0RmseCents()).isLessThan(1);
        assertThat(m.voicingError()).isLessThan(0.01);
        assertThat(m.stoi()).isGreaterThan(0.95);
        assertThat(m.estoi()).isGreaterThan(0.9);
        assertThatThrownBy(() -> ReferenceMeasures.compare(clip(padded), clip(x), AUDIO, Alignment.TIME_ALIGNED))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("one hop").hasMessageContaining("warped");
    }

    @Test
    void timeAlignedSignalsMayDifferByLessThanAHopAndReferencesAreResampled() {
        float[] x = SpeechLike.utterance(24, RATE, 2);
        float[] shorter = Arrays.copyOf(x, x.length - 200); // a vocoder's output ends on a frame boundary
        ReferenceMeasures m = ReferenceMeasures.compare(clip(shorter), clip(x), AUDIO, Alignment.TIME_ALIGNED);
        assertThat(m.stoi()).isCloseTo(1, within(1e-9));
        AudioClip at16k = clip(x).resampledTo(16000);
        ReferenceMeasures resampled = ReferenceMeasures.compare(clip(x), at16k, AUDIO, Alignment.WARPED);
        assertThat(resampled.stoi()).isGreaterThan(0.95);
        assertThat(resampled.f0RmseCents()).isLessThan(20);
    }

    @Test
    void tooLittleSpeechForStoiLeavesItOutAndKeepsTheRest() {
        float[] x = SpeechLike.utterance(25, RATE, 0.25);
        ReferenceMeasures m = ReferenceMeasures.compare(clip(x), clip(x.clone()), AUDIO, Alignment.TIME_ALIGNED);
        assertThat(m.stoi()).isNaN();
        assertThat(m.estoi()).isNaN();
        assertThat(m.mcd()).isCloseTo(0, within(1e-9));
        assertThat(m.voicingError()).isZero();
    }
}
