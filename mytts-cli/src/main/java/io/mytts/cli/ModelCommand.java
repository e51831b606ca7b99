package io.mytts.cli;

import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.config.ConfigFiles;
import io.mytts.config.Presets;
import io.mytts.config.AudioConfig;
import io.mytts.config.TTSConfig;
import io.mytts.forward.ForwardBenchmark;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelBenchmark;
import io.mytts.model.ModelKind;
import io.mytts.model.TransformerTTS;
import io.mytts.synth.Voice;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts model info|bench}: parameter counts of presets, and the model benchmark. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect and benchmark the TransformerTTS model (and the forward model's speed).",
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
                description = "One of: tiny, small, normal, large, forward-tiny, forward-small (default: ${DEFAULT-VALUE}).")
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
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, Long> counts;
                if (c.forward() != null) {
                    try (ForwardTTS model = ForwardBenchmark.randomModel(c, vocabSize, m)) {
                        counts = model.parameterCounts();
                    }
                } else {
                    try (TransformerTTS model = new TransformerTTS(c.model(), vocabSize, c.audio().nMels(), m, 0)) {
                        counts = model.parameterCounts();
                    }
                }
                out.printf("preset %s: %s%d layers, d_model %d, %d heads, dff %d, %s, %s, r=%d, vocabulary %d, %d mels%n",
                        preset, c.forward() != null ? "forward model, " : "", c.model().numLayers(), c.model().dModel(),
                        c.model().numHeads(), c.model().dff(), c.model().activation().jsonName(),
                        c.model().posEncodingType().jsonName(), c.model().reductionFactor(), vocabSize, c.audio().nMels());
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    out.printf("  %-16s %,13d%n", e.getKey(), e.getValue());
                }
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Measure decoding speed, cached vs uncached generation, a training step and"
                    + " memory over 10,000 decoding steps (random weights; takes minutes). With --voice or"
                    + " --config: decoding speed of that model only. With --model forward: the forward"
                    + " model's acoustic real-time factor (--checkpoint for trained weights, else --preset"
                    + " forward-small with random weights).")
    static final class Bench implements Callable<Integer> {

        @Option(names = "--quick", description = "Fewer steps and repeats, for a smoke run.")
        boolean quick;

        @Option(names = "--voice", paramLabel = "DIR",
                description = "Measure decoding of this voice's model (trained weights, its cross-attention window).")
        Path voice;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Measure decoding of a model built from this config file over --preset (random weights).")
        Path config;

        @Option(names = "--preset",
                description = "The preset --config overrides (default: small, or forward-small with --model forward).")
        String preset;

        @Option(names = "--model", paramLabel = "KIND", defaultValue = "autoregressive",
                description = "autoregressive (default) or forward.")
        String model;

        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "With --model forward: a forward model's model.zip to measure.")
        Path checkpoint;

        @Option(names = "--tokens", defaultValue = "200",
                description = "With --model forward: tokens per text (default: ${DEFAULT-VALUE}, about 200 characters).")
        int tokens;

        @Option(names = "--batch", defaultValue = "8",
                description = "With --model forward: texts per batched call, measured besides one (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", defaultValue = "200", description = "Decoder steps per run (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--runs", defaultValue = "5", description = "Runs; the median is reported (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() {
            ModelBenchmark bench = new ModelBenchmark(System.out);
            if (voice != null && config != null) {
                throw new InvalidInputException("give --voice or --config, not both");
            }
            if (steps < 1 || runs < 1) {
                throw new InvalidInputException("--steps and --runs must be at least 1");
            }
            if (ModelKind.parse(model) == ModelKind.FORWARD) {
                benchForward();
                return 0;
            }
            if (checkpoint != null) {
                throw new InvalidInputException("--checkpoint is for --model forward; use --voice for an autoregressive voice");
            }
            String preset = this.preset == null ? "small" : this.preset;
            if (voice != null) {
                try (Voice v = Voice.load(voice)) {
                    if (v.kind() != ModelKind.AUTOREGRESSIVE) {
                        throw new InvalidInputException("--voice measures autoregressive decoder steps, but voice "
                                + v.name() + " is " + v.kind() + "; measure it with 'mytts model bench --model forward"
                                + " --checkpoint " + voice.resolve("model.zip") + "', or the whole voice with 'mytts"
                                + " bench synth --voice " + voice + "'");
                    }
                    bench.runDecode(v.name(), v.model(), v.crossWindow(), steps, runs);
                }
            } else if (config != null) {
                TTSConfig c = ConfigFiles.readOnto(Presets.config(preset), config);
                try (NDManager m = NDManager.newBaseManager();
                        TransformerTTS model = new TransformerTTS(c.model(), 64, c.audio().nMels(), m, 1)) {
                    bench.runDecode(config.toString(), model, c.model().crossWindow(), steps, runs);
                }
            } else {
                bench.runAll(quick);
            }
            System.out.flush();
            return 0;
        }

        private void benchForward() {
            if (voice != null) {
                throw new InvalidInputException("--voice is for --model autoregressive; give --checkpoint FILE");
            }
            if (tokens < 1 || batch < 1) {
                throw new InvalidInputException("--tokens and --batch must be at least 1");
            }
            ForwardBenchmark bench = new ForwardBenchmark(System.out);
            try (NDManager m = NDManager.newBaseManager()) {
                if (checkpoint != null) {
                    Checkpoint c = Checkpoint.read(checkpoint);
                    AudioConfig audio = c.provenance().config() != null ? c.provenance().config().audio() : AudioConfig.DEFAULT;
                    try (ForwardTTS f = ForwardTTS.fromCheckpoint(c, m)) {
                        bench.run(checkpoint.toString(), f, audio, tokens, batch, runs);
                    }
                } else {
                    String p = preset == null ? "forward-small" : preset;
                    TTSConfig c = config != null ? ConfigFiles.readOnto(Presets.config(p), config) : Presets.config(p);
                    try (ForwardTTS f = ForwardBenchmark.randomModel(c, 64, m)) {
                        bench.run(p + " (random weights)", f, c.audio(), tokens, batch, runs);
                    }
                }
            }
            System.out.flush();
        }
    }
}
