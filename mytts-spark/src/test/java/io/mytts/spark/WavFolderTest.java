package io.mytts.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavFolderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LJ001-0001, LJ001-0001.wav", "000042, 000042.wav", "a_b.c, a_b.c.wav"})
    void aSafeIdIsTheFileName(String id, String file) {
        assertThat(WavFolder.fileName(id)).isEqualTo(file);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"'../etc/passwd'", "'a b'", "'a/b'", "'.hidden'", "''", "'ünïcode'"})
    void anyOtherIdIsMadeSafeAndKeptApartByItsHash(String id) {
        String name = WavFolder.fileName(id);

        assertThat(name).matches("([A-Za-z0-9_-][A-Za-z0-9._-]*)?-[0-9a-f]{8}\\.wav")
                .doesNotContain("/").isNotEqualTo(WavFolder.fileName(id + "x"));
    }
}
