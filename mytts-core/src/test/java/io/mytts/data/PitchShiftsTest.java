package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitchShiftsTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, -7})
    void shiftsAreDeterministicPerIdAndUniformWithinTheSpread(long seed) {
        double spread = 4;
        double[] shifts = IntStream.range(0, 4000).mapToDouble(i -> PitchShifts.semitones("LJ001-" + i, seed, spread))
                .toArray();
        for (int i = 0; i < 50; i++) {
            assertThat(PitchShifts.semitones("LJ001-" + i, seed, spread)).isEqualTo(shifts[i]);
        }
        assertThat(Arrays.stream(shifts).boxed().toList()).allSatisfy(s -> assertThat(s).isBetween(-spread, spread));
        // Uniform on [-4, 4]: each of the 8 one-semitone bins holds 500 of 4000, give or take 4.5 sigma (~100).
        int[] bins = new int[8];
        Arrays.stream(shifts).forEach(s -> bins[(int) Math.min(7, Math.floor(s + 4))]++);
        assertThat(Arrays.stream(bins).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(400, 600));
        assertThat(Arrays.stream(shifts).average().orElseThrow()).isBetween(-0.15, 0.15);
        // standard deviation of a uniform on [-S, S]: S / sqrt(3)
        double sd = Math.sqrt(Arrays.stream(shifts).map(s -> s * s).average().orElseThrow());
        assertThat(sd).isBetween(spread / Math.sqrt(3) - 0.1, spread / Math.sqrt(3) + 0.1);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42})
    void anotherSeedGivesOtherShifts(long seed) {
        long same = IntStream.range(0, 200).filter(i -> PitchShifts.semitones("id" + i, seed, 4)
                == PitchShifts.semitones("id" + i, seed + 1, 4)).count();
        assertThat(same).isZero();
    }

    @Test
    void noSpreadNoShift() {
        assertThat(PitchShifts.semitones("LJ001-0001", 3, 0)).isZero();
    }

    @Test
    void spreadOutOfRangeIsRefused() {
        for (double bad : new double[] {-1, 12.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> PitchShifts.checkSpread(bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("--pitch-spread").hasMessageContaining("between 0 and 12");
        }
        PitchShifts.checkSpread(0);
        PitchShifts.checkSpread(12);
    }
}
