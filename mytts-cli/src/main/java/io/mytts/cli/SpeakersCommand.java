package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import io.mytts.eval.EvaluationTexts;
import io.mytts.eval.SpeakerAccuracy;
import io.mytts.eval.SpeakerIdentification;
import io.mytts.eval.SpeakerIdentifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts speakers identify}: which speaker of a multi-speaker corpus recordings sound like. */
@Command(name = "speakers", mixinStandardHelpOptions = true,
        description = "Speaker identity: tell which speaker of a multi-speaker corpus a recording sounds like.",
        subcommands = {SpeakersCommand.Identify.class})
final class SpeakersCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** An identifier enrolled from a corpus, leaving out some ids; one line about it on {@code out}. */
    static SpeakerIdentifier enrol(Path corpus, Set<String> excludeIds, int perSpeaker, PrintWriter out) {
        long start = System.nanoTime();
        SpeakerIdentifier id = SpeakerIdentifier.builder().setCorpus(corpus).optExcludeIds(excludeIds)
                .optPerSpeaker(perSpeaker).build();
        out.printf(Locale.ROOT, "enrolled %d speakers from %s in %.1f s: %s%n", id.speakers().size(), corpus,
                (System.nanoTime() - start) / 1e9, id.speakers().stream()
                        .map(s -> s.name() + " (" + s.recordings() + " recordings)").collect(Collectors.joining(", ")));
        out.flush();
        return id;
    }

    @Command(name = "identify", mixinStandardHelpOptions = true,
            description = "Enrol each speaker of CORPUS (MFCC 1..24 and deltas of the speech frames: a diagonal Gaussian"
                    + " per speaker) and print, for each WAV, the nearest speaker and every speaker's distance (mean"
                    + " negative log-likelihood per coefficient, lower is nearer). WAVs at any rate are resampled to"
                    + " 22050 Hz first.")
    static final class Identify implements Callable<Integer> {

        @Option(names = "--corpus", required = true, paramLabel = "DIR",
                description = "LJ Speech-format folder whose metadata.csv has a speaker column (id|raw|normalized|speaker).")
        Path corpus;

        @Option(names = "--exclude-ids", paramLabel = "FILE",
                description = "Corpus ids to leave out of enrolment, one a line (the held-out sentences).")
        Path excludeIds;

        @Option(names = "--per-speaker", defaultValue = "100", paramLabel = "N",
                description = "Enrol at most N recordings per speaker, the first listed (default: ${DEFAULT-VALUE}).")
        int perSpeaker;

        @Option(names = "--expected", paramLabel = "NAME",
                description = "The speaker the WAVs should be: also print the share assigned to it.")
        String expected;

        @Parameters(arity = "1..*", paramLabel = "WAV", description = "Recordings to identify.")
        List<Path> wavs;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SpeakerIdentifier identifier = enrol(corpus, excludeIds == null ? Set.of() : Set.copyOf(EvaluationTexts.readIds(excludeIds)),
                    perSpeaker, out);
            if (expected != null && !identifier.names().contains(expected)) {
                throw new InvalidInputException("--expected " + expected + " is not a speaker of " + corpus
                        + "; its speakers are " + String.join(", ", identifier.names()));
            }
            List<SpeakerIdentification> results = new ArrayList<>();
            for (Path wav : wavs) {
                AudioClip clip = WavIO.read(wav);
                SpeakerIdentification r = identifier.identify(clip);
                results.add(r);
                String distances = r.distances().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "));
                out.printf(Locale.ROOT, "%s: %s  (%s; %d frames)%n", wav, r.speaker(), distances, r.frames());
            }
            if (expected != null) {
                out.println("assigned to " + expected + ": " + SpeakerAccuracy.of(expected, results).describe());
            } else if (wavs.size() > 1) {
                Map<String, Integer> counts = SpeakerAccuracy.of("", results).assigned();
                out.println("assigned: " + counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
            }
            return 0;
        }
    }
}
