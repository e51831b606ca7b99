package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.audio.MelFilterBank;
import io.mytts.config.AudioConfig;
import io.mytts.nn.Scalars;
import java.util.List;

/**
 * The vocoder's losses, written from tensor ops (DJL's loss classes have measured bugs; see
 * DJL-NOTES.md). Each is a scalar in the manager of its first argument.
 *
 * <ul>
 *   <li>mel L1: distance between the log-mels of generated and real audio (HiFi-GAN, Vocos);
 *   <li>multi-resolution STFT: spectral convergence plus log-magnitude L1 at three resolutions
 *       (Yamamoto et al. 2020, Parallel WaveGAN), which constrains the fine harmonic structure that
 *       80 mel bands average away;
 *   <li>least-squares adversarial losses and feature matching (HiFi-GAN).
 * </ul>
 */
final class VocoderLosses implements AutoCloseable {

    private static final List<DiscriminatorConfig.Resolution> STFT_RESOLUTIONS = List.of(
            new DiscriminatorConfig.Resolution(512, 128, 512),
            new DiscriminatorConfig.Resolution(1024, 256, 1024),
            new DiscriminatorConfig.Resolution(2048, 512, 2048));

    private final AudioConfig audio;
    private final NDManager owner;
    private final NDArray melBasis; // [bins, nMels], so that ops run on the step's arrays
    private final NDArray melWindow;
    private final NDArray[] stftWindows = new NDArray[STFT_RESOLUTIONS.size()];

    VocoderLosses(AudioConfig audio, NDManager parent) {
        this.audio = audio;
        this.owner = parent.newSubManager();
        float[][] w = MelFilterBank.of(audio).weights();
        float[] flat = new float[w.length * w[0].length];
        for (int m = 0; m < w.length; m++) {
            for (int f = 0; f < w[0].length; f++) {
                flat[f * w.length + m] = w[m][f];
            }
        }
        melBasis = owner.create(flat, new Shape(w[0].length, w.length));
        melWindow = owner.hanningWindow(audio.winLength());
        for (int i = 0; i < stftWindows.length; i++) {
            stftWindows[i] = owner.hanningWindow(STFT_RESOLUTIONS.get(i).winLength());
        }
    }

    private static NDArray magnitude(NDArray audio, int nFft, int hop, NDArray window) {
        NDArray spec = audio.stft(nFft, hop, true, window, false); // [B, F, T, 2]
        return spec.square().sum(new int[] {3}).add(1e-9f).sqrt(); // [B, F, T]
    }

    /** Natural-log mel {@code [B, T, nMels]} of {@code audio [B, N]} in the project's convention. */
    NDArray logMel(NDArray audio) {
        NDArray mag = magnitude(audio, this.audio.nFft(), this.audio.hopLength(), melWindow);
        return Scalars.maximum(mag.transpose(0, 2, 1).matMul(melBasis), this.audio.logFloor()).log();
    }

    /** Mean absolute difference of the log-mels of generated and real audio. */
    NDArray melL1(NDArray generated, NDArray real) {
        return logMel(generated).sub(logMel(real).stopGradient()).abs().mean();
    }

    /** Spectral convergence plus log-magnitude L1, averaged over three resolutions. */
    NDArray multiResolutionStft(NDArray generated, NDArray real) {
        NDArray total = null;
        for (int i = 0; i < STFT_RESOLUTIONS.size(); i++) {
            DiscriminatorConfig.Resolution r = STFT_RESOLUTIONS.get(i);
            NDArray g = magnitude(generated, r.nFft(), r.hop(), stftWindows[i]);
            NDArray t = magnitude(real, r.nFft(), r.hop(), stftWindows[i]).stopGradient();
            NDArray convergence = t.sub(g).square().sum().sqrt().div(t.square().sum().sqrt().add(1e-7f));
            NDArray logDistance = t.log().sub(g.log()).abs().mean();
            NDArray part = convergence.add(logDistance);
            total = total == null ? part : total.add(part);
        }
        return Scalars.div(total, STFT_RESOLUTIONS.size());
    }

    /** The generator's least-squares loss: every critic should say 1 to generated audio. */
    static NDArray generatorAdversarial(List<Discriminators.Verdict> onGenerated) {
        NDArray total = null;
        for (Discriminators.Verdict v : onGenerated) {
            NDArray part = v.logits().sub(1f).square().mean();
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /** The critics' least-squares loss: 1 for real audio, 0 for generated. */
    static NDArray discriminator(List<Discriminators.Verdict> onReal, List<Discriminators.Verdict> onGenerated) {
        NDArray total = null;
        for (int i = 0; i < onReal.size(); i++) {
            NDArray part = onReal.get(i).logits().sub(1f).square().mean()
                    .add(onGenerated.get(i).logits().square().mean());
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /** L1 between the critics' feature maps of real and generated audio, summed over layers. */
    static NDArray featureMatching(List<Discriminators.Verdict> onReal, List<Discriminators.Verdict> onGenerated) {
        NDArray total = null;
        for (int i = 0; i < onReal.size(); i++) {
            List<NDArray> real = onReal.get(i).features();
            List<NDArray> fake = onGenerated.get(i).features();
            for (int l = 0; l < real.size(); l++) {
                NDArray part = real.get(l).stopGradient().sub(fake.get(l)).abs().mean();
                total = total == null ? part : total.add(part);
            }
        }
        return total;
    }

    @Override
    public void close() {
        owner.close();
    }
}
