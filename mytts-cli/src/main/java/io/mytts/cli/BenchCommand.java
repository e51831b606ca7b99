package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.synth.SynthesisBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts bench synth}: benchmarks of the whole pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of the whole pipeline (see also 'audio bench' and 'model bench').",
        subcommands = {BenchCommand.Synth.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = "Real-time factor and time to first audio for a 200-character text (medians). Uses --voice,"
                    + " else the bundled voice, else an untrained --preset model cut at a speaking rate's length.")
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

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (repeats < 1) {
                throw new InvalidInputException("bench synth: --repeats must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path folder = untrained ? null : Voices.resolve(voice).orElse(null);
            SynthesisBenchmark.report(folder, preset, text != null ? text : SynthesisBenchmark.TEXT, batchSize,
                    overlapVocoder, repeats, out);
            return 0;
        }
    }
}
