package io.mytts.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Conv1dTest {

    /** The input sample a padded position reads: zeros outside ({@code -1}), or mirrored for REFLECT. */
    private static int source(int pos, int time, Conv1d.Padding padding) {
        if (pos >= 0 && pos < time) {
            return pos;
        }
        if (padding != Conv1d.Padding.REFLECT) {
            return -1;
        }
        return pos < 0 ? -pos : 2 * (time - 1) - pos;
    }

    /** Cross-correlation as PyTorch defines it, with the padding written out. */
    static float[][][] direct(float[][][] x, float[][][] w, float[] bias, Conv1d.Config c, int left, int length) {
        int time = x[0][0].length;
        int inPerGroup = c.inChannels() / c.groups();
        int outPerGroup = c.outChannels() / c.groups();
        float[][][] y = new float[x.length][c.outChannels()][length];
        for (int b = 0; b < x.length; b++) {
            for (int o = 0; o < c.outChannels(); o++) {
                int group = o / outPerGroup;
                for (int t = 0; t < length; t++) {
                    double sum = bias[o];
                    for (int il = 0; il < inPerGroup; il++) {
                        for (int j = 0; j < c.kernel(); j++) {
                            int s = source(t * c.stride() - left + j * c.dilation(), time, c.padding());
                            if (s >= 0) {
                                sum += x[b][group * inPerGroup + il][s] * w[o][il][j];
                            }
                        }
                    }
                    y[b][o][t] = (float) sum;
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @CsvSource({
        // seed, in, out, kernel, stride, dilation, groups, padding, time
        "1, 3, 4, 3, 1, 1, 1, SAME, 8",
        "2, 4, 4, 7, 1, 1, 4, SAME, 9",     // depthwise, ConvNeXt style
        "3, 4, 6, 3, 1, 3, 2, SAME, 10",    // dilated and grouped, HiFi-GAN residual style
        "4, 2, 3, 4, 1, 1, 1, SAME, 7",     // even kernel: the extra padding goes right
        "5, 3, 2, 3, 2, 1, 1, SAME, 9",
        "6, 2, 2, 5, 1, 2, 1, CAUSAL, 8",
        "7, 3, 3, 3, 1, 1, 3, CAUSAL, 6",
        "8, 2, 4, 3, 2, 1, 2, VALID, 9",
        "9, 3, 3, 5, 1, 1, 3, REFLECT, 8",
        "10, 2, 3, 3, 1, 2, 1, REFLECT, 7"})
    void matchesTheDefinition(long seed, int in, int out, int kernel, int stride, int dilation, int groups,
            Conv1d.Padding padding, int time) {
        Conv1d.Config c = Conv1d.builder().setChannels(in, out).setKernel(kernel).optStride(stride)
                .optDilation(dilation).optGroups(groups).optPadding(padding).build();
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            Conv1d conv = new Conv1d(params, "conv", c);
            m.getEngine().setRandomSeed((int) seed);
            NDArray bias = params.get("conv.bias");
            bias.set(m.randomNormal(bias.getShape()).toFloatArray());
            NDArray x = m.randomNormal(new Shape(2, in, time));
            int span = dilation * (kernel - 1);
            int left = padding == Conv1d.Padding.CAUSAL ? span : padding == Conv1d.Padding.VALID ? 0 : span / 2;
            int padded = time + (padding == Conv1d.Padding.VALID ? 0 : span);
            int length = (padded - span - 1) / stride + 1;
            float[][][] expected = direct(ConvTranspose1dTest.unflatten(x.toFloatArray(), 2, in, time),
                    ConvTranspose1dTest.unflatten(params.get("conv.weight").toFloatArray(), out, in / groups, kernel),
                    bias.toFloatArray(), c, left, length);
            NDArray y = conv.forward(x);
            assertThat(y.getShape()).isEqualTo(new Shape(2, out, length));
            if (padding == Conv1d.Padding.SAME || padding == Conv1d.Padding.REFLECT) {
                assertThat(length).isEqualTo((time + stride - 1) / stride);
            }
            float[] actual = y.toFloatArray();
            for (int b = 0, k = 0; b < 2; b++) {
                for (int o = 0; o < out; o++) {
                    for (int t = 0; t < length; t++, k++) {
                        assertThat(actual[k]).as("b %d o %d t %d", b, o, t).isCloseTo(expected[b][o][t], within(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void causalOutputsNeverSeeLaterInputs() {
        Conv1d.Config c = Conv1d.builder().setChannels(2, 2).setKernel(3).optDilation(2)
                .optPadding(Conv1d.Padding.CAUSAL).build();
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, 11)) {
            Conv1d conv = new Conv1d(params, "conv", c);
            NDArray x = m.randomNormal(new Shape(1, 2, 10));
            NDArray changed = x.duplicate();
            changed.set(new NDIndex(":, :, 6:"), 5f);
            NDArray a = conv.forward(x);
            NDArray b = conv.forward(changed);
            assertThat(a.get(new NDIndex(":, :, :6")).sub(b.get(new NDIndex(":, :, :6"))).abs().max().getFloat())
                    .isEqualTo(0f);
            assertThat(a.get(new NDIndex(":, :, 6")).sub(b.get(new NDIndex(":, :, 6"))).abs().max().getFloat())
                    .isGreaterThan(1e-3f);
        }
    }

    @ParameterizedTest
    @CsvSource({"12, 1, SAME", "13, 2, REFLECT", "14, 1, CAUSAL"})
    void gradientsMatchFiniteDifferences(long seed, int groups, Conv1d.Padding padding) {
        Conv1d.Config c = Conv1d.builder().setChannels(2 * groups, 2 * groups).setKernel(3).optGroups(groups)
                .optPadding(padding).build();
        try (NDManager m = NDManager.newBaseManager(); ParameterSet params = new ParameterSet(m, seed)) {
            Conv1d conv = new Conv1d(params, "conv", c);
            m.getEngine().setRandomSeed((int) seed);
            NDArray x = m.randomNormal(new Shape(1, 2 * groups, 6));
            GradientCheck.check(m, () -> conv.forward(x), List.of(x, params.get("conv.weight"), params.get("conv.bias")),
                    seed, 6);
        }
    }

    @Test
    void badConfigurationsAreRefusedWithTheValues() {
        assertThatThrownBy(() -> Conv1d.builder().setChannels(4, 6).setKernel(3).optGroups(4).build())
                .hasMessageContaining("groups (4)").hasMessageContaining("4, 6");
        assertThatThrownBy(() -> Conv1d.builder().setChannels(4, 4).setKernel(0).build())
                .hasMessageContaining("kernel 0");
    }
}
