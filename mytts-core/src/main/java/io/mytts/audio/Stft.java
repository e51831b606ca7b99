package io.mytts.audio;

import io.mytts.config.AudioConfig;
import java.util.stream.IntStream;

/**
 * Short-time Fourier transform with the reference framing: a periodic Hann window of
 * {@code winLength} centred in {@code nFft}, the signal reflect-padded by (nFft − hop) / 2 on each
 * side and framed without further centring, so frame t covers padded samples [t·hop, t·hop + nFft).
 * A signal of n samples gives 1 + (n + 2·pad − nFft) / hop frames (none when that is below 1).
 *
 * <p>The inverse overlap-adds the windowed inverse FFTs and divides by the summed squared window
 * (the least-squares inverse), then removes the padding. Long signals are split over threads by frame.
 */
public final class Stft {

    /** Frames per parallel task. */
    static final int FRAMES_PER_TASK = 256;

    private final int nFft;
    private final int hop;
    private final int pad;
    private final double[] window; // length nFft, zero outside the centred winLength
    private final int windowStart;
    private final int windowEnd;
    private final RealFft fft;

    public Stft(int nFft, int hopLength, int winLength) {
        if (nFft < 4 || Integer.bitCount(nFft) != 1) {
            throw new IllegalArgumentException("n_fft must be a power of two >= 4, got " + nFft);
        }
        if (winLength < 1 || winLength > nFft || hopLength < 1 || hopLength > nFft) {
            throw new IllegalArgumentException("need 1 <= hop, win_length <= n_fft, got hop " + hopLength
                    + ", win_length " + winLength + ", n_fft " + nFft);
        }
        this.nFft = nFft;
        this.hop = hopLength;
        this.pad = (nFft - hopLength) / 2;
        this.fft = new RealFft(nFft);
        this.window = new double[nFft];
        this.windowStart = (nFft - winLength) / 2;
        this.windowEnd = windowStart + winLength;
        for (int i = 0; i < winLength; i++) {
            window[windowStart + i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / winLength); // periodic Hann
        }
    }

    public Stft(AudioConfig config) {
        this(config.nFft(), config.hopLength(), config.winLength());
    }

    public int nFft() {
        return nFft;
    }

    public int hopLength() {
        return hop;
    }

    /** Frequency bins per frame: nFft / 2 + 1. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Frames for a signal of {@code length} samples. */
    public int frameCount(int length) {
        long padded = (long) length + 2L * pad;
        return length == 0 || padded < nFft ? 0 : (int) (1 + (padded - nFft) / hop);
    }

    /** The signal length whose STFT has exactly {@code frames} frames with no samples left over. */
    public int lengthForFrames(int frames) {
        return frames == 0 ? 0 : (frames - 1) * hop + nFft - 2 * pad;
    }

    /** The complex STFT, frames x bins. */
    public ComplexSpectrogram forward(float[] x) {
        int frames = frameCount(x.length);
        float[][] re = new float[frames][bins()];
        float[][] im = new float[frames][bins()];
        forEachFrame(x, (t, fr, fi) -> {
            for (int k = 0; k < fr.length; k++) {
                re[t][k] = (float) fr[k];
                im[t][k] = (float) fi[k];
            }
        });
        return new ComplexSpectrogram(re, im);
    }

    /** Receives one frame's spectrum; the arrays are reused, so copy what you keep. */
    @FunctionalInterface
    interface FrameSink {
        void accept(int frame, double[] re, double[] im);
    }

    /** Runs the forward transform frame by frame (in parallel for long signals; the sink must be thread-safe per frame). */
    void forEachFrame(float[] x, FrameSink sink) {
        int frames = frameCount(x.length);
        int tasks = (frames + FRAMES_PER_TASK - 1) / FRAMES_PER_TASK;
        IntStream range = IntStream.range(0, tasks);
        (tasks > 1 ? range.parallel() : range).forEach(task -> {
            double[] frame = new double[nFft];
            double[] re = new double[bins()];
            double[] im = new double[bins()];
            double[][] work = fft.newWork();
            int end = Math.min(frames, (task + 1) * FRAMES_PER_TASK);
            for (int t = task * FRAMES_PER_TASK; t < end; t++) {
                fillFrame(x, t, frame);
                fft.forward(frame, re, im, work);
                sink.accept(t, re, im);
            }
        });
    }

    /** Windowed frame t of the reflect-padded signal, without building the padded copy. */
    private void fillFrame(float[] x, int t, double[] frame) {
        int start = t * hop - pad;
        int n = x.length;
        boolean inside = start + windowStart >= 0 && start + windowEnd <= n;
        for (int j = 0; j < windowStart; j++) {
            frame[j] = 0;
        }
        for (int j = windowStart; j < windowEnd; j++) {
            int i = start + j;
            frame[j] = window[j] * (inside ? x[i] : x[reflect(i, n)]);
        }
        for (int j = windowEnd; j < nFft; j++) {
            frame[j] = 0;
        }
    }

    /** numpy's 'reflect' padding index (the edge sample is not repeated), repeated for short signals. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /**
     * The signal of {@code length} samples whose STFT is closest to {@code s} (least squares):
     * overlap-added windowed frames divided by the summed squared window. Samples that no frame
     * covers (beyond {@link #lengthForFrames}) are zero.
     */
    public float[] inverse(ComplexSpectrogram s, int length) {
        return inverse(s.real(), s.imag(), length);
    }

    /** As {@link #inverse(ComplexSpectrogram, int)} with the parts given separately. */
    public float[] inverse(float[][] real, float[][] imag, int length) {
        int frames = real.length;
        int paddedLength = frames == 0 ? 0 : (frames - 1) * hop + nFft;
        double[] acc = new double[Math.max(paddedLength, 0)];
        double[] norm = windowSquareSum(frames);
        // Frames overlap, so threads each take every other block of frames: blocks of the same
        // parity are at least block·hop >= nFft samples apart and never write the same sample.
        int block = Math.max(FRAMES_PER_TASK, (nFft + hop - 1) / hop);
        int tasks = (frames + block - 1) / block;
        for (int parity = 0; parity < 2; parity++) {
            int p = parity;
            IntStream range = IntStream.range(0, (tasks + 1 - p) / 2).map(i -> 2 * i + p);
            (tasks > 2 ? range.parallel() : range).forEach(task -> {
                double[] re = new double[bins()];
                double[] im = new double[bins()];
                double[] frame = new double[nFft];
                double[][] work = fft.newWork();
                int end = Math.min(frames, (task + 1) * block);
                for (int t = task * block; t < end; t++) {
                    for (int k = 0; k < re.length; k++) {
                        re[k] = real[t][k];
                        im[k] = imag[t][k];
                    }
                    fft.inverse(re, im, frame, work);
                    int off = t * hop;
                    for (int j = windowStart; j < windowEnd; j++) {
                        acc[off + j] += frame[j] * window[j];
                    }
                }
            });
        }
        float[] out = new float[length];
        int n = Math.min(length, paddedLength - 2 * pad);
        for (int i = 0; i < n; i++) {
            double w = norm[i + pad];
            out[i] = w > 1e-10 ? (float) (acc[i + pad] / w) : 0f;
        }
        return out;
    }

    private double[] windowSquareSum(int frames) {
        double[] norm = new double[frames == 0 ? 0 : (frames - 1) * hop + nFft];
        for (int t = 0; t < frames; t++) {
            int off = t * hop;
            for (int j = windowStart; j < windowEnd; j++) {
                norm[off + j] += window[j] * window[j];
            }
        }
        return norm;
    }
}
