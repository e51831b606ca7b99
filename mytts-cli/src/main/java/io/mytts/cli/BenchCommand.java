package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.eval.EvaluationTexts;
import io.mytts.synth.DecodingBenchmark;
import io.mytts.synth.LongTextBenchmark;
import io.mytts.synth.SynthesisBenchmark;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts bench synth}: benchmarks of the whole pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the whole pipeline (see also 'audio bench' and 'model bench').",
        subcommands = {BenchCommand.Synth.class, BenchCommand.LongText.class, BenchCommand.Decoding.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Real-time factor (whole, acoustic model, vocoder) and time to first audio for a 200-character"
                    + " text (medians). Uses --voice, else the bundled voice, else an untrained --preset model (a"
                    + " forward preset too) cut at a speaking rate's length.")
    static final class Synth implements Callable<Integer> {

        @Option(names = "--voice", paramLabel = "DIR", description = "The voice to measure; default: the bundled one.")
        Path voice;

        @Option(names = "--preset", defaultValue = "small",
                description = "Untrained model size when there is no voice (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--untrained", description = "Measure an untrained --preset model even if a voice is bundled.")
        boolean untrained;

        @Option(names = "--text", description = "Text to speak (default: a fixed 200-character text in two sentences).")
        String text;

        @Option(names = "--batch-size", defaultValue = "4",
                description = "Sentences decoded together after the first (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--overlap-vocoder", description = "Vocode each batch on a worker thread while the next decodes.")
        boolean overlapVocoder;

        @Option(names = "--repeats", defaultValue = "5", description = "Timed runs; medians are reported (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--beam", paramLabel = "K", defaultValue = "1",
                description = "Hypotheses per sentence; 1 is greedy (default: ${DEFAULT-VALUE}).")
        int beam;

        @Option(names = "--repair", paramLabel = "N", defaultValue = "0",
                description = "Decode a failed sentence again up to N times (default: ${DEFAULT-VALUE}).")
        int repair;

        @Option(names = "--text-aware-stop", description = "No stop before the attention reaches the last word.")
        boolean textAwareStop;

        @picocli.CommandLine.Mixin
        ProsodyMixin prosody;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (repeats < 1) {
                throw new InvalidInputException("bench synth: --repeats must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path folder = untrained ? null : Voices.resolve(voice).orElse(null);
            SynthesisBenchmark.report(folder, preset, text != null ? text : SynthesisBenchmark.TEXT,
                    prosody.applyTo(SynthesisOptions.builder().optBatchSize(batchSize).optOverlapVocoder(overlapVocoder)
                            .optBeam(beam).optRepair(repair).optTextAwareStop(textAwareStop)), repeats, out);
            return 0;
        }
    }

    @Command(name = "long-text", mixinStandardHelpOptions = true,
            description = "Resident memory over time while a very long text (default 1 MB of generated prose) is"
                    + " spoken into a WAV file as 'say' does it, sentence by sentence; prints a reading every"
                    + " --interval seconds and the growth from the first minute to the end.")
    static final class LongText implements Callable<Integer> {

        @Option(names = "--voice", paramLabel = "DIR", description = "The voice; default: the bundled one.")
        Path voice;

        @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text to speak instead of generated prose.")
        Path text;

        @Option(names = "--bytes", defaultValue = "1000000",
                description = "Size of the generated text (default: ${DEFAULT-VALUE}).")
        int bytes;

        @Option(names = "--minutes", defaultValue = "3",
                description = "Stop after this long if the text has not ended (default: ${DEFAULT-VALUE}).")
        double minutes;

        @Option(names = "--interval", defaultValue = "10",
                description = "Seconds between readings (default: ${DEFAULT-VALUE}).")
        double interval;

        @Option(names = {"-o", "--output"}, paramLabel = "WAV",
                description = "Keep the speech in this file (default: a temporary file, deleted at the end).")
        Path output;

        @Option(names = "--warm-up-sentences", paramLabel = "N", defaultValue = "0",
                description = "Also report the growth from the first reading after the first minute and N sentences"
                        + " (on a loaded machine the first minute is still warm-up; default: ${DEFAULT-VALUE}, off).")
        long warmUpSentences;

        @picocli.CommandLine.Mixin
        SynthesisMixin synthesis;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            if (!(minutes > 0) || !(interval > 0) || bytes < 1 || warmUpSentences < 0) {
                throw new InvalidInputException("bench long-text: --minutes, --interval and --bytes must be positive,"
                        + " --warm-up-sentences at least 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            String speech = text != null ? SpeechOutput.readFile(text) : LongTextBenchmark.text(bytes, 1);
            Path wav = output != null ? output : java.nio.file.Files.createTempFile("mytts-long-text", ".wav");
            try (Voice v = Voice.load(Voices.require(voice))) {
                LongTextBenchmark.Report r = LongTextBenchmark.run(Synthesizer.of(v), speech, synthesis.options(), wav,
                        minutes * 60, interval, out);
                LongTextBenchmark.summarize(r, warmUpSentences, out);
            } finally {
                if (output == null) {
                    java.nio.file.Files.deleteIfExists(wav);
                }
            }
            return 0;
        }
    }

    @Command(name = "decoding", mixinStandardHelpOptions = true,
            description = "Share of sentences with alignment failures (skipped, repeated or stuck words, no stop) and"
                    + " the real-time factor, for greedy decoding, --beam K, --repair N, --text-aware-stop and all"
                    + " three; each text of --texts spoken alone.")
    static final class Decoding implements Callable<Integer> {

        @Option(names = "--voice", paramLabel = "DIR", description = "The voice; default: the bundled one.")
        Path voice;

        @picocli.CommandLine.Mixin
        EvaluationTextsMixin sentences;

        @Option(names = "--beam", paramLabel = "K", defaultValue = "4",
                description = "Beam width of the beam strategies (default: ${DEFAULT-VALUE}).")
        int beam;

        @Option(names = "--repair", paramLabel = "N", defaultValue = "2",
                description = "Repair bound of the repair strategies (default: ${DEFAULT-VALUE}).")
        int repair;

        @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--cross-win-tokens", paramLabel = "N",
                description = "Cross-attention window of N tokens ahead (default: the voice's).")
        Integer crossWinTokens;

        @Option(names = "--no-window", description = "No cross-attention window, as MyTTSModel decodes.")
        boolean noWindow;

        @Option(names = "--list-failures", description = "Print each sentence with a failure.")
        boolean listFailures;

        @Option(names = "--strategies", paramLabel = "NAME", split = ",",
                description = "Only these rows, of greedy, beam, repair, text-aware-stop, all (default: all five).")
        List<String> only;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (noWindow && crossWinTokens != null) {
                throw new InvalidInputException("bench decoding: give --cross-win-tokens or --no-window, not both");
            }
            PrintWriter out = spec.commandLine().getOut();
            SynthesisOptions.Builder base = SynthesisOptions.builder().optSeed(seed);
            if (noWindow) {
                base.optCrossWindow(CrossWindow.off());
            } else if (crossWinTokens != null) {
                base.optCrossWindow(CrossWindow.tokens(crossWinTokens));
            }
            var strategies = DecodingBenchmark.select(DecodingBenchmark.strategies(base, beam, repair), only);
            List<String> texts = sentences.items().stream().map(EvaluationTexts.Item::text).toList();
            try (Voice v = Voice.load(Voices.require(voice))) {
                DecodingBenchmark.report(Synthesizer.of(v), texts, strategies, out, listFailures);
            }
            return 0;
        }
    }
}
