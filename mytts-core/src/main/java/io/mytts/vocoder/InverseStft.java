package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.AudioConfig;

/**
 * The inverse of the project's STFT ({@link io.mytts.audio.Stft}) as differentiable tensor ops:
 * DJL has no istft, so it is built from an inverse real DFT, the synthesis window and an overlap-add.
 *
 * <p>The framing is the reference one: frame t covers samples [t·hop − pad, t·hop − pad + nFft)
 * with pad = (nFft − hop) / 2, so T frames give exactly T·hop samples. The overlap-add divides by
 * the summed squared window (the least-squares inverse), which makes the round trip through the
 * forward STFT exact wherever the signal is covered by frames.
 *
 * <p>The windowed frames come from one product with a windowed inverse real-DFT basis, not from
 * irfft: DJL reaches irfft only through a complex view ({@code view_as_complex}), which carries no
 * gradient in PyTorch, and in inference that route gave results that changed from one run to the
 * next in the same JVM (measured here), while the product is deterministic. It costs about
 * 0.2 GFLOP per second of audio, a fraction of the backbone's.
 *
 * <p>The overlap-add needs nFft to be a multiple of the hop: each frame is cut into nFft / hop
 * chunks and chunk j of frame t lands on output block t + j, so the sum is nFft / hop shifted
 * slices added together (no scatter, which DJL's autograd would not carry).
 */
final class InverseStft implements AutoCloseable {

    private final int nFft;
    private final int hop;
    private final int chunks;
    private final float[] window;
    private final NDManager owner;
    private final NDArray realBasis; // [bins, nFft]
    private final NDArray imagBasis;

    InverseStft(AudioConfig audio, NDManager parent) {
        this(audio.nFft(), audio.hopLength(), audio.winLength(), parent);
    }

    /** The window and DFT bases live in a sub-manager of {@code parent}, freed by {@link #close}. */
    InverseStft(int nFft, int hop, int winLength, NDManager parent) {
        if (nFft % hop != 0) {
            throw new IllegalArgumentException("the inverse STFT needs n_fft (" + nFft
                    + ") to be a multiple of hop_length (" + hop + ")");
        }
        this.nFft = nFft;
        this.hop = hop;
        this.chunks = nFft / hop;
        this.window = new float[nFft];
        int start = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            window[start + i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / winLength)); // periodic Hann
        }
        this.owner = parent.newSubManager();
        int bins = bins();
        float[] re = new float[bins * nFft];
        float[] im = new float[bins * nFft];
        basis(re, im);
        realBasis = owner.create(re, new Shape(bins, nFft));
        imagBasis = owner.create(im, new Shape(bins, nFft));
    }

    /** x[n] = (1/N)·Σ c_k (Re X_k cos(2πkn/N) − Im X_k sin(2πkn/N)), c = 1 at DC and Nyquist, else 2; times w[n]. */
    private void basis(float[] re, float[] im) {
        int bins = bins();
        for (int k = 0; k < bins; k++) {
            double c = (k == 0 || k == nFft / 2 ? 1.0 : 2.0) / nFft;
            for (int n = 0; n < nFft; n++) {
                double angle = 2 * Math.PI * ((long) k * n % nFft) / nFft;
                re[k * nFft + n] = (float) (c * Math.cos(angle) * window[n]);
                im[k * nFft + n] = (float) (-c * Math.sin(angle) * window[n]);
            }
        }
    }

    int bins() {
        return nFft / 2 + 1;
    }

    int hop() {
        return hop;
    }

    /**
     * Audio from a complex spectrogram given as its real and imaginary parts.
     *
     * @param real {@code [B, T, nFft/2+1]}
     * @param imag {@code [B, T, nFft/2+1]}
     * @return {@code [B, T·hop]} in the manager of {@code real}
     */
    NDArray inverse(NDArray real, NDArray imag) {
        Shape s = real.getShape();
        long batch = s.get(0);
        int frames = (int) s.get(1);
        NDManager m = real.getManager();
        NDArray framed = real.matMul(realBasis).add(imag.matMul(imagBasis)); // [B, T, nFft], windowed
        NDArray blocks = framed.reshape(batch, frames, chunks, hop);
        NDArray sum = null;
        for (int j = 0; j < chunks; j++) {
            NDArray chunk = blocks.get(new NDIndex(":, :, {}, :", j)); // [B, T, hop]
            // Chunk j of frame t is output block t + j: j blocks of zeros before, chunks-1-j after.
            NDArray shifted = chunk.pad(new Shape(0, 0, j, chunks - 1 - j), 0);
            sum = sum == null ? shifted : sum.add(shifted);
        }
        NDArray ola = sum.reshape(batch, (long) (frames + chunks - 1) * hop);
        int pad = (nFft - hop) / 2;
        NDArray envelope = m.create(inverseEnvelope(frames, pad));
        return ola.get(new NDIndex(":, {}:{}", pad, pad + (long) frames * hop)).mul(envelope);
    }

    /** 1 / (summed squared window) over the kept samples; 0 where no frame reaches. */
    private float[] inverseEnvelope(int frames, int pad) {
        int length = (frames + chunks - 1) * hop;
        double[] sum = new double[length];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < nFft; i++) {
                sum[t * hop + i] += (double) window[i] * window[i];
            }
        }
        float[] inv = new float[frames * hop];
        for (int i = 0; i < inv.length; i++) {
            double e = sum[pad + i];
            inv[i] = e > 1e-8 ? (float) (1 / e) : 0f;
        }
        return inv;
    }

    @Override
    public void close() {
        owner.close();
    }
}
