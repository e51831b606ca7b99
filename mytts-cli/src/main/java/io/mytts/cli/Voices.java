package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.synth.Voice;
import io.mytts.text.Language;
import io.mytts.text.LanguageDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the voice a command speaks with: the one named (a folder, or the name of a bundled voice),
 * else the first bundled voice under voices/ that speaks the text's language.
 */
final class Voices {

    private Voices() {}

    /** The {@code voices/} folder of the installation (beside the launcher), or of the working directory. */
    static Path bundledRoot() {
        return Path.of(System.getProperty("mytts.home", "."), "voices");
    }

    /** The folder of {@code --voice}, or the first bundled voice, if any. */
    static Optional<Path> resolve(Path named) {
        return named != null ? Optional.of(folderOf(named)) : Voice.find(bundledRoot());
    }

    /**
     * The folder of {@code --voice}; without one, the first bundled voice that speaks {@code language}
     * (null: the language {@code text}'s script says, English when it has no letters). Empty when
     * nothing is bundled; an error when voices are bundled but none speaks the language.
     */
    static Optional<Path> resolve(Path named, Language language, String text) {
        if (named != null) {
            return Optional.of(folderOf(named));
        }
        List<Voice.Listing> bundled = Voice.list(bundledRoot());
        if (bundled.isEmpty()) {
            return Optional.empty();
        }
        Language wanted = language != null ? language : new LanguageDetector().detect(text);
        return Optional.of(bundled.stream().filter(v -> v.language() == null || v.language() == wanted).findFirst()
                .map(Voice.Listing::folder)
                .orElseThrow(() -> new InvalidInputException("no bundled voice speaks " + wanted.englishName() + " ("
                        + wanted.code() + "); the bundled voices are " + describe(bundled)
                        + ". Pass --voice DIR for a voice that does")));
    }

    /** As {@link #resolve(Path)}, but no voice at all is an error that says what to do. */
    static Path require(Path named) {
        return resolve(named).orElseThrow(() -> new InvalidInputException("no voice: none is bundled in "
                + bundledRoot() + " yet; pass --voice DIR (a folder with voice.json)"));
    }

    /** {@code --voice} as given: a folder, or the name of a bundled voice. */
    static Path folderOf(Path named) {
        if (Files.isDirectory(named) || named.getNameCount() != 1) {
            return named;
        }
        Path bundled = bundledRoot().resolve(named);
        if (Files.isDirectory(bundled)) {
            return bundled;
        }
        for (Voice.Listing v : Voice.list(bundledRoot())) {
            if (v.name().equals(named.toString())) {
                return v.folder();
            }
        }
        return named; // loading it says that it does not exist
    }

    /**
     * The acoustic model file of {@code --checkpoint}: the file itself (a run's or a voice's
     * {@code model.zip}), or the {@code model.zip} of a voice folder or of a run's checkpoint folder.
     */
    static Path checkpointFile(Path checkpoint) {
        if (Files.isDirectory(checkpoint)) {
            Path model = checkpoint.resolve("model.zip");
            if (!Files.isRegularFile(model)) {
                throw new InvalidInputException(checkpoint + " is a folder but neither a voice nor a checkpoint (no"
                        + " model.zip in it); give a checkpoint file");
            }
            return model;
        }
        if (!Files.isRegularFile(checkpoint)) {
            throw new InvalidInputException("checkpoint " + checkpoint + " does not exist");
        }
        return checkpoint;
    }

    private static String describe(List<Voice.Listing> voices) {
        return voices.stream().map(v -> v.name() + " (" + (v.language() == null ? "any" : v.language().code()) + ")")
                .collect(Collectors.joining(", "));
    }
}
