package io.mytts.cli;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts say "TEXT" -o out.wav}: the main job, speech from text. */
@Command(name = "say", mixinStandardHelpOptions = true,
        description = "Speak TEXT into a WAV file with a voice (the bundled one by default).")
final class SayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TEXT", description = "What to say.")
    String text;

    @Option(names = {"-o", "--output"}, defaultValue = "out.wav", description = "WAV file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--voice", description = "A voice folder; default: the first voice under voices/.")
    Path voice;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("nothing to say: the text is empty");
        }
        Optional<Path> found = voice != null ? Optional.of(checkVoice(voice)) : bundledVoice();
        if (found.isEmpty()) {
            spec.commandLine().getOut().println("mytts say: no voice is bundled in voices/ yet, so no"
                    + " speech was written. Train one with './mytts train' or pass --voice DIR.");
            return 0;
        }
        throw new InvalidInputException(found.get() + ": synthesis is not available in this build yet");
    }

    private static Path checkVoice(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": no such voice folder");
        }
        return dir;
    }

    /** The first folder under {@code voices/} (beside the working directory) that holds a model. */
    static Optional<Path> bundledVoice() throws IOException {
        Path voices = Path.of(System.getProperty("mytts.home", "."), "voices");
        if (!Files.isDirectory(voices)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(voices)) {
            return s.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("model.json"))).sorted().findFirst();
        }
    }
}
