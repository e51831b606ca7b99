package io.mytts.eval;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.RealFft;
import io.mytts.audio.Resampler;

/**
 * Short-time objective intelligibility: STOI (Taal, Hendriks, Heusdens and Jensen, "An Algorithm
 * for Intelligibility Prediction of Time-Frequency Weighted Noisy Speech", IEEE TASLP 19(7), 2011)
 * and extended STOI (Jensen and Taal, "An Algorithm for Predicting the Intelligibility of Speech
 * Masked by Modulated Noise Maskers", IEEE/ACM TASLP 24(11), 2016). Both compare a processed signal
 * with the clean one it came from and give a score that rises with intelligibility (1 for identical
 * signals; STOI's range is about 0.4 to 1 for speech, ESTOI's about 0 to 1).
 *
 * <p>The steps follow the papers (and the authors' reference MATLAB code):
 * <ol>
 *   <li>both signals are resampled to 10 kHz (the project's windowed-sinc {@link Resampler});
 *   <li>silent frames are removed: 256-sample frames, 50% overlap, Hann window; frames whose clean
 *       energy is more than 40 dB below the loudest clean frame are dropped from both signals,
 *       which are then overlap-added back together;
 *   <li>a 512-point DFT of 256-sample Hann-windowed frames, 50% overlap;
 *   <li>15 one-third-octave bands, centres 150·2^(k/3) Hz, each the sum of the DFT bins nearest to
 *       its edges: the band envelope is sqrt(sum of |X|²) per frame;
 *   <li>segments of N = 30 frames (384 ms) ending at every frame;
 *   <li>STOI: each band's processed segment is scaled to the clean one's norm and clipped at
 *       (1 + 10^(-β/20)) times the clean envelope, β = -15 dB; the score is the correlation of clean
 *       and processed segment rows averaged over bands and segments;
 *       ESTOI: each segment is normalised by rows (bands: zero mean, unit norm) then columns
 *       (frames: zero mean, unit norm), and the score is the mean inner product of the columns,
 *       averaged over segments. ESTOI does no clipping.
 * </ol>
 * Norms are guarded by adding the double-precision machine epsilon, as the reference code does, so
 * an all-zero row correlates 0 with anything.
 *
 * <p>{@link #of} needs time-aligned signals (a vocoder's copy synthesis, a denoiser's output).
 * {@link #ofUnaligned} is for signals that say the same words at a different pace (TTS output
 * against a recording): it is not part of the published measure; see its comment.
 */
public final class Stoi {

    /** Rate of the analysis. */
    public static final int SAMPLE_RATE = 10000;
    static final int FRAME = 256;
    static final int HOP = FRAME / 2;
    static final int FFT = 512;
    static final int BANDS = 15;
    static final double LOWEST_CENTRE_HZ = 150;
    /** Frames per segment: 384 ms. */
    public static final int SEGMENT = 30;
    static final double BETA_DB = -15;
    static final double DYNAMIC_RANGE_DB = 40;
    private static final double EPS = Math.ulp(1.0);
    private static final double CLIP = 1 + Math.pow(10, -BETA_DB / 20);
    private static final double[] WINDOW = hanning(FRAME);
    private static final int[][] BAND_BINS = bandBins(SAMPLE_RATE);

    /**
     * Both scores of one comparison.
     *
     * @param stoi STOI, Taal et al. 2011
     * @param estoi extended STOI, Jensen and Taal 2016
     */
    public record Scores(double stoi, double estoi) {}

    /** The signals hold too little speech for one 384 ms segment; a report shows no score for them. */
    public static final class TooLittleSpeechException extends InvalidInputException {
        TooLittleSpeechException(String message) {
            super(message);
        }
    }

    private Stoi() {}

    /**
     * STOI and ESTOI of time-aligned signals of the same rate and length.
     *
     * @throws InvalidInputException when the rates or lengths differ
     * @throws TooLittleSpeechException when less than {@value #SEGMENT} frames (384 ms) of speech are
     *     left once silence is removed
     */
    public static Scores of(AudioClip clean, AudioClip processed) {
        requireSameRate(clean, processed);
        if (clean.samples().length != processed.samples().length) {
            throw new InvalidInputException("STOI compares time-aligned signals of one length: the clean one has "
                    + clean.samples().length + " samples, the processed one " + processed.samples().length
                    + "; trim them to a common length, or use Stoi.ofUnaligned for speech at a different pace");
        }
        float[] x = to10k(clean);
        float[] y = to10k(processed);
        boolean[] keep = loudFrames(x);
        double[][] cleanBands = bandEnvelopes(overlapAdd(x, keep));
        double[][] processedBands = bandEnvelopes(overlapAdd(y, keep));
        return scores(cleanBands, processedBands);
    }

