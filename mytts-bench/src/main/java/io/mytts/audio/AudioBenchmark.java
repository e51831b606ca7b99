package io.mytts.audio;

import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Measures the audio front end: log-mel extraction speed, resampling speed, and Griffin-Lim's
 * real-time factor and spectral convergence on real speech. Timings are medians of repeated runs
 * after a warm-up. Run it with {@code ./mytts audio bench} or this class's {@code main}.
 */
public final class AudioBenchmark {

    /** What flite says when no speech WAV is given. */
    public static final String SENTENCE = "The quick brown fox jumps over the lazy dog."
            + " Speech synthesis on the Java virtual machine sounds like this.";

    private AudioBenchmark() {}

    /**
     * Runs every measurement and prints a report.
     *
     * @param speechWav real speech to measure Griffin-Lim on; null: make it with flite
     * @param melSeconds seconds of 22.05 kHz audio for the log-mel timing (3600: one hour)
     * @param repeats timed runs per measurement (the median is reported)
     */
    public static void run(Path speechWav, double melSeconds, int repeats, PrintWriter out) throws IOException, InterruptedException {
        AudioConfig c = AudioConfig.DEFAULT;
        out.printf(Locale.ROOT, "machine: %d cores, Java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        // 1. Log-mel extraction on noise-plus-tones audio at 22.05 kHz.
        float[] long22k = testSignal((int) (melSeconds * c.sampleRate()), 1);
        MelSpectrogram mel = new MelSpectrogram(c);
        mel.compute(Arrays.copyOf(long22k, Math.min(long22k.length, c.sampleRate() * 60))); // warm-up
        double melTime = median(repeats, () -> mel.compute(long22k));
        out.flush();
        out.printf(Locale.ROOT, "log-mel: %.0f s of audio in %.2f s (median of %d) = %.1f s per hour of 22.05 kHz audio%n",
                melSeconds, melTime, repeats, melTime * 3600 / melSeconds);

        // 2. Resampling to 22.05 kHz, 60 s of input per rate.
        for (int from : new int[] {8000, 16000, 44100, 48000}) {
            float[] in = testSignal(from * 60, from);
            Resampler.resample(in, from, 22050); // warm-up
            double t = median(repeats, () -> Resampler.resample(in, from, 22050));
            out.printf(Locale.ROOT, "resample %5d -> 22050: %.3f s per minute of audio = %.1f s per hour%n", from, t, t * 60);
        }

        // 3. Griffin-Lim on real speech.
        AudioClip speech = speechWav != null ? WavIO.read(speechWav) : flite(SENTENCE);
        float[] x = speech.resampledTo(c.sampleRate()).samples();
        out.printf(Locale.ROOT, "speech: %s (%.2f s, from %d Hz)%n", speechWav != null ? speechWav : "flite -voice slt",
                x.length / (double) c.sampleRate(), speech.sampleRate());
        float[][] magnitude = new Stft(c).forward(x).magnitude(0);
        float[][] logMel = mel.compute(x);
        double seconds = x.length / (double) c.sampleRate();
        for (double momentum : new double[] {0.99, 0.0}) {
            GriffinLim gl = GriffinLim.builder().optIterations(32).optMomentum(momentum).build();
            gl.synthesize(logMel); // warm-up
            double t = median(repeats, () -> gl.synthesize(logMel));
            float[] fromLinear = gl.reconstruct(magnitude);
            float[] fromMel = gl.synthesize(logMel);
            double scLinear = gl.spectralConvergence(magnitude, fromLinear);
            double scMelTarget = gl.spectralConvergence(gl.melToLinear(logMel), fromMel);
            double scMelTrue = gl.spectralConvergence(magnitude, fromMel);
            double scMelDomain = GriffinLim.spectralConvergence(exp(logMel), exp(mel.compute(fromMel)));
            out.printf(Locale.ROOT, "griffin-lim momentum %.2f, 32 iterations: %.3f s for %.2f s of speech, real-time factor %.3f%n",
                    momentum, t, seconds, t / seconds);
            out.printf(Locale.ROOT, "  spectral convergence from the true magnitude: %.4f%n", scLinear);
            out.printf(Locale.ROOT, "  from the log-mel: %.4f against the mel-inverted magnitude, %.4f against the true"
                    + " magnitude, %.4f on mel energies%n", scMelTarget, scMelTrue, scMelDomain);
        }
    }

    private static float[][] exp(float[][] logMel) {
        float[][] e = new float[logMel.length][];
        for (int t = 0; t < logMel.length; t++) {
            e[t] = new float[logMel[t].length];
            for (int m = 0; m < e[t].length; m++) {
                e[t][m] = (float) Math.exp(logMel[t][m]);
            }
        }
        return e;
    }

    /** Noise plus a few tones, so that no part of the pipeline sees only zeros. */
    private static float[] testSignal(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.05 * rnd.nextGaussian() + 0.3 * Math.sin(i * 0.0627) + 0.1 * Math.sin(i * 0.513));
        }
        return x;
    }

    private static double median(int repeats, Supplier<?> work) {
        double[] t = new double[Math.max(1, repeats)];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            work.get();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    /** An utterance spoken by flite's slt voice. */
    static AudioClip flite(String text) throws IOException, InterruptedException {
        Path wav = Files.createTempFile("mytts-bench", ".wav");
        try {
            Process p;
            try {
                p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new InvalidInputException("flite is not installed (apt-get install flite);"
                        + " or pass a speech WAV with --wav FILE");
            }
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("flite failed with exit status " + p.exitValue());
            }
            return WavIO.read(wav);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** {@code java io.mytts.audio.AudioBenchmark [speech.wav] [mel-seconds] [repeats]}. */
    public static void main(String[] args) throws Exception {
        Path wav = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3600;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        run(wav, seconds, repeats, new PrintWriter(System.out, true));
    }
}
