package io.mytts.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.eval.EvaluationReport;
import io.mytts.eval.EvaluationTexts;
import io.mytts.eval.IntelligibilityEvaluation;
import io.mytts.eval.PocketSphinxRecognizer;
import io.mytts.eval.ProsodyControlCheck;
import io.mytts.eval.SpeechRecognizer;
import io.mytts.model.SpeakerTable;
import io.mytts.synth.Voice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mytts eval --voice DIR --texts FILE}: intelligibility by speech recognition. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Synthesize each sentence of FILE, transcribe it with pocketsphinx (16 kHz) and report word"
                + " error rate, real-time factor and alignment failures; with --reference-wavs also the references'"
                + " own WER and, against them (time-warped), mel cepstral distortion, STOI, ESTOI, log-F0 RMSE"
                + " (cents) and voicing decision error; with --speaker-corpus also speaker identity: the share of"
                + " sentences (and of references) nearest to the expected speaker of that corpus; with --speed or --pitch (forward voices) also a control check:"
                + " the same sentences at speed 1 and pitch 0, the duration ratio and the median F0 shift in semitones.")
final class EvalCommand implements Callable<Integer> {

    /** The recognizer; tests put a fake here. */
    static Supplier<SpeechRecognizer> recognizer = EvalCommand::pocketSphinx;

    @Option(names = "--voice", paramLabel = "DIR", description = "The voice to evaluate; default: the first voice under voices/.")
    Path voice;

    @Mixin
    EvaluationTextsMixin sentences;

    @Option(names = "--reference-wavs", paramLabel = "DIR", description = "Folder of ID.wav recordings of the same sentences.")
    Path referenceWavs;

    @Option(names = "--speaker-corpus", paramLabel = "DIR",
            description = "Multi-speaker corpus (metadata.csv with a speaker column) to enrol speakers from, leaving out"
                    + " the evaluated ids: report which speaker each sentence (and reference) is nearest to.")
    Path speakerCorpus;

    @Option(names = "--expected-speaker", paramLabel = "NAME",
            description = "The corpus speaker the voice should sound like (default: the --speaker name, or a"
                    + " multi-speaker voice's first speaker).")
    String expectedSpeaker;

    @Option(names = "--speaker-enrolment", defaultValue = "100", paramLabel = "N",
            description = "Enrol at most N recordings per speaker of --speaker-corpus (default: ${DEFAULT-VALUE}).")
    int speakerEnrolment;

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
            if (speakerCorpus != null) {
                Set<String> evaluated = items.stream().map(EvaluationTexts.Item::id).collect(Collectors.toSet());
                b.optSpeakerCheck(SpeakersCommand.enrol(speakerCorpus, evaluated, speakerEnrolment, out), expected(v));
            } else if (expectedSpeaker != null) {
                throw new InvalidInputException("--expected-speaker needs --speaker-corpus, the corpus to enrol the"
                        + " speakers from");
            }
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
            String json = report.toJson();
            ProsodyControlCheck check = null;
            if (options.changesProsody()) {
                List<String> texts = items.stream().map(EvaluationTexts.Item::text).toList();
                check = ProsodyControlCheck.run(synthesis.synthesizer(v), texts, options, n -> {
                    if (n % 10 == 0 || n == total) {
                        out.printf(Locale.ROOT, "  %d/%d spoken at speed 1 and pitch 0 too%n", n, total);
                        out.flush();
                    }
                });
                ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json);
                root.set("control_check", check.toJson());
                json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
            }
            Files.writeString(output, json + "\n", StandardCharsets.UTF_8);
            out.print(report.summary());
            if (check != null) {
                out.print(check.summary());
            }
            out.println("report: " + output);
        }
        return 0;
    }

    /** The speaker the synthesized audio should sound like: as told, else the voice's speaker by name. */
    private String expected(Voice v) {
        if (expectedSpeaker != null) {
            return expectedSpeaker;
        }
        SpeakerTable table = v.speakers();
        if (!table.isMultiSpeaker()) {
            throw new InvalidInputException("voice " + v.name() + " has a single unnamed speaker: give"
                    + " --expected-speaker NAME, the speaker of " + speakerCorpus + " it should sound like");
        }
        return table.name(v.speakerIndex(synthesis.speaker));
    }

    private static SpeechRecognizer pocketSphinx() {
        if (!PocketSphinxRecognizer.isAvailable()) {
            throw new InvalidInputException("pocketsphinx is not installed; install Debian's pocketsphinx and"
                    + " pocketsphinx-en-us (apt-get install pocketsphinx pocketsphinx-en-us)");
        }
        return new PocketSphinxRecognizer();
    }
}
