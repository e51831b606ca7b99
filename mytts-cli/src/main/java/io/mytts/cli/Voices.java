package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.synth.Voice;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the voice a command speaks with: the one named, or the first bundled under voices/. */
final class Voices {

    private Voices() {}

    /** The {@code voices/} folder of the installation (beside the launcher), or of the working directory. */
    static Path bundledRoot() {
        return Path.of(System.getProperty("mytts.home", "."), "voices");
    }

    /** The folder of {@code --voice}, or the first bundled voice, if any. */
    static Optional<Path> resolve(Path named) {
        return named != null ? Optional.of(named) : Voice.find(bundledRoot());
    }

    /** As {@link #resolve}, but no voice at all is an error that says what to do. */
    static Path require(Path named) {
        return resolve(named).orElseThrow(() -> new InvalidInputException("no voice: none is bundled in "
                + bundledRoot() + " yet; pass --voice DIR (a folder with voice.json)"));
    }
}
