package io.mytts.forward;

import io.mytts.InvalidInputException;
import io.mytts.audio.ComplexSpectrogram;
import io.mytts.audio.Stft;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.data.FeatureCache;
import io.mytts.data.Progress;
import io.mytts.data.ProsodyStore;
import io.mytts.data.ProsodyStore.SpeakerStats;
import io.mytts.data.TokenProsody;
import io.mytts.eval.PitchTrack;
import io.mytts.eval.Yin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Pitch and energy per token, from each utterance's audio and its durations.
 *
 * <p>Per mel frame: F0 by {@link Yin} at the cache's hop (its frame {@code t} is centred on the
 * same sample as the STFT's), and energy = the natural log of the L2 norm of the frame's linear
 * STFT magnitudes ({@link Stft}, the mel's own framing). Per speaker, over the whole corpus: the
 * mean and deviation of log-F0 over voiced frames and of energy over all frames. Per token: the mean
 * log-F0 of its voiced frames and the mean energy of its frames, each as a z-score of the speaker's
 * statistics (0 when the token has no voiced frame, or no frame).
 */
public final class ProsodyExtraction {

    /** Energy floor before the log: a frame of digital silence. */
    static final double ENERGY_FLOOR = 1e-5;

    /** One utterance's per-frame values: natural-log F0 (NaN when unvoiced) and log energy. */
    record Frames(String id, String speaker, double[] logF0, double[] energy) {}

    private final FeatureCache cache;
    private final Map<String, Path> audio;
    private final int threads;
    private final Progress.Factory progress;
    private final Yin yin;
    private final Stft stft;
    private final int sampleRate;

    private ProsodyExtraction(Builder b) {
        this.cache = b.cache;
        this.audio = b.audio;
        this.threads = b.threads;
        this.progress = b.progress;
        AudioConfig config = cache.audioConfig();
        this.sampleRate = config.sampleRate();
        this.yin = Yin.builder().setSampleRate(sampleRate).optHop(config.hopLength()).build();
        this.stft = new Stft(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Speaker statistics and per-token prosody. */
    public record Result(Map<String, SpeakerStats> speakers, List<TokenProsody> utterances) {}

    /**
     * Pitch and energy for the utterances of {@code durations} (id → frames per token, in the order
     * to keep).
     */
    public Result extract(Map<String, int[]> durations) {
        List<String> ids = new ArrayList<>(durations.keySet());
        for (String id : ids) {
            if (!audio.containsKey(id)) {
                throw new InvalidInputException(id + " is in the feature cache but not in the corpus' metadata;"
                        + " its audio cannot be found (prepare the corpus again)");
            }
        }
        List<Frames> frames;
        ForkJoinPool pool = new ForkJoinPool(threads);
        try (Progress bar = progress.start("pitch and energy", ids.size())) {
            frames = pool.submit(() -> ids.parallelStream().map(id -> {
                Frames f = frames(id);
                bar.step();
                return f;
            }).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        Map<String, SpeakerStats> stats = speakerStats(frames);
        List<TokenProsody> out = new ArrayList<>(frames.size());
        for (Frames f : frames) {
            out.add(perToken(f, durations.get(f.id()), stats.get(f.speaker())));
        }
        return new Result(stats, out);
    }

    /** The per-frame values of one utterance, cropped or padded to the cache's frame count. */
    Frames frames(String id) {
        Path file = audio.get(id);
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(id + ": its audio " + file + " is gone; the corpus changed since it was"
                    + " prepared");
        }
        float[] samples = WavIO.read(file).resampledTo(sampleRate).samples();
        int n = cache.frames(id);
        PitchTrack track = yin.track(samples);
        double[] logF0 = new double[n];
        for (int t = 0; t < n; t++) {
            logF0[t] = t < track.frames() && track.voiced(t) ? Math.log(track.f0()[t]) : Double.NaN;
        }
        ComplexSpectrogram spec = stft.forward(samples);
        double[] energy = new double[n];
        for (int t = 0; t < n; t++) {
            int frame = Math.min(t, spec.frames() - 1); // the cache's frames come from this STFT: equal counts
            double sum = 0;
            float[] re = spec.real()[frame];
            float[] im = spec.imag()[frame];
            for (int k = 0; k < re.length; k++) {
                sum += (double) re[k] * re[k] + (double) im[k] * im[k];
            }
            energy[t] = Math.log(Math.max(Math.sqrt(sum), ENERGY_FLOOR));
        }
        return new Frames(id, speakerOf(id), logF0, energy);
    }

    private String speakerOf(String id) {
        return cache.speakers().isEmpty() ? ProsodyStore.SINGLE_SPEAKER : cache.speakers().get(cache.speakerIndex(id));
    }

    /** Mean and deviation per speaker; a speaker with no voiced frame (or no spread) gets deviation 1. */
    static Map<String, SpeakerStats> speakerStats(List<Frames> frames) {
        Map<String, double[]> sums = new LinkedHashMap<>(); // n, Σ, Σ² of log-F0, then of energy
        for (Frames f : frames) {
            double[] s = sums.computeIfAbsent(f.speaker(), k -> new double[6]);
            for (double v : f.logF0()) {
                if (!Double.isNaN(v)) {
                    s[0]++;
                    s[1] += v;
                    s[2] += v * v;
                }
            }
            for (double v : f.energy()) {
                s[3]++;
                s[4] += v;
                s[5] += v * v;
            }
        }
        Map<String, SpeakerStats> out = new LinkedHashMap<>();
        sums.forEach((speaker, s) -> out.put(speaker, new SpeakerStats(mean(s[0], s[1]), std(s[0], s[1], s[2]),
                mean(s[3], s[4]), std(s[3], s[4], s[5]))));
        return out;
    }

    private static double mean(double n, double sum) {
        return n > 0 ? sum / n : 0;
    }

    private static double std(double n, double sum, double squares) {
        if (n < 2) {
            return 1;
        }
        double m = sum / n;
        double var = Math.max(0, squares / n - m * m);
        return var > 0 ? Math.sqrt(var) : 1;
    }

    /** Token means of the frames each token lasts, as z-scores. */
    static TokenProsody perToken(Frames f, int[] durations, SpeakerStats stats) {
        float[] pitch = new float[durations.length];
        float[] energy = new float[durations.length];
        int start = 0;
        for (int t = 0; t < durations.length; t++) {
            int end = start + durations[t];
            double f0Sum = 0;
            int voiced = 0;
            double eSum = 0;
            for (int i = start; i < end; i++) {
                if (!Double.isNaN(f.logF0()[i])) {
                    f0Sum += f.logF0()[i];
                    voiced++;
                }
                eSum += f.energy()[i];
            }
            pitch[t] = voiced == 0 ? 0f : (float) ((f0Sum / voiced - stats.logF0Mean()) / stats.logF0Std());
            energy[t] = end == start ? 0f : (float) ((eSum / (end - start) - stats.energyMean()) / stats.energyStd());
            start = end;
        }
        return new TokenProsody(f.id(), f.energy().length, durations, pitch, energy);
    }

    /** The cache and the audio files are required. */
    public static final class Builder {
        private FeatureCache cache;
        private Map<String, Path> audio;
        private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        private Progress.Factory progress = Progress.Factory.NONE;

        private Builder() {}

        public Builder setCache(FeatureCache cache) {
            this.cache = cache;
            return this;
        }

        /** The audio file of each utterance id (from the corpus the cache was prepared from). */
        public Builder setAudioFiles(Map<String, Path> audio) {
            this.audio = Map.copyOf(audio);
            return this;
        }

        /** Worker threads for pitch tracking and STFTs (default: 2, or 1 on one core). */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder optProgress(Progress.Factory progress) {
            this.progress = progress;
            return this;
        }

        public ProsodyExtraction build() {
            if (cache == null || audio == null) {
                throw new IllegalStateException("setCache and setAudioFiles are required");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, not " + threads);
            }
            return new ProsodyExtraction(this);
        }
    }
}
