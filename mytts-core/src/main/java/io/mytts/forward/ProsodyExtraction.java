package io.mytts.forward;

import io.mytts.InvalidInputException;
import io.mytts.audio.ComplexSpectrogram;
import io.mytts.audio.Stft;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.data.FeatureCache;
import io.mytts.data.FrameProsody;
import io.mytts.monitor.Progress;
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
 * Pitch and energy per token, from each utterance's audio and its durations; or per frame, with no
 * durations ({@link #extractFrames}), for a forward model that finds its own alignment.
 *
 * <p>Per mel frame: F0 by {@link Yin} at the cache's hop (its frame {@code t} is centred on the
 * same sample as the STFT's), and energy = the natural log of the L2 norm of the frame's linear
 * STFT magnitudes ({@link Stft}, the mel's own framing). Per speaker, over the whole corpus: the
 * mean and deviation of log-F0 over voiced frames and of energy over all frames. Per token: the mean
 * log-F0 of its voiced frames and the mean energy of its frames, each as a z-score of the speaker's
 * statistics (0 when the token has no voiced frame, or no frame): the mean of the frames' z-scores
 * ({@link FrameProsody#perToken}), so that per-token values from stored frames are the same.
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

    /**
     * Speaker statistics, and per-token prosody ({@link #extract}) or per-frame prosody
     * ({@link #extractFrames}); the other list is empty.
     */
    public record Result(Map<String, SpeakerStats> speakers, List<TokenProsody> utterances,
            List<FrameProsody> frames) {}

    /**
     * Pitch and energy for the utterances of {@code durations} (id → frames per token, in the order
     * to keep).
     */
    public Result extract(Map<String, int[]> durations) {
        List<Frames> frames = frameValues(new ArrayList<>(durations.keySet()));
        Map<String, SpeakerStats> stats = speakerStats(frames);
        List<TokenProsody> out = new ArrayList<>(frames.size());
        for (Frames f : frames) {
            out.add(perToken(f, durations.get(f.id()), stats.get(f.speaker())));
        }
        return new Result(stats, out, List.of());
    }

    /** Normalised pitch and energy per frame of {@code ids} (in the order to keep), with no durations. */
    public Result extractFrames(List<String> ids) {
        List<Frames> frames = frameValues(ids);
        Map<String, SpeakerStats> stats = speakerStats(frames);
        List<FrameProsody> out = new ArrayList<>(frames.size());
        for (Frames f : frames) {
            out.add(normalised(f, stats.get(f.speaker())));
        }
        return new Result(stats, List.of(), out);
    }

    private List<Frames> frameValues(List<String> ids) {
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
        return frames;
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
        return normalised(f, stats).perToken(durations);
    }

    /** Each frame's values as z-scores of the speaker's statistics (pitch NaN where unvoiced). */
    static FrameProsody normalised(Frames f, SpeakerStats stats) {
        int n = f.energy().length;
        float[] pitch = new float[n];
        float[] energy = new float[n];
        for (int t = 0; t < n; t++) {
            double logF0 = f.logF0()[t];
            pitch[t] = Double.isNaN(logF0) ? Float.NaN : (float) ((logF0 - stats.logF0Mean()) / stats.logF0Std());
            energy[t] = (float) ((f.energy()[t] - stats.energyMean()) / stats.energyStd());
        }
        return new FrameProsody(f.id(), pitch, energy);
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
