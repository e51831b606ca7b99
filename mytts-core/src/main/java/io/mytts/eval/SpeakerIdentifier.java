package io.mytts.eval;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.MelSpectrogram;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import io.mytts.data.Dataset;
import io.mytts.data.DatasetReader;
import io.mytts.data.Utterance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which of a set of known speakers a recording sounds like: each speaker is enrolled as a
 * diagonal Gaussian over the {@link SpeakerFeatures} of their recordings (MFCC 1..24 and deltas of
 * the speech frames: the mean and standard deviation of each), and a recording goes to the speaker
 * under whose Gaussian its frames are most likely.
 *
 * <p>Why a log-likelihood and not a distance between mean vectors: it weighs each coefficient by
 * how much that speaker's frames vary in it (a coefficient a speaker holds steady counts for more),
 * and it uses the spread of the recording's frames as well as their mean. Averaged over the frames
 * it is a function of exactly those statistics: per coefficient
 * {@code 0.5 (ln(2 pi s^2) + ((m - mu)^2 + v) / s^2)} for a recording with frame mean m and variance v
 * against a speaker with mean mu and variance s^2. It is the one-component case of the classic
 * Gaussian mixture speaker model (Reynolds and Rose, "Robust text-independent speaker identification
 * using Gaussian mixture speaker models", IEEE TSAP 3(1), 1995). Each speaker's variances are floored
 * at {@value #VARIANCE_FLOOR} of the variance pooled over all speakers, so a coefficient a speaker
 * barely moves cannot decide alone.
 *
 * <p>Every recording is resampled to the identifier's audio config (the reference convention,
 * 22050 Hz with mels up to 8 kHz, unless told) before its features are taken, so a 16 kHz teacher
 * and a 22050 Hz synthesizer are compared on the same bands.
 */
public final class SpeakerIdentifier {

    private static final Logger LOG = LoggerFactory.getLogger(SpeakerIdentifier.class);

    /** The share of the pooled variance below which no speaker's variance may go. */
    static final double VARIANCE_FLOOR = 0.01;

    /**
     * One enrolled speaker.
     *
     * @param name its name
     * @param recordings how many recordings it was enrolled from
     * @param frames how many speech frames they held
     * @param mean per coefficient
     * @param variance per coefficient (floored)
     */
    public record Speaker(String name, int recordings, long frames, double[] mean, double[] variance) {}

    private final List<Speaker> speakers;
    private final MelSpectrogram mel;
    private final String source;

    private SpeakerIdentifier(List<Speaker> speakers, MelSpectrogram mel, String source) {
        this.speakers = List.copyOf(speakers);
        this.mel = mel;
        this.source = source;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The enrolled speakers, sorted by name. */
    public List<Speaker> speakers() {
        return speakers;
    }

    /** The enrolled speakers' names, sorted. */
    public List<String> names() {
        return speakers.stream().map(Speaker::name).toList();
    }

    /** What the speakers were enrolled from: the corpus folder, or "recordings". */
    public String source() {
        return source;
    }

    /** The nearest speaker to a recording and every speaker's distance; {@link SpeakerIdentification#NO_SPEECH} for silence. */
    public SpeakerIdentification identify(AudioClip clip) {
        double[][] frames = SpeakerFeatures.of(clip, mel);
        if (frames.length == 0) {
            return SpeakerIdentification.NO_SPEECH;
        }
        int dims = frames[0].length;
        double[] m = new double[dims];
        double[] v = new double[dims];
        Moments.of(frames, m, v);
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (Speaker s : speakers) {
            double nll = 0;
            for (int d = 0; d < dims; d++) {
                double diff = m[d] - s.mean[d];
                nll += 0.5 * (Math.log(2 * Math.PI * s.variance[d]) + (diff * diff + v[d]) / s.variance[d]);
            }
            scored.add(Map.entry(s.name, nll / dims));
        }
        scored.sort(Map.Entry.comparingByValue());
        Map<String, Double> distances = new LinkedHashMap<>();
        scored.forEach(e -> distances.put(e.getKey(), e.getValue()));
        return new SpeakerIdentification(scored.get(0).getKey(), distances, frames.length);
    }

    /** Frame means and (population) variances, accumulated in double. */
    private static final class Moments {
        long frames;
        final double[] sum;
        final double[] sumSq;

        Moments(int dims) {
            sum = new double[dims];
            sumSq = new double[dims];
        }

        void add(double[][] fs) {
            for (double[] f : fs) {
                for (int d = 0; d < f.length; d++) {
                    sum[d] += f[d];
                    sumSq[d] += f[d] * f[d];
                }
            }
            frames += fs.length;
        }

        double mean(int d) {
            return sum[d] / frames;
        }

        double variance(int d) {
            double mu = mean(d);
            return Math.max(0, sumSq[d] / frames - mu * mu);
        }

        static void of(double[][] frames, double[] mean, double[] variance) {
            Moments m = new Moments(mean.length);
            m.add(frames);
            for (int d = 0; d < mean.length; d++) {
                mean[d] = m.mean(d);
                variance[d] = m.variance(d);
            }
        }
    }

    /**
     * What to enrol: a multi-speaker corpus ({@link #setCorpus}) or recordings per speaker
     * ({@link #addSpeaker}), one of the two.
     */
    public static final class Builder {
        private Path corpus;
        private final Map<String, List<AudioClip>> recordings = new TreeMap<>();
        private AudioConfig audio = AudioConfig.DEFAULT;
        private Set<String> excludeIds = Set.of();
        private int perSpeaker = 100;

        private Builder() {}

        /**
         * An LJ Speech-format folder whose {@code metadata.csv} has a speaker column
         * ({@code id|raw|normalized|speaker}, as {@code mytts corpus build} writes with several teachers).
         */
        public Builder setCorpus(Path folder) {
            this.corpus = folder;
            return this;
        }

        /** Recordings of one speaker, instead of a corpus. */
        public Builder addSpeaker(String name, List<AudioClip> clips) {
            recordings.computeIfAbsent(name, k -> new ArrayList<>()).addAll(clips);
            return this;
        }

        /** The audio front end features are taken with (default: the reference convention, 22050 Hz). */
        public Builder optAudioConfig(AudioConfig config) {
            this.audio = config;
            return this;
        }

        /** Corpus items left out of enrolment: the held-out sentences being identified. */
        public Builder optExcludeIds(Set<String> ids) {
            this.excludeIds = Set.copyOf(ids);
            return this;
        }

        /** At most this many recordings per speaker from the corpus, the first in its listing (default 100). */
        public Builder optPerSpeaker(int n) {
            this.perSpeaker = n;
            return this;
        }

        /** Reads and enrols the recordings. */
        public SpeakerIdentifier build() {
            if ((corpus == null) == recordings.isEmpty()) {
                throw new InvalidInputException("a speaker identifier is enrolled from a corpus or from recordings"
                        + " per speaker: give one of the two");
            }
            if (perSpeaker < 1) {
                throw new InvalidInputException("recordings per speaker must be at least 1, not " + perSpeaker);
            }
            MelSpectrogram mel = new MelSpectrogram(audio);
            Map<String, Moments> moments = new TreeMap<>();
            Map<String, Integer> counts = new TreeMap<>();
            int dims = SpeakerFeatures.dimensions(audio.nMels());
            if (corpus != null) {
                enrolCorpus(mel, dims, moments, counts);
            } else {
                recordings.forEach((name, clips) -> {
                    for (AudioClip clip : clips) {
                        add(name, SpeakerFeatures.of(clip, mel), dims, moments, counts);
                    }
                });
            }
            String from = corpus != null ? corpus.toString() : "recordings";
            List<String> silent = moments.entrySet().stream().filter(e -> e.getValue().frames < 2)
                    .map(Map.Entry::getKey).toList();
            if (!silent.isEmpty()) {
                throw new InvalidInputException(from + ": no speech found in the recordings of " + silent
                        + (excludeIds.isEmpty() ? "" : " left after the " + excludeIds.size() + " held-out ids")
                        + "; a speaker needs recordings with speech to be enrolled");
            }
            if (moments.size() < 2) {
                throw new InvalidInputException(from + ": only " + moments.keySet() + " could be enrolled;"
                        + " telling speakers apart needs at least two");
            }
            return new SpeakerIdentifier(gaussians(moments, counts, dims), mel, from);
        }

        private void enrolCorpus(MelSpectrogram mel, int dims, Map<String, Moments> moments, Map<String, Integer> counts) {
            Dataset data = new DatasetReader().read(corpus);
            if (data.speakers().size() < 2) {
                throw new InvalidInputException(corpus + ": " + (data.speakers().isEmpty() ? "no speaker column"
                        : "a single speaker (" + data.speakers().get(0) + ")") + " in its metadata; a speaker"
                        + " identifier is enrolled from a corpus of at least two speakers, rows id|raw|normalized|speaker"
                        + " (mytts corpus build --teacher flite:slt,flite:awb ... writes one)");
            }
            int skipped = 0;
            for (Utterance u : data.utterances()) {
                if (excludeIds.contains(u.id()) || counts.getOrDefault(u.speaker(), 0) >= perSpeaker) {
                    continue;
                }
                AudioClip clip;
                try {
                    clip = WavIO.read(u.audio());
                } catch (InvalidInputException | java.io.UncheckedIOException e) {
                    LOG.warn("{}: {} left out of enrolment: {}", u.source(), u.audio().getFileName(), e.getMessage());
                    skipped++;
                    continue;
                }
                add(u.speaker(), SpeakerFeatures.of(clip, mel), dims, moments, counts);
            }
            if (skipped > 0) {
                LOG.warn("{}: {} recordings could not be read and were left out of enrolment", corpus, skipped);
            }
            for (String name : data.speakers()) {
                moments.computeIfAbsent(name, k -> new Moments(dims));
            }
        }

        private static void add(String name, double[][] frames, int dims, Map<String, Moments> moments,
                Map<String, Integer> counts) {
            moments.computeIfAbsent(name, k -> new Moments(dims)).add(frames);
            counts.merge(name, 1, Integer::sum);
        }

        private static List<Speaker> gaussians(Map<String, Moments> moments, Map<String, Integer> counts, int dims) {
            double[] pooled = new double[dims];
            for (Moments m : moments.values()) {
                for (int d = 0; d < dims; d++) {
                    pooled[d] += m.variance(d) / moments.size();
                }
            }
            List<Speaker> out = new ArrayList<>();
            moments.forEach((name, m) -> {
                double[] mean = new double[dims];
                double[] variance = new double[dims];
                for (int d = 0; d < dims; d++) {
                    mean[d] = m.mean(d);
                    variance[d] = Math.max(m.variance(d), Math.max(VARIANCE_FLOOR * pooled[d], 1e-12));
                }
                out.add(new Speaker(name, counts.getOrDefault(name, 0), m.frames, mean, variance));
            });
            out.sort(Comparator.comparing(Speaker::name));
            return out;
        }
    }
}