    /**
     * STOI and ESTOI of signals that are not time-aligned, such as synthesized speech against a
     * recording of the same sentence. This extends the published measure: silence is removed from
     * each signal by its own loudest frame (40 dB), the processed signal's band envelopes are
     * time-warped onto the clean signal's frames (dynamic time warping on the dB envelopes; each
     * clean frame takes the mean of the processed frames the path matches with it), and the scores
     * are computed as in {@link #of}. Figures are comparable with each other, not with published
     * STOI figures for aligned signals.
     */
    public static Scores ofUnaligned(AudioClip clean, AudioClip processed) {
        requireSameRate(clean, processed);
        float[] x = to10k(clean);
        float[] y = to10k(processed);
        double[][] cleanBands = bandEnvelopes(overlapAdd(x, loudFrames(x)));
        double[][] processedBands = bandEnvelopes(overlapAdd(y, loudFrames(y)));
        if (processedBands[0].length == 0) {
            throw new TooLittleSpeechException("the processed signal is too short for STOI: it needs at least "
                    + (FRAME + 1) + " samples at 10 kHz (" + (FRAME + 1) / 10 + " ms)");
        }
        requireSegment(cleanBands[0].length);
        return scores(cleanBands, warp(cleanBands, processedBands));
    }

    private static void requireSameRate(AudioClip clean, AudioClip processed) {
        if (clean.sampleRate() != processed.sampleRate()) {
            throw new InvalidInputException("STOI compares signals of one sample rate: the clean one is at "
                    + clean.sampleRate() + " Hz, the processed one at " + processed.sampleRate()
                    + " Hz; resample one of them first");
        }
    }

    private static float[] to10k(AudioClip clip) {
        return clip.sampleRate() == SAMPLE_RATE ? clip.samples()
                : Resampler.resample(clip.samples(), clip.sampleRate(), SAMPLE_RATE);
    }

    private static void requireSegment(int frames) {
        if (frames < SEGMENT) {
            throw new TooLittleSpeechException("too little speech for STOI: it needs " + SEGMENT + " frames (384 ms)"
                    + " once silence is removed, the clean signal has " + frames);
        }
    }

    private static Scores scores(double[][] x, double[][] y) {
        requireSegment(x[0].length);
        int segments = x[0].length - SEGMENT + 1;
        double stoi = 0;
        double estoi = 0;
        double[][] xs = new double[BANDS][SEGMENT];
        double[][] ys = new double[BANDS][SEGMENT];
        for (int m = 0; m < segments; m++) {
            for (int j = 0; j < BANDS; j++) {
                System.arraycopy(x[j], m, xs[j], 0, SEGMENT);
                System.arraycopy(y[j], m, ys[j], 0, SEGMENT);
                stoi += clippedCorrelation(xs[j], ys[j]);
            }
            estoi += spectralCorrelation(xs, ys);
        }
        return new Scores(stoi / (segments * BANDS), estoi / segments);
    }

    /** One band of one segment (Taal et al. eq. 2-4): scale y to x's norm, clip at β, correlate. */
    static double clippedCorrelation(double[] x, double[] y) {
        double scale = norm(x) / (norm(y) + EPS);
        double[] clipped = new double[y.length];
        for (int n = 0; n < y.length; n++) {
            clipped[n] = Math.min(y[n] * scale, CLIP * x[n]);
        }
        return correlation(x, clipped);
    }

    /** Sample correlation coefficient, with ε-guarded norms. */
    static double correlation(double[] x, double[] y) {
        double[] a = centred(x);
        double[] b = centred(y);
        double dot = 0;
        for (int n = 0; n < a.length; n++) {
            dot += a[n] * b[n];
        }
        return dot / ((norm(a) + EPS) * (norm(b) + EPS));
    }

    /**
     * ESTOI's score of one segment (Jensen and Taal eq. 4-7): rows then columns normalised, then the
     * mean over frames of the inner product of the clean and processed columns.
     */
    static double spectralCorrelation(double[][] x, double[][] y) {
        double[][] a = normaliseColumns(normaliseRows(x));
        double[][] b = normaliseColumns(normaliseRows(y));
        int frames = a[0].length;
        double sum = 0;
        for (int n = 0; n < frames; n++) {
            for (int j = 0; j < a.length; j++) {
                sum += a[j][n] * b[j][n];
            }
        }
        return sum / frames;
    }

    /** Each row (band) minus its mean, divided by its norm. */
    static double[][] normaliseRows(double[][] s) {
        double[][] out = new double[s.length][];
        for (int j = 0; j < s.length; j++) {
            out[j] = unit(centred(s[j]));
        }
        return out;
    }

    /** Each column (frame) minus its mean over bands, divided by its norm. */
    static double[][] normaliseColumns(double[][] s) {
        int rows = s.length;
        int cols = s[0].length;
        double[][] out = new double[rows][cols];
        double[] column = new double[rows];
        for (int n = 0; n < cols; n++) {
            for (int j = 0; j < rows; j++) {
                column[j] = s[j][n];
            }
            double[] u = unit(centred(column));
            for (int j = 0; j < rows; j++) {
                out[j][n] = u[j];
            }
        }
        return out;
    }

    private static double[] centred(double[] v) {
        double mean = 0;
        for (double e : v) {
            mean += e;
        }
        mean /= v.length;
        double[] out = new double[v.length];
        for (int n = 0; n < v.length; n++) {
            out[n] = v[n] - mean;
        }
        return out;
    }

