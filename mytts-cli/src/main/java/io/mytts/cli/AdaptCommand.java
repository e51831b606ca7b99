package io.mytts.cli;

import io.mytts.train.Adaptation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mytts adapt}: a trained voice learns a new speaker from a small corpus, resumably. */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = {"Fine-tune a trained voice on a small corpus of a new speaker (ten minutes is the aim, one"
                + " at least): a new speaker embedding is learned first, then, with --also-decoder, the decoder"
                + " with it; everything else stays as the voice has it.",
            "Writes RUN/cache (the corpus prepared with the voice's audio and text settings, resampled when its"
                    + " rate differs), RUN/speaker and RUN/decoder (run folders as 'mytts train' writes them);"
                    + " 'mytts voice pack --checkpoint' on the printed model.zip makes the adapted voice."})
final class AdaptCommand implements Callable<Integer> {

    @Option(names = "--voice", required = true, paramLabel = "NAME|DIR", description = "The trained voice to adapt.")
    Path voice;

    @Option(names = "--data", required = true, paramLabel = "CORPUS",
            description = "The new speaker's recordings: an LJ Speech folder (metadata.csv, wavs/) or a file list.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
    Path out;

    @Option(names = "--speaker", paramLabel = "NAME",
            description = "The new speaker's name (default: the corpus's speaker, else its folder's name).")
    String speaker;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000",
            description = "Steps of the embedding phase (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--also-decoder", description = "Then fine-tune the decoder and postnet too.")
    boolean alsoDecoder;

    @Option(names = "--decoder-steps", paramLabel = "N",
            description = "Steps of the decoder phase (default: as many as --steps).")
    long decoderSteps;

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "Learning rate (default: 3e-3 for the embedding, 1e-4 with the decoder).")
    Double learningRate;

    @Option(names = "--resume", description = "Continue the adaptation in --out from its latest checkpoints.")
    boolean resume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Adaptation.Result r = Adaptation.builder().setVoice(Voices.folderOf(voice)).setData(data).setRunFolder(out)
                .optSpeaker(speaker).optSteps(steps).optAlsoDecoder(alsoDecoder).optDecoderSteps(decoderSteps)
                .optLearningRate(learningRate).optResume(resume).optTerminal(System.console() != null).build().run();
        spec.commandLine().getOut().printf(Locale.ROOT, "%s speaker %s (%.1f min of audio); speakers now %s;"
                + " model %s%n", r.interrupted() ? "stopped adapting to" : "adapted to", r.speaker(), r.seconds() / 60,
                String.join(", ", r.speakers().names()), r.checkpoint());
        return 0;
    }
}
