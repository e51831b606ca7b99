package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvTranspose1dTest {

    /**
     * PyTorch's definition written out: input sample {@code t} of channel {@code i} adds
     * {@code x[i,t]·w[i,o,j]} to output position {@code t·stride − padding + j·dilation}.
     */
    static float[][][] direct(float[][][] x, float[][][] w, float[] bias, ConvTranspose1d.Config c) {
        int batch = x.length;
        int time = x[0][0].length;
        int length = (int) c.outputLength(time);
        int inPerGroup = c.inChannels() / c.groups();
        int outPerGroup = c.outChannels() / c.groups();
        float[][][] y = new float[batch][c.outChannels()][length];
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < c.outChannels(); o++) {
                java.util.Arrays.fill(y[b][o], bias == null ? 0f : bias[o]);
            }
            for (int i = 0; i < c.inChannels(); i++) {
                int group = i / inPerGroup;
                for (int ol = 0; ol < outPerGroup; ol++) {
                    int o = group * outPerGroup + ol;
                    for (int t = 0; t < time; t++) {
                        for (int j = 0; j < c.kernel(); j++) {
                            int pos = t * c.stride() - c.padding() + j * c.dilation();
                            if (pos >= 0 && pos < length) {
                                y[b][o][pos] += x[b][i][t] * w[i][ol][j];
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    static float[][][] unflatten(float[] v, long a, long b, long c) {
        float[][][] r = new float[(int) a][(int) b][(int) c];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (int) ((i * b + j) * c), r[i][j], 0, (int) c);
            }
        }
        return r;
    }

    @ParameterizedTest
    @CsvSource({
        // seed, in, out, kernel, stride, padding, outputPadding, dilation, groups, time
        "1, 3, 4, 3, 1, 0, 0, 1, 1, 7",
        "2, 4, 2, 4, 2, 1, 0, 1, 1, 6",
        "3, 2, 3, 16, 8, 4, 0, 1, 1, 5", // HiFi-GAN's first upsampling layer, small
        "4, 4, 4, 3, 3, 1, 2, 1, 2, 5",
        "5, 3, 3, 3, 2, 0, 1, 2, 3, 4",
        "6, 2, 2, 2, 1, 3, 0, 3, 1, 6"})
    void matchesTheDefinition(long seed, int in, int out, int kernel, int stride, int padding, int outputPadding,
            int dilation, int groups, int time) {
        ConvTranspose1d.Config c = ConvTranspose1d.builder().setChannels(in, out).setKernel(kernel).optStride(stride)
                .optPadding(padding).optOutputPadding(outputPadding).optDilation(dilation).optGroups(groups).build();
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            ConvTranspose1d conv = new ConvTranspose1d(params, "up", c);
            NDArray bias = params.get("up.bias");
            m.getEngine().setRandomSeed((int) seed);
            bias.set(m.randomNormal(bias.getShape()).toFloatArray());
            NDArray w = params.get("up.weight");
            NDArray x = m.randomNormal(new Shape(2, in, time));
            float[][][] expected = direct(unflatten(x.toFloatArray(), 2, in, time),
                    unflatten(w.toFloatArray(), in, out / groups, kernel), bias.toFloatArray(), c);
            NDArray y = conv.forward(x);
            assertThat(y.getShape()).isEqualTo(new Shape(2, out, c.outputLength(time)));
            float[][][] actual = unflatten(y.toFloatArray(), 2, out, c.outputLength(time));
            for (int b = 0; b < 2; b++) {
                for (int o = 0; o < out; o++) {
                    for (int t = 0; t < actual[b][o].length; t++) {
                        assertThat(actual[b][o][t]).as("b %d o %d t %d", b, o, t)
                                .isCloseTo(expected[b][o][t], org.assertj.core.api.Assertions.within(1e-4f));
                    }
                }
            }
            assertThat(params.getManager().getManagedArrays()).as("nothing computed into the parameters' manager")
                    .hasSize(2);
        }
    }

    @ParameterizedTest
    @CsvSource({"7, 1, 0, 1", "8, 2, 1, 1", "9, 3, 1, 2"})
    void gradientsMatchFiniteDifferences(long seed, int stride, int padding, int groups) {
        ConvTranspose1d.Config c = ConvTranspose1d.builder().setChannels(2 * groups, 2 * groups).setKernel(3)
                .optStride(stride).optPadding(padding).optGroups(groups).build();
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            ConvTranspose1d conv = new ConvTranspose1d(params, "up", c);
            m.getEngine().setRandomSeed((int) seed);
            NDArray x = m.randomNormal(new Shape(1, 2 * groups, 5));
            GradientCheck.check(m, () -> conv.forward(x), List.of(x, params.get("up.weight"), params.get("up.bias")),
                    seed, 6);
        }
    }

    @Test
    void badShapesAreRefusedWithTheValues() {
        assertThatThrownBy(() -> ConvTranspose1d.builder().setChannels(3, 4).setKernel(3).optGroups(2).build())
                .hasMessageContaining("groups (2)");
        assertThatThrownBy(() -> ConvTranspose1d.builder().setChannels(3, 4).setKernel(3).optStride(2)
                .optOutputPadding(2).build()).hasMessageContaining("output padding (2)");
    }
}
