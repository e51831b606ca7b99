package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.eval.EvaluationReport;
import io.mytts.eval.EvaluationTexts;
import io.mytts.eval.IntelligibilityEvaluation;
import io.mytts.eval.PocketSphinxRecognizer;
import io.mytts.eval.SpeechRecognizer;
import io.mytts.synth.Voice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mytts eval --voice DIR --texts FILE}: intelligibility by speech recognition. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Synthesize each sentence of FILE, transcribe it with pocketsphinx (16 kHz) and report word"
                + " error rate, real-time factor and alignment failures; with --reference-wavs also the references'"
                + " own WER and, against them (time-warped), mel cepstral distortion, STOI, ESTOI, log-F0 RMSE"
                + " (cents) and voicing decision error.")
final class EvalCommand implements Callable<Integer> {

    /** The recognizer; tests put a fake here. */
    static Supplier<SpeechRecognizer> recognizer = EvalCommand::pocketSphinx;

    @Option(names = "--voice", paramLabel = "DIR", description = "The voice to evaluate; default: the first voice under voices/.")
    Path voice;

    @Mixin
    EvaluationTextsMixin sentences;

    @Option(names = "--reference-wavs", paramLabel = "DIR", description = "Folder of ID.wav recordings of the same sentences.")
    Path referenceWavs;

    @Option(names = {"-o", "--output"}, defaultValue = "eval-report.json", paramLabel = "FILE",
            description = "Where the JSON report goes (default: ${DEFAULT-VALUE}).")
    Path output;

    @Mixin
    SynthesisMixin synthesis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<EvaluationTexts.Item> items = sentences.items();
        var options = synthesis.options();
        SpeechRecognizer asr = recognizer.get();
        try (Voice v = Voice.load(Voices.require(voice))) {
            IntelligibilityEvaluation.Builder b = IntelligibilityEvaluation.builder()
                    .setSynthesizer(synthesis.synthesizer(v)).setRecognizer(asr)
                    .optRecognizerName(asr instanceof PocketSphinxRecognizer ? "pocketsphinx en-us" : asr.getClass().getSimpleName())
                    .optOptions(options).optReferenceWavs(referenceWavs);
            int total = items.size();
            int[] done = {0};
            EvaluationReport report = b.build().run(items, r -> {
                done[0]++;
                if (done[0] % 10 == 0 || done[0] == total) {
                    out.printf(Locale.ROOT, "  %d/%d evaluated%n", done[0], total);
                    out.flush();
                }
            });
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, report.toJson() + "\n", StandardCharsets.UTF_8);
            out.print(report.summary());
            out.println("report: " + output);
        }
        return 0;
    }

    private static SpeechRecognizer pocketSphinx() {
        if (!PocketSphinxRecognizer.isAvailable()) {
            throw new InvalidInputException("pocketsphinx is not installed; install Debian's pocketsphinx and"
                    + " pocketsphinx-en-us (apt-get install pocketsphinx pocketsphinx-en-us)");
        }
        return new PocketSphinxRecognizer();
    }
}
