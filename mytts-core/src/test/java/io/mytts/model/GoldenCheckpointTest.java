package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.config.ModelConfig;
import io.mytts.config.Provenance;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The backward-compatibility promise: the tiny checkpoint written by format version 1 must load
 * in every later version and generate the same mel (to 1e-5) for the same input and seed.
 *
 * <p>To (re)write the golden files, which should happen only when the format is first created:
 * {@code mvn test -pl mytts-core -Dtest=GoldenCheckpointTest -Dmytts.writeGolden=true}.
 */
class GoldenCheckpointTest {

    static final int[] INPUT = {5, 12, 3, 17, 9, 1, 14, 6, 2};
    static final GenerationOptions OPTIONS = GenerationOptions.builder().optMaxSteps(12)
            .optStopThreshold(1 - 1e-7).optSeed(7).optTemperature(1.2).optCrossWin(0.3).build();

    @Test
    void goldenCheckpointReproducesItsMel() throws IOException, URISyntaxException {
        if (Boolean.getBoolean("mytts.writeGolden")) {
            writeGolden(Path.of("src/test/resources/golden"));
        }
        Path ckpt = Path.of(getClass().getResource("/golden/tiny-v1.zip").toURI());
        Path mel = Path.of(getClass().getResource("/golden/tiny-v1-mel.npy").toURI());
        Checkpoint checkpoint = Checkpoint.read(ckpt);
        assertThat(checkpoint.formatVersion()).isEqualTo(1);
        assertThat(checkpoint.symbols()).hasSize(20).startsWith("_", "s1");
        // Its provenance predates the run config, text settings and version: those read as unknown.
        assertThat(checkpoint.provenance().seed()).isEqualTo(2024L);
        assertThat(checkpoint.provenance().gitCommit()).matches("[0-9a-f]{40}");
        assertThat(checkpoint.provenance().pytorchVersion()).isEqualTo("2.5.1");
        assertThat(checkpoint.provenance().config()).isNull();
        assertThat(checkpoint.provenance().text()).isNull();
        assertThat(checkpoint.provenance().describesTheModel()).isFalse();
        float[][] expected = Npy.read(mel);
        try (NDManager m = NDManager.newBaseManager(); TransformerTTS model = checkpoint.createModel(m)) {
            float[][] actual = model.greedyGenerateFast(INPUT, OPTIONS).mel();
            assertThat(actual.length).isEqualTo(expected.length).isEqualTo(24);
            assertThat(GenerationTest.maxDiff(actual, expected)).isLessThan(1e-5f);
        }
    }

    private static void writeGolden(Path dir) throws IOException {
        ModelConfig config = TinyModels.builder().optEncoderPrenet(true).optReductionFactor(2).build();
        Files.createDirectories(dir);
        try (NDManager m = NDManager.newBaseManager(); TransformerTTS model = new TransformerTTS(config, 20, 80, m, 2024)) {
            List<String> symbols = IntStream.range(0, 20).mapToObj(i -> i == 0 ? "_" : "s" + i).toList();
            Checkpoint.writer(model).setSymbols(symbols).optProvenance(Provenance.current(null, null, null))
                    .optMetadata(Map.of("purpose", "golden file of checkpoint format 1")).write(dir.resolve("tiny-v1.zip"));
            Npy.write(dir.resolve("tiny-v1-mel.npy"), model.greedyGenerateFast(INPUT, OPTIONS).mel());
        }
    }
}
