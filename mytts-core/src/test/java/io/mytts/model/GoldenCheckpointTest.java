package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.mytts.config.Provenance;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The backward-compatibility promise: the tiny checkpoints written by format versions 1 and 2 must
 * load in every later version and generate the same mel (to 1e-5) for the same input and seed.
 * Version 2 holds version 1's parameters with the symbol table moved into the provenance, so both
 * make the same mel.
 *
 * <p>To write the golden file of the current format from version 1's, which should happen only when
 * the format is first created: {@code mvn test -pl mytts-core -Dtest=GoldenCheckpointTest
 * -Dmytts.writeGolden=true}.
 */
class GoldenCheckpointTest {

    static final int[] INPUT = {5, 12, 3, 17, 9, 1, 14, 6, 2};
    static final GenerationOptions OPTIONS = GenerationOptions.builder().optMaxSteps(12)
            .optStopThreshold(1 - 1e-7).optSeed(7).optTemperature(1.2).optCrossWin(0.3).build();

    @Test
    void goldenCheckpointReproducesItsMel() throws IOException, URISyntaxException {
        Checkpoint checkpoint = Checkpoint.read(golden("tiny-v1.zip"));
        assertThat(checkpoint.formatVersion()).isEqualTo(1);
        assertThat(checkpoint.symbols()).hasSize(20).startsWith("_", "s1");
        // Its provenance predates the run config, text settings and version: those read as unknown.
        assertThat(checkpoint.provenance().seed()).isEqualTo(2024L);
        assertThat(checkpoint.provenance().gitCommit()).matches("[0-9a-f]{40}");
        assertThat(checkpoint.provenance().pytorchVersion()).isEqualTo("2.5.1");
        assertThat(checkpoint.provenance().config()).isNull();
        assertThat(checkpoint.provenance().text()).isNull();
        assertThat(checkpoint.provenance().describesTheModel()).isFalse();
        assertReproducesTheMel(checkpoint);
    }

    @Test
    void goldenCheckpointOfFormatTwoHoldsItsSymbolTableInTheProvenance() throws IOException, URISyntaxException {
        if (Boolean.getBoolean("mytts.writeGolden")) {
            writeGoldenV2(Path.of("src/test/resources/golden/tiny-v2.zip"));
        }
        Checkpoint checkpoint = Checkpoint.read(golden("tiny-v2.zip"));
        assertThat(checkpoint.formatVersion()).isEqualTo(2);
        assertThat(checkpoint.provenance().text()).isEqualTo(TEXT_V2);
        assertThat(checkpoint.symbols()).isEqualTo(TEXT_V2.symbols().symbols());
        assertThat(checkpoint.provenance().gitCommit()).matches("[0-9a-f]{40}");
        assertReproducesTheMel(checkpoint);
    }

    /** Version 2's text settings: 20 symbols (version 1's opaque ones would not make a symbol table). */
    static final TextSettings TEXT_V2 = TextSettings.englishCharacters()
            .withSymbols(SymbolTable.withSpecials(IntStream.range(2, 20).mapToObj(i -> "s" + i).toList()));

    private Path golden(String name) throws URISyntaxException {
        return Path.of(getClass().getResource("/golden/" + name).toURI());
    }

    /** The mel of version 1's golden file, made when that format was first written. */
    private void assertReproducesTheMel(Checkpoint checkpoint) throws IOException, URISyntaxException {
        float[][] expected = Npy.read(golden("tiny-v1-mel.npy"));
        try (NDManager m = NDManager.newBaseManager(); TransformerTTS model = checkpoint.createModel(m)) {
            float[][] actual = model.greedyGenerateFast(INPUT, OPTIONS).mel();
            assertThat(actual.length).isEqualTo(expected.length).isEqualTo(24);
            assertThat(GenerationTest.maxDiff(actual, expected)).isLessThan(1e-5f);
        }
    }

    /** Version 1's model, written in the current format. */
    private void writeGoldenV2(Path file) throws IOException, URISyntaxException {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = Checkpoint.read(golden("tiny-v1.zip")).createModel(m)) {
            Checkpoint.writer(model).setProvenance(Provenance.current(null, TEXT_V2, null))
                    .optMetadata(Map.of("purpose", "golden file of checkpoint format 2")).write(file);
        }
    }
}
