package io.mytts.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Float16Test {

    /** Bit patterns from the IEEE 754 binary16 definition. */
    @ParameterizedTest
    @CsvSource({"1.0, 3c00", "-2.0, c000", "0.5, 3800", "65504, 7bff", "0.0, 0000", "6.1035156E-5, 0400",
        "5.9604645E-8, 0001", "100000, 7c00", "-11.5129, c9c2", "1.00048828125, 3c00", "1.00146484375, 3c02"})
    void knownValues(float value, String hex) {
        assertThat(Integer.toHexString(Float16.fromFloat(value) & 0xffff)).isEqualTo(hex.replaceFirst("^0+(?=.)", ""));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void roundTripIsWithinHalfAnUlp(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            float v = (float) ((r.nextDouble() * 2 - 1) * 16);
            float back = Float16.toFloat(Float16.fromFloat(v));
            // 11 significant bits: relative error at most 2^-11, plus subnormal spacing near zero.
            assertThat(Math.abs(back - v)).isLessThanOrEqualTo(Math.abs(v) * 0x1p-11f + 0x1p-25f);
        }
    }
}
