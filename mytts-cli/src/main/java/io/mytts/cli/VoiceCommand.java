package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.model.ModelKind;
import io.mytts.synth.VocoderKind;
import io.mytts.synth.Voice;
import io.mytts.synth.VoicePackager;
import io.mytts.text.Language;
import io.mytts.text.TextSettings;
import io.mytts.text.TokenizerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts voice pack|info}: make a voice folder from a checkpoint, and describe one. */
@Command(name = "voice", mixinStandardHelpOptions = true,
        description = "Package a trained checkpoint as a voice folder, or describe a voice.",
        subcommands = {VoiceCommand.Pack.class, VoiceCommand.Info.class})
final class VoiceCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = {"Write voices/NAME (voice.json, model.zip stored as float16, MODEL_CARD.md) from a checkpoint zip"
                    + " of either kind, autoregressive or forward (the checkpoint says which).",
                "The checkpoint knows its text settings and audio config; --tokenizer, --language and --config"
                        + " are needed only for checkpoints written before it recorded them."})
    static final class Pack implements Callable<Integer> {

        @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "Checkpoint zip written by training.")
        Path checkpoint;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "The voice folder to write, e.g. voices/slt.")
        Path out;

        @Option(names = "--name", description = "The voice's name (default: the folder's name).")
        String name;

        @Option(names = "--tokenizer",
                description = "What the model reads, characters or phonemes (default: what the checkpoint recorded).")
        TokenizerKind tokenizer;

        @Option(names = "--language", description = "en, fa or auto (default: what the checkpoint recorded).")
        String language;

        @Option(names = "--config", paramLabel = "FILE", description = "Config file whose audio section the model"
                + " was trained with (default: what the checkpoint recorded, else the reference convention).")
        Path config;

        @Option(names = "--model-card", paramLabel = "FILE", description = "Markdown model card (default: a skeleton to fill in).")
        Path modelCard;

        @Option(names = "--float32", description = "Keep float32 parameters (default: float16, half the size).")
        boolean float32;

        @Option(names = "--cross-win-tokens", paramLabel = "N",
                description = "Generate with a cross-attention window of N tokens ahead of the alignment peak "
                        + "instead of the model's (written to voice.json; keeps long sentences from skipping words).")
        Integer crossWinTokens;

        @Option(names = "--vocoder", paramLabel = "DIR",
                description = "A neural vocoder folder (or vocoder checkpoint) to pack into the voice as its default vocoder.")
        Path vocoder;

        @Option(names = "--default-vocoder", paramLabel = "KIND", defaultValue = "neural",
                description = "With --vocoder: which one the voice speaks with by default, neural or griffin-lim"
                        + " (default: ${DEFAULT-VALUE}); the other stays available with --vocoder.")
        String defaultVocoder;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            VoicePackager.Builder b = VoicePackager.builder()
                    .optNeuralVocoder(vocoder, VocoderKind.of(defaultVocoder) == VocoderKind.NEURAL)
                    .setName(name != null ? name : out.toAbsolutePath().normalize().getFileName().toString())
                    .optHalfPrecision(!float32);
            if (tokenizer != null || language != null) {
                if (tokenizer == null || language == null) {
                    throw new InvalidInputException("give --tokenizer and --language together, or neither"
                            + " (the checkpoint's own settings)");
                }
                b.optTextSettings(TextSettings.fromStrings(tokenizer.jsonName(), language));
            }
            if (config != null) {
                b.optAudioConfig(AudioCommand.audioConfig(config));
            }
            if (crossWinTokens != null) {
                b.optCrossWindow(CrossWindow.tokens(crossWinTokens));
            }
            if (modelCard != null) {
                if (!Files.isRegularFile(modelCard)) {
                    throw new InvalidInputException(modelCard + ": no such model card file");
                }
                b.optModelCard(Files.readString(modelCard));
            }
            b.build().fromCheckpoint(checkpoint, out);
            try (Voice v = Voice.load(out)) {
                spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s voice %s, %s, %.1f MB%n", out, v.kind(), v.name(),
                        v.precision(), Files.size(out.resolve("model.zip")) / 1e6);
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a voice folder.")
    static final class Info implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", arity = "0..1", description = "The voice folder (default: the bundled voice).")
        Path dir;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Voice v = Voice.load(Voices.require(dir))) {
                var c = v.config();
                boolean forward = v.kind() == ModelKind.FORWARD;
                out.printf(Locale.ROOT, "voice %s (%s)%n", v.name(), v.folder());
                out.printf(Locale.ROOT, "  text     %s, %s%n", v.textSettings().tokenizer(),
                        v.textSettings().language() == null ? "language detected" : v.textSettings().language().code());
                out.printf(Locale.ROOT, "  model    %s: %d layers, d_model %d, %d heads, %s, %,d parameters, stored as %s%n",
                        v.kind(), c.numLayers(), c.dModel(), c.numHeads(), forward ? "max_length " + c.maxLength()
                                : "r=" + c.reductionFactor(), v.parameterCount(), v.precision());
                if (forward) {
                    var f = v.forwardModel().forwardConfig();
                    out.printf(Locale.ROOT, "  forward  variance predictors %d channels, kernel %d, embedding kernel %d;"
                            + " speed 0.5-2.0 and pitch -12..12 semitones%n", f.varianceChannels(), f.varianceKernel(),
                            f.embeddingKernel());
                    var stats = v.forwardModel().speakerStats();
                    for (int i = 0; i < stats.size(); i++) {
                        var st = stats.get(i);
                        out.printf(Locale.ROOT, "  speaker  %slog-F0 %.3f +- %.3f (median F0 about %.0f Hz), energy %.3f +- %.3f%n",
                                stats.size() > 1 ? v.speakers().name(i) + ": " : "", st.logF0Mean(), st.logF0Std(),
                                Math.exp(st.logF0Mean()), st.energyMean(), st.energyStd());
                    }
                }
                var vs = v.vocoderSettings();
                String gl = "Griffin-Lim x" + vs.iterations();
                String neural = "neural (" + vs.path() + ")";
                out.printf(Locale.ROOT, "  audio    %d Hz, %d mels; vocoder %s%n", v.audio().sampleRate(), v.audio().nMels(),
                        vs.path() == null ? gl : vs.kind() == VocoderKind.NEURAL ? neural + ", " + gl + " on request"
                                : gl + ", " + neural + " on request");
                if (!forward) {
                    out.printf(Locale.ROOT, "  window   %s%n", v.crossWindow());
                }
                out.printf(Locale.ROOT, "  speakers %s%n", v.speakers().isMultiSpeaker()
                        ? v.speakers().size() + ": " + String.join(", ", v.speakers().names()) + " (choose with --speaker)"
                        : "1" + (v.speakers().names().isEmpty() ? "" : " (" + v.speakers().name(0) + ")"));
                var p = v.provenance();
                out.printf(Locale.ROOT, "  made     %s by MyTTS %s (commit %s), seed %s, dataset %s%n", p.created(),
                        p.myttsVersion() == null ? "(not recorded)" : p.myttsVersion(), p.gitCommit(), p.seed(), p.datasetHash());
                out.printf(Locale.ROOT, "  metadata %s%n", v.metadata());
            }
            return 0;
        }
    }
}
