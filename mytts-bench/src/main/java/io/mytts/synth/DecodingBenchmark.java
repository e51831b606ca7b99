package io.mytts.synth;

import io.mytts.align.DecodingFailures;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Alignment failures and their cost by decoding strategy: each text is spoken alone with each
 * strategy (greedy, beam search, alignment repair, the text-aware stop, and all three), and the
 * share of sentences (chunks) in which the word-level failure detectors find a skip, repeat,
 * stuck attention or no stop is reported with the real-time factor (median over the texts, and
 * overall: all wall time over all audio). The real-time factor includes the vocoder.
 */
public final class DecodingBenchmark {

    private DecodingBenchmark() {}

    /** One strategy: a name and the options it runs with. */
    public record Strategy(String name, SynthesisOptions options) {}

    /** The short names of {@link #strategies}' rows, in order, for {@link #select}. */
    public static final List<String> KEYS = List.of("greedy", "beam", "repair", "text-aware-stop", "all");

    /** What one strategy did over all texts. */
    public record Row(String strategy, int sentences, int failed, int skipped, int repeated, int stuck, int noStop,
            int repaired, double medianRealTimeFactor, double overallRealTimeFactor, double audioSeconds,
            java.util.Map<String, Integer> spokenFrom) {

        double failedShare() {
            return sentences == 0 ? Double.NaN : failed / (double) sentences;
        }
    }

    /**
     * The five strategies: greedy, beam {@code beam}, repair {@code repair}, text-aware stop, and
     * all three, on top of {@code base}'s other options.
     */
    public static List<Strategy> strategies(SynthesisOptions.Builder base, int beam, int repair) {
        return List.of(
                new Strategy("greedy", base.optBeam(1).optRepair(0).optTextAwareStop(false).build()),
                new Strategy("--beam " + beam, base.optBeam(beam).optRepair(0).optTextAwareStop(false).build()),
                new Strategy("--repair " + repair, base.optBeam(1).optRepair(repair).optTextAwareStop(false).build()),
                new Strategy("--text-aware-stop", base.optBeam(1).optRepair(0).optTextAwareStop(true).build()),
                new Strategy("all three", base.optBeam(beam).optRepair(repair).optTextAwareStop(true).build()));
    }

    /**
     * The strategies named by {@link #KEYS} (all of them for null or an empty list), in their order.
     *
     * @throws io.mytts.InvalidInputException naming a key that is not one of them
     */
    public static List<Strategy> select(List<Strategy> five, List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return five;
        }
        for (String k : keys) {
            if (!KEYS.contains(k)) {
                throw new io.mytts.InvalidInputException("bench decoding: unknown strategy '" + k + "'; choose from "
                        + String.join(", ", KEYS));
            }
        }
        List<Strategy> out = new ArrayList<>();
        for (int i = 0; i < KEYS.size(); i++) {
            if (keys.contains(KEYS.get(i))) {
                out.add(five.get(i));
            }
        }
        return out;
    }

    /** Speaks every text with one strategy; {@code out} gets a line per failed sentence when verbose. */
    public static Row run(Synthesizer synth, List<String> texts, Strategy strategy, PrintWriter out, boolean verbose) {
        int sentences = 0;
        int failed = 0;
        int skipped = 0;
        int repeated = 0;
        int stuck = 0;
        int noStop = 0;
        int repaired = 0;
        double millis = 0;
        double seconds = 0;
        double[] rtf = new double[texts.size()];
        java.util.Map<String, Integer> spokenFrom = new java.util.TreeMap<>();
        for (int i = 0; i < texts.size(); i++) {
            SynthesisResult r = synth.synthesize(texts.get(i), strategy.options());
            rtf[i] = r.realTimeFactor();
            millis += r.totalMillis();
            seconds += r.durationSeconds();
            for (SentenceResult s : r.sentences()) {
                sentences++;
                repaired += s.repaired() ? 1 : 0;
                if (s.repaired()) {
                    spokenFrom.merge(s.repair().spokenFrom(), 1, Integer::sum);
                }
                DecodingFailures f = s.failures();
                if (!f.any()) {
                    continue;
                }
                failed++;
                skipped += f.skippedTokens().isEmpty() ? 0 : 1;
                repeated += f.repeatedTokens().isEmpty() ? 0 : 1;
                stuck += f.attentionStuck() ? 1 : 0;
                noStop += f.stopNeverFired() ? 1 : 0;
                if (verbose) {
                    out.printf(Locale.ROOT, "  %s, text %d: %s: %s%n", strategy.name(), i + 1, f.summary(),
                            Synthesizer.abbreviate(s.text()));
                }
            }
        }
        return new Row(strategy.name(), sentences, failed, skipped, repeated, stuck, noStop, repaired,
                SynthesisBenchmark.median(rtf), millis / 1000 / seconds, seconds, spokenFrom);
    }

    /** Runs every strategy after a warm-up (the first text once with each) and prints a Markdown table. */
    public static List<Row> report(Synthesizer synth, List<String> texts, List<Strategy> strategies, PrintWriter out,
            boolean verbose) {
        for (Strategy s : strategies) {
            synth.synthesize(texts.get(0), s.options()); // warm-up: JIT, native allocations of each batch shape
        }
        out.printf(Locale.ROOT, "decoding benchmark: voice %s, %d texts, each spoken alone, %d cores%n",
                synth.voice().name(), texts.size(), Runtime.getRuntime().availableProcessors());
        out.flush();
        List<Row> rows = new ArrayList<>();
        for (Strategy s : strategies) {
            rows.add(run(synth, texts, s, out, verbose));
            out.flush();
        }
        out.println();
        out.println("| decoding | sentences with failures | skipped | repeated | stuck | no stop | decoded again"
                + " | real-time factor, median | overall | audio |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d of %d (%.0f%%) | %d | %d | %d | %d | %d | %.3f | %.3f | %.1f s |%n",
                    r.strategy(), r.failed(), r.sentences(), 100 * r.failedShare(), r.skipped(), r.repeated(),
                    r.stuck(), r.noStop(), r.repaired(), r.medianRealTimeFactor(), r.overallRealTimeFactor(),
                    r.audioSeconds());
        }
        for (Row r : rows) {
            if (!r.spokenFrom().isEmpty()) {
                out.printf(Locale.ROOT, "%s: the sentences decoded again were spoken from %s%n", r.strategy(),
                        r.spokenFrom().toString().replaceAll("[{}]", ""));
            }
        }
        out.flush();
        return rows;
    }
}
