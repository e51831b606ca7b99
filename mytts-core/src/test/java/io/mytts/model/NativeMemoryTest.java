package io.mytts.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.PositionEncoding;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ops called on long-lived arrays put their results in the long-lived manager (a leak, see
 * DJL-NOTES.md): neither a training pass nor generation may add a single array to the manager
 * that holds the parameters, and a closed step manager takes everything else with it.
 */
class NativeMemoryTest {

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void passesLeaveNothingInTheParameterManager(PositionEncoding positions) {
        try (NDManager root = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(
                        TinyModels.builder().optPosEncodingType(positions).optEncoderPrenet(true)
                                .optReductionFactor(2).build(), TinyModels.VOCAB, TinyModels.MELS, root, 1)) {
            NDManager params = model.parameters().getManager();
            int before = params.getManagedArrays().size();
            int rootBefore = root.getManagedArrays().size();
            assertThat(before).isEqualTo(model.parameters().arrays().size());
            try (NDManager step = root.newSubManager()) {
                NDArray ids = step.create(new int[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
                NDArray mels = step.randomNormal(new Shape(2, 5, TinyModels.MELS));
                model.forward(ids, new int[] {3, 2}, mels, new int[] {5, 4}, true);
            }
            model.greedyGenerateFast(List.of(new int[] {1, 2, 3}, new int[] {4, 5}),
                    GenerationOptions.builder().optMaxSteps(5).optCrossWin(0.5).build());
            model.generateUncached(List.of(new int[] {1, 2, 3}), GenerationOptions.builder().optMaxSteps(3).build());
            assertThat(params.getManagedArrays()).hasSize(before);
            assertThat(root.getManagedArrays()).hasSize(rootBefore);
        }
    }
}
