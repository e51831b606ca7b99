package io.mytts.cli;

import ai.djl.ndarray.NDManager;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.model.ModelBenchmark;
import io.mytts.model.TransformerTTS;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts model info|bench}: parameter counts of presets, and the model benchmark. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect and benchmark the TransformerTTS model.",
        subcommands = {ModelCommand.Info.class, ModelCommand.Bench.class})
final class ModelCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print a preset's parameter counts, in total and by part.")
    static final class Info implements Callable<Integer> {

        @Option(names = "--preset", defaultValue = "normal",
                description = "One of: tiny, small, normal, large (default: ${DEFAULT-VALUE}).")
        String preset;

        @Option(names = "--vocab-size", defaultValue = "100",
                description = "Symbols in the vocabulary (default: ${DEFAULT-VALUE}).")
        int vocabSize;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            TTSConfig c = Presets.config(preset);
            PrintWriter out = spec.commandLine().getOut();
            try (NDManager m = NDManager.newBaseManager();
                    TransformerTTS model = new TransformerTTS(c.model(), vocabSize, c.audio().nMels(), m, 0)) {
                out.printf("preset %s: %d layers, d_model %d, %d heads, dff %d, %s, %s, r=%d, vocabulary %d, %d mels%n",
                        preset, c.model().numLayers(), c.model().dModel(), c.model().numHeads(), c.model().dff(),
                        c.model().activation().jsonName(), c.model().posEncodingType().jsonName(),
                        c.model().reductionFactor(), vocabSize, c.audio().nMels());
                for (Map.Entry<String, Long> e : model.parameterCounts().entrySet()) {
                    out.printf("  %-15s %,13d%n", e.getKey(), e.getValue());
                }
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure decoding speed, cached vs uncached generation, a training step and"
                    + " memory over 10,000 decoding steps (random weights; takes minutes).")
    static final class Bench implements Callable<Integer> {

        @Option(names = "--quick", description = "Fewer steps and repeats, for a smoke run.")
        boolean quick;

        @Override
        public Integer call() {
            new ModelBenchmark(System.out).runAll(quick);
            return 0;
        }
    }
}
