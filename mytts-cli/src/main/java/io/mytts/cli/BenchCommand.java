package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.synth.LongTextBenchmark;
import io.mytts.synth.SynthesisBenchmark;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts bench synth}: benchmarks of the whole pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the whole pipeline (see also 'audio bench' and 'model bench').",
        subcommands = {BenchCommand.Synth.class, BenchCommand.LongText.class})
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
                    prosody.applyTo(SynthesisOptions.builder().optBatchSize(batchSize).optOverlapVocoder(overlapVocoder)),
                    repeats, out);
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

        @picocli.CommandLine.Mixin
        SynthesisMixin synthesis;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws java.io.IOException {
            if (!(minutes > 0) || !(interval > 0) || bytes < 1) {
                throw new InvalidInputException("bench long-text: --minutes, --interval and --bytes must be positive");
            }
            PrintWriter out = spec.commandLine().getOut();
            String speech = text != null ? SpeechOutput.readFile(text) : LongTextBenchmark.text(bytes, 1);
            Path wav = output != null ? output : java.nio.file.Files.createTempFile("mytts-long-text", ".wav");
            try (Voice v = Voice.load(Voices.require(voice))) {
                LongTextBenchmark.Report r = LongTextBenchmark.run(Synthesizer.of(v), speech, synthesis.options(), wav,
                        minutes * 60, interval, out);
                LongTextBenchmark.summarize(r, out);
            } finally {
                if (output == null) {
                    java.nio.file.Files.deleteIfExists(wav);
                }
            }
            return 0;
        }
    }
}