    private static double[] unit(double[] v) {
        double s = norm(v) + EPS;
        for (int n = 0; n < v.length; n++) {
            v[n] /= s;
        }
        return v;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** MATLAB's {@code hanning(n)}: the symmetric Hann window without its zero end points. */
    static double[] hanning(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (n + 1));
        }
        return w;
    }

    /** Frames as the reference code takes them: starts 0, HOP, ... while start < length - FRAME. */
    static int frameCount(int length) {
        return length <= FRAME ? 0 : (length - FRAME + HOP - 1) / HOP;
    }

    /** Which frames are within {@value #DYNAMIC_RANGE_DB} dB of the loudest frame of {@code x}. */
    static boolean[] loudFrames(float[] x) {
        int frames = frameCount(x.length);
        double[] db = new double[frames];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            double energy = 0;
            for (int i = 0; i < FRAME; i++) {
                double v = WINDOW[i] * x[t * HOP + i];
                energy += v * v;
            }
            db[t] = 20 * Math.log10(Math.sqrt(energy) + EPS);
            loudest = Math.max(loudest, db[t]);
        }
        boolean[] keep = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            keep[t] = db[t] > loudest - DYNAMIC_RANGE_DB;
        }
        return keep;
    }

    /** The kept Hann-windowed frames of {@code x}, overlap-added one after another at HOP. */
    static float[] overlapAdd(float[] x, boolean[] keep) {
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        float[] out = new float[kept == 0 ? 0 : (kept - 1) * HOP + FRAME];
        int k = 0;
        for (int t = 0; t < keep.length; t++) {
            if (keep[t]) {
                for (int i = 0; i < FRAME; i++) {
                    out[k * HOP + i] += (float) (WINDOW[i] * x[t * HOP + i]);
                }
                k++;
            }
        }
        return out;
    }

    /** One-third-octave band envelopes, bands x frames: sqrt of the summed |X|² over each band's bins. */
    static double[][] bandEnvelopes(float[] x) {
        int frames = frameCount(x.length);
        double[][] bands = new double[BANDS][frames];
        RealFft fft = new RealFft(FFT);
        double[][] work = fft.newWork();
        double[] frame = new double[FFT];
        double[] re = new double[FFT / 2 + 1];
        double[] im = new double[FFT / 2 + 1];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < FRAME; i++) {
                frame[i] = WINDOW[i] * x[t * HOP + i];
            }
            fft.forward(frame, re, im, work); // frame[FRAME..FFT) stays zero: the zero padding
            for (int j = 0; j < BANDS; j++) {
                double power = 0;
                for (int k = BAND_BINS[j][0]; k < BAND_BINS[j][1]; k++) {
                    power += re[k] * re[k] + im[k] * im[k];
                }
                bands[j][t] = Math.sqrt(power);
            }
        }
        return bands;
    }

    /**
     * The DFT bins [first, end) of each one-third-octave band: edges 150·2^((2k∓1)/6) Hz, each
     * moved to the nearest bin centre of an {@value #FFT}-point DFT at {@code rate}.
     */
    static int[][] bandBins(int rate) {
        int[][] bins = new int[BANDS][2];
        for (int k = 0; k < BANDS; k++) {
            bins[k][0] = nearestBin(LOWEST_CENTRE_HZ * Math.pow(2, (2 * k - 1) / 6.0), rate);
            bins[k][1] = nearestBin(LOWEST_CENTRE_HZ * Math.pow(2, (2 * k + 1) / 6.0), rate);
        }
        return bins;
    }

    private static int nearestBin(double hz, int rate) {
        int best = 0;
        for (int k = 1; k <= FFT / 2; k++) {
            if (Math.abs(k * (double) rate / FFT - hz) < Math.abs(best * (double) rate / FFT - hz)) {
                best = k;
            }
        }
        return best;
    }

    /** {@code y}'s frames time-warped onto {@code x}'s: per x frame, the mean of the y frames matched to it. */
    static double[][] warp(double[][] x, double[][] y) {
        Dtw path = Dtw.align(decibelFrames(x), decibelFrames(y));
        int frames = x[0].length;
        double[][] out = new double[BANDS][frames];
        int[] matched = new int[frames];
        for (int k = 0; k < path.length(); k++) {
            int i = path.first()[k];
            int j = path.second()[k];
            matched[i]++;
            for (int b = 0; b < BANDS; b++) {
                out[b][i] += y[b][j];
            }
        }
        for (int i = 0; i < frames; i++) {
            for (int b = 0; b < BANDS; b++) {
                out[b][i] /= matched[i];
            }
        }
        return out;
    }

    /** Frames x bands in dB, the features the warping compares. */
    private static double[][] decibelFrames(double[][] bands) {
        int frames = bands[0].length;
        double[][] out = new double[frames][BANDS];
        for (int t = 0; t < frames; t++) {
            for (int b = 0; b < BANDS; b++) {
                out[t][b] = 20 * Math.log10(bands[b][t] + 1e-8);
            }
        }
        return out;
    }
}
