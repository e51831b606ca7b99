package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.nn.ParameterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The critics of adversarial training, as Vocos uses them: HiFi-GAN's multi-period discriminator
 * (the waveform folded by a period into 2-D, so each sees one phase of periodic structure) and
 * UnivNet's multi-resolution discriminator (2-D convolutions over magnitude spectrograms at three
 * resolutions). Each sub-discriminator gives its logits and the feature maps that feature
 * matching compares.
 *
 * <p>Channel widths are narrower than HiFi-GAN's (up to 1024) so that a training step fits a CPU;
 * the multi-period widths are {@link DiscriminatorConfig#periodChannels()}. Weight normalisation
 * is left out: with Adam at these learning rates it changed little in published ablations, and it
 * would double the parameter bookkeeping.
 */
final class Discriminators implements AutoCloseable {

    /** What one sub-discriminator says about a batch of audio. */
    record Verdict(NDArray logits, List<NDArray> features) {}

    private final DiscriminatorConfig config;
    private final ParameterSet params;
    private final List<List<Conv>> periodStacks = new ArrayList<>();
    private final List<List<Conv>> resolutionStacks = new ArrayList<>();
    private final NDArray[] resolutionWindows;

    /**
     * A 2-D convolution with its geometry. Only the critics convolve in two dimensions, so it
     * stays here rather than in {@code io.mytts.nn}.
     */
    private record Conv(NDArray weight, NDArray bias, Shape stride, Shape padding) {
        /**
         * @param frozen with the weights detached: the gradient reaches the input but not the
         *     weights, so the backward pass skips their gradients (the generator's update)
         */
        NDArray apply(NDArray x, boolean frozen) {
            NDArray w = weight;
            NDArray b = bias;
            if (frozen) {
                w = weight.stopGradient(); // detached views, in the parameters' manager: move them
                w.attach(x.getManager());
                b = bias.stopGradient();
                b.attach(x.getManager());
            }
            return x.getNDArrayInternal().convolution(x, w, b, stride, padding, new Shape(1, 1), 1)
                    .singletonOrThrow();
        }
    }

    Discriminators(DiscriminatorConfig config, NDManager manager, long seed) {
        this.config = config;
        this.params = new ParameterSet(manager, seed);
        for (int period : config.periods()) {
            periodStacks.add(periodStack("mpd.p" + period));
        }
        resolutionWindows = new NDArray[config.resolutions().size()];
        for (int r = 0; r < config.resolutions().size(); r++) {
            resolutionStacks.add(resolutionStack("mrd.r" + r));
            resolutionWindows[r] = params.getManager().hanningWindow(config.resolutions().get(r).winLength());
        }
    }

    private List<Conv> periodStack(String name) {
        List<Conv> stack = new ArrayList<>();
        int in = 1;
        int[] channels = config.periodChannels();
        for (int i = 0; i < channels.length; i++) {
            boolean last = i == channels.length - 1;
            stack.add(conv(name + ".convs." + i, in, channels[i], 5, 1, last ? 1 : 3, 1, 2, 0));
            in = channels[i];
        }
        stack.add(conv(name + ".post", in, 1, 3, 1, 1, 1, 1, 0));
        return stack;
    }

    private List<Conv> resolutionStack(String name) {
        int c = config.resolutionChannels();
        List<Conv> stack = new ArrayList<>();
        stack.add(conv(name + ".convs.0", 1, c, 3, 9, 1, 1, 1, 4));
        for (int i = 1; i <= 3; i++) {
            stack.add(conv(name + ".convs." + i, c, c, 3, 9, 1, 2, 1, 4));
        }
        stack.add(conv(name + ".convs.4", c, c, 3, 3, 1, 1, 1, 1));
        stack.add(conv(name + ".post", c, 1, 3, 3, 1, 1, 1, 1));
        return stack;
    }

    private Conv conv(String name, int in, int out, int kh, int kw, int sh, int sw, int ph, int pw) {
        long fanIn = (long) in * kh * kw;
        NDArray w = params.xavier(name + ".weight", new Shape(out, in, kh, kw), fanIn, (long) out * kh * kw);
        NDArray b = params.constant(name + ".bias", new Shape(out), 0f);
        return new Conv(w, b, new Shape(sh, sw), new Shape(ph, pw));
    }

    Map<String, NDArray> arrays() {
        return params.arrays();
    }

    ParameterSet parameters() {
        return params;
    }

    /** Every sub-discriminator's verdict on {@code audio} {@code [B, N]}, as {@link #judge(NDArray, boolean)}. */
    List<Verdict> judge(NDArray audio) {
        return judge(audio, false);
    }

    /**
     * Every sub-discriminator's verdict on {@code audio} {@code [B, N]}: periods first, then resolutions.
     *
     * @param frozen judge without recording gradients for the weights: for the generator's loss,
     *     which must not train the critics (and on real audio, which needs no gradient, records nothing)
     */
    List<Verdict> judge(NDArray audio, boolean frozen) {
        List<Verdict> out = new ArrayList<>();
        long batch = audio.getShape().get(0);
        long n = audio.getShape().get(1);
        for (int i = 0; i < config.periods().length; i++) {
            int period = config.periods()[i];
            long padded = (n + period - 1) / period * period;
            NDArray x = padded == n ? audio : audio.pad(new Shape(0, padded - n), 0);
            out.add(run(periodStacks.get(i), x.reshape(batch, 1, padded / period, period), frozen));
        }
        for (int r = 0; r < resolutionStacks.size(); r++) {
            DiscriminatorConfig.Resolution res = config.resolutions().get(r);
            NDArray spec = audio.stft(res.nFft(), res.hop(), true, resolutionWindows[r], false); // [B, F, T, 2]
            NDArray magnitude = spec.square().sum(new int[] {3}).add(1e-9f).sqrt(); // [B, F, T]
            out.add(run(resolutionStacks.get(r), magnitude.transpose(0, 2, 1).expandDims(1), frozen)); // [B, 1, T, F]
        }
        return out;
    }

    private static Verdict run(List<Conv> stack, NDArray x, boolean frozen) {
        List<NDArray> features = new ArrayList<>();
        for (int i = 0; i < stack.size() - 1; i++) {
            x = ai.djl.nn.Activation.leakyRelu(stack.get(i).apply(x, frozen), 0.1f); // HiFi-GAN's slope
            features.add(x);
        }
        NDArray logits = stack.get(stack.size() - 1).apply(x, frozen);
        features.add(logits);
        return new Verdict(logits.reshape(x.getShape().get(0), -1), features);
    }

    @Override
    public void close() {
        params.close();
    }
}
