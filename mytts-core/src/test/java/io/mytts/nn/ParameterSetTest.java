package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSetTest {

    private static ParameterSet model(NDManager m, long seed, boolean withExtra) {
        ParameterSet p = new ParameterSet(m, seed);
        new Linear(p, "fc", Linear.Config.of(3, 2));
        new LayerNorm(p, "norm", LayerNorm.Config.of(2));
        if (withExtra) {
            p.optionalConstant("scale", new Shape(1), 1f);
        }
        return p;
    }

    @Test
    void saveAndLoadGoByNameAndAnOptionalParameterMayBeMissing() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); ParameterSet a = model(m, 1, false);
                ParameterSet b = model(m, 2, true)) {
            assertThat(a.arrays().keySet()).containsExactly("fc.weight", "fc.bias", "norm.gamma", "norm.beta");
            assertThat(b.get("fc.weight").toFloatArray()).isNotEqualTo(a.get("fc.weight").toFloatArray());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(bytes);
            b.get("scale").set(new float[] {1f});
            b.load(new ByteArrayInputStream(bytes.toByteArray()), "test file");
            for (Map.Entry<String, NDArray> e : a.arrays().entrySet()) {
                assertThat(b.get(e.getKey()).toFloatArray()).as(e.getKey()).isEqualTo(e.getValue().toFloatArray());
            }
            assertThat(b.get("scale").getFloat()).isEqualTo(1f);
        }
    }

    @Test
    void mismatchesNameTheParameterAndTheSource() throws IOException {
        try (NDManager m = NDManager.newBaseManager(); ParameterSet small = model(m, 1, true);
                ParameterSet plain = model(m, 1, false); ParameterSet other = new ParameterSet(m, 3)) {
            ByteArrayOutputStream withExtra = new ByteArrayOutputStream();
            small.save(withExtra);
            assertThatThrownBy(() -> plain.load(new ByteArrayInputStream(withExtra.toByteArray()), "file A"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("file A")
                    .hasMessageContaining("scale");
            new Linear(other, "fc", Linear.Config.of(4, 2));
            assertThatThrownBy(() -> other.copyFrom(small.arrays(), "file B")).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("norm.gamma");
            try (ParameterSet shaped = new ParameterSet(m, 4)) {
                new Linear(shaped, "fc", Linear.Config.of(4, 2));
                new LayerNorm(shaped, "norm", LayerNorm.Config.of(2));
                assertThatThrownBy(() -> shaped.copyFrom(plain.arrays(), "file C"))
                        .hasMessageContaining("fc.weight").hasMessageContaining("(3, 2)").hasMessageContaining("(4, 2)");
            }
            try (ParameterSet missing = model(m, 5, false)) {
                new Linear(missing, "extra", Linear.Config.of(1, 1));
                assertThatThrownBy(() -> missing.copyFrom(plain.arrays(), "file D"))
                        .hasMessageContaining("lacks parameter extra.weight");
            }
        }
    }

    @Test
    void sameSeedSameValues() {
        try (NDManager m = NDManager.newBaseManager(); ParameterSet a = model(m, 9, false);
                ParameterSet b = model(m, 9, false)) {
            assertThat(a.get("fc.weight").toFloatArray()).isEqualTo(b.get("fc.weight").toFloatArray());
            assertThatThrownBy(() -> a.constant("fc.bias", new Shape(2), 0f)).hasMessageContaining("duplicate");
        }
    }
}
