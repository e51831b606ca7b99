package io.mytts.synth;

import io.mytts.audio.StreamingWavWriter;
import io.mytts.eval.Median;
import io.mytts.ssml.SsmlDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory over time while a very long text is spoken into a WAV file the way
 * {@code mytts say} does it ({@link Synthesizer#stream} into a {@link StreamingWavWriter}): a
 * sample every few seconds, and the growth from the first minute to the end. A benchmark to run
 * by hand ({@code mytts bench long-text}); not a test, as its numbers depend on the machine.
 */
public final class LongTextBenchmark {

    /** One reading: seconds since the start, resident memory, heap in use and committed, progress. */
    public record Sample(double seconds, long residentBytes, long heapBytes, long heapCommittedBytes, int sentences,
            double audioSeconds) {}

    /** What a run found. */
    public record Report(int textBytes, List<Sample> samples, boolean finished) {

        /** The first reading at or after {@code seconds}, or the last one. */
        public Sample at(double seconds) {
            for (Sample s : samples) {
                if (s.seconds() >= seconds) {
                    return s;
                }
            }
            return samples.get(samples.size() - 1);
        }

        /**
         * The first reading after the first minute and at least {@code sentences} sentences (the
         * last one if none): on a loaded machine the first minute is still warm-up (the JIT, the
         * heap's and the allocator's first growth), which depends on the work done, not the time.
         */
        public Sample afterWarmUp(long sentences) {
            for (Sample s : samples) {
                if (s.seconds() >= 60 && s.sentences() >= sentences) {
                    return s;
                }
            }
            return samples.get(samples.size() - 1);
        }

        /**
         * The slope of a least-squares line through the resident memory of the readings from the
         * first minute on, in bytes a minute: single readings swing by a few percent as the heap
         * fills and is collected, the trend says whether memory keeps growing. NaN with fewer
         * than two such readings.
         */
        public double trendBytesPerMinute() {
            return trendBytesPerMinute(at(60));
        }

        /** The same trend, from the reading {@code from} on. */
        public double trendBytesPerMinute(Sample from) {
            List<Sample> late = samples.stream().filter(s -> s.seconds() >= from.seconds()).toList();
            if (late.size() < 2) {
                return Double.NaN;
            }
            double mt = late.stream().mapToDouble(Sample::seconds).average().orElseThrow();
            double mr = late.stream().mapToDouble(Sample::residentBytes).average().orElseThrow();
            double cov = 0;
            double var = 0;
            for (Sample s : late) {
                cov += (s.seconds() - mt) * (s.residentBytes() - mr);
                var += (s.seconds() - mt) * (s.seconds() - mt);
            }
            return var == 0 ? Double.NaN : cov / var * 60;
        }

        /** The highest resident memory from the first minute on. */
        public long peakAfterFirstMinute() {
            return peakFrom(at(60));
        }

        /** The highest resident memory from the reading {@code from} on. */
        public long peakFrom(Sample from) {
            return samples.stream().filter(s -> s.seconds() >= from.seconds()).mapToLong(Sample::residentBytes).max()
                    .orElse(samples.get(samples.size() - 1).residentBytes());
        }

        /**
         * The median resident memory of the last {@code windowSeconds} of readings over that of the
         * first {@code windowSeconds} after the first minute, minus one: single readings swing by a few
         * percent as each batch's tensors come and go (and the heap fills and is collected), so one
         * reading at each end may compare a trough with a peak; medians of a window compare levels.
         * NaN when the run after its first minute is shorter than two windows.
         */
        public double medianGrowth(double windowSeconds) {
            double end = samples.get(samples.size() - 1).seconds();
            if (!(windowSeconds > 0) || end - 60 < 2 * windowSeconds) {
                return Double.NaN;
            }
            return medianResident(end - windowSeconds, end) / medianResident(60, 60 + windowSeconds) - 1;
        }

        /** The median resident memory, in bytes, of the readings from {@code from} to {@code to} seconds; NaN for none. */
        public double medianResident(double from, double to) {
            return Median.of(samples.stream().filter(s -> s.seconds() >= from && s.seconds() <= to)
                    .mapToDouble(Sample::residentBytes).toArray());
        }

        /** Resident memory at the end over that after the first minute, minus one (0.03: 3% more). */
        public double growthAfterFirstMinute() {
            return growthFrom(at(60));
        }

        /** Resident memory at the end over that of the reading {@code from}, minus one. */
        public double growthFrom(Sample from) {
            Sample last = samples.get(samples.size() - 1);
            return last.residentBytes() / (double) from.residentBytes() - 1;
        }
    }

    private static final String[] SUBJECTS = {"The old lighthouse keeper", "A quiet neighbour", "My younger sister",
        "The travelling musician", "Every student in the class", "The tired engineer", "Our new doctor",
        "The baker on the corner", "A curious child", "The captain of the ship"};
    private static final String[] VERBS = {"walked along", "painted", "talked about", "looked for", "remembered",
        "carefully repaired", "wrote a letter about", "quietly watched", "laughed at", "dreamed of"};
    private static final String[] OBJECTS = {"the narrow bridge over the river", "a garden full of roses",
        "the train that left at dawn", "an island far to the north", "the broken clock in the hall",
        "a song from the old days", "the long road home", "the lights of the harbour", "a map of the mountains",
        "the letters in the attic"};
    private static final String[] ENDINGS = {"before the rain began.", "on a cold winter morning.",
        "for nearly 3 hours.", "with 12 friends.", "while the town slept.", "in 1987.", "and then went home.",
        "without saying a word.", "as the sun went down.", "at 7:30 in the evening."};

    private LongTextBenchmark() {}

    /** Seeded English prose of about {@code bytes} UTF-8 bytes: varied sentences, numbers, times and years. */
    public static String text(int bytes, long seed) {
        Random rnd = new Random(seed);
        StringBuilder out = new StringBuilder(bytes + 200);
        while (out.length() < bytes) {
            out.append(SUBJECTS[rnd.nextInt(SUBJECTS.length)]).append(' ').append(VERBS[rnd.nextInt(VERBS.length)])
                    .append(' ').append(OBJECTS[rnd.nextInt(OBJECTS.length)]).append(' ')
                    .append(ENDINGS[rnd.nextInt(ENDINGS.length)]).append(rnd.nextInt(8) == 0 ? "\n" : " ");
        }
        return out.substring(0, bytes);
    }

    /**
     * Speaks {@code text} into {@code wav} until it ends or {@code maxSeconds} pass, reading
     * memory every {@code intervalSeconds}; each reading is also printed to {@code out}. As
     * {@code say} does without {@code --timestamps}, the result keeps no sentences
     * ({@link SynthesisOptions#keepSentences()} off).
     */
    public static Report run(Synthesizer synth, String text, SynthesisOptions options, Path wav, double maxSeconds,
            double intervalSeconds, PrintWriter out) {
        long start = System.nanoTime();
        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sentences = new AtomicInteger();
        AtomicLong audioMillis = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mytts-memory-sampler");
            t.setDaemon(true);
            return t;
        });
        Runnable read = () -> {
            Runtime rt = Runtime.getRuntime();
            Sample s = new Sample((System.nanoTime() - start) / 1e9, residentBytes(), rt.totalMemory() - rt.freeMemory(),
                    rt.totalMemory(), sentences.get(), audioMillis.get() / 1000.0);
            samples.add(s);
            out.printf(Locale.ROOT, "%7.1f s  resident %7.1f MB  heap %6.1f of %6.1f MB  %6d sentences  %9.1f s of audio%n",
                    s.seconds(), s.residentBytes() / 1e6, s.heapBytes() / 1e6, s.heapCommittedBytes() / 1e6,
                    s.sentences(), s.audioSeconds());
            out.flush();
        };
        long period = Math.max(1, Math.round(intervalSeconds * 1000));
        sampler.scheduleAtFixedRate(read, 0, period, TimeUnit.MILLISECONDS);
        boolean finished = true;
        try (StreamingWavWriter writer = new StreamingWavWriter(wav, synth.sampleRate())) {
            synth.stream(SsmlDocument.ofText(text), options.toBuilder().optKeepSentences(false).build(),
                    (sentence, pcm) -> {
                sentences.incrementAndGet();
                audioMillis.set(Math.round(writer.durationSeconds() * 1000));
                if ((System.nanoTime() - start) / 1e9 > maxSeconds) {
                    throw new TimeUp();
                }
            }, writer::write);
        } catch (TimeUp e) {
            finished = false;
        } finally {
            sampler.shutdownNow();
        }
        read.run();
        return new Report(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, List.copyOf(samples), finished);
    }

    /** Ends a run when its time is up (a listener's exception ends the request). */
    private static final class TimeUp extends RuntimeException {
        TimeUp() {
            super("time is up", null, false, false);
        }
    }

    /** VmRSS of this process from /proc/self/status, in bytes; -1 where there is none (not Linux). */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The JVM's maximum heap, for the report's header. */
    static long maxHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** Prints the summary of a run. */
    /** The window of {@link Report#medianGrowth} in the summary. */
    static final double MEDIAN_WINDOW_SECONDS = 120;

    public static void summarize(Report r, PrintWriter out) {
        summarize(r, 0, out);
    }

    /**
     * Prints the summary of a run; with {@code warmUpSentences} above 0 also the growth from the
     * first reading after the first minute and that many sentences ({@link Report#afterWarmUp}).
     */
    public static void summarize(Report r, long warmUpSentences, PrintWriter out) {
        Sample minute = r.at(60);
        Sample last = r.samples().get(r.samples().size() - 1);
        out.printf(Locale.ROOT, "text: %d bytes; %s after %.0f s with %d sentences and %.1f s of audio (max heap %.0f MB)%n",
                r.textBytes(), r.finished() ? "finished" : "stopped at the time limit", last.seconds(), last.sentences(),
                last.audioSeconds(), maxHeapBytes() / 1e6);
        if (last.seconds() < 60) {
            out.println("resident memory: the run was shorter than a minute, so there is no growth after the first"
                    + " minute to report");
            return;
        }
        out.printf(Locale.ROOT, "resident memory: %.1f MB at %.0f s, %.1f MB at the end: %+.1f%% after the first minute;"
                + " highest since %.1f MB (%+.1f%%); trend %+.1f MB a minute%n",
                minute.residentBytes() / 1e6, minute.seconds(), last.residentBytes() / 1e6,
                100 * r.growthAfterFirstMinute(), r.peakAfterFirstMinute() / 1e6,
                100 * (r.peakAfterFirstMinute() / (double) minute.residentBytes() - 1), r.trendBytesPerMinute() / 1e6);
        double growth = r.medianGrowth(MEDIAN_WINDOW_SECONDS);
        if (!Double.isNaN(growth)) {
            double end = last.seconds();
            out.printf(Locale.ROOT, "medians of 2-minute windows: %.1f MB from 60 to 180 s, %.1f MB in the last two"
                    + " minutes: %+.1f%%%n", r.medianResident(60, 60 + MEDIAN_WINDOW_SECONDS) / 1e6,
                    r.medianResident(end - MEDIAN_WINDOW_SECONDS, end) / 1e6, 100 * growth);
        }
        if (warmUpSentences > 0) {
            Sample warm = r.afterWarmUp(warmUpSentences);
            out.printf(Locale.ROOT, "after the first minute and %d sentences: %.1f MB at %.0f s (%d sentences), %.1f MB at"
                    + " the end: %+.1f%%; highest since %.1f MB (%+.1f%%); trend %+.1f MB a minute%n", warmUpSentences,
                    warm.residentBytes() / 1e6, warm.seconds(), warm.sentences(), last.residentBytes() / 1e6,
                    100 * r.growthFrom(warm), r.peakFrom(warm) / 1e6,
                    100 * (r.peakFrom(warm) / (double) warm.residentBytes() - 1), r.trendBytesPerMinute(warm) / 1e6);
        }
    }
}
