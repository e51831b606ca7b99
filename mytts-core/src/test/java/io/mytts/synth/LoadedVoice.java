package io.mytts.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A voice loaded once for a test class, with its synthesizer, and closed after it: register it as
 * {@code @RegisterExtension static final LoadedVoice TINY = TinyVoices.loaded();}. A voice written for
 * the class goes to a temporary folder, deleted afterwards.
 */
public final class LoadedVoice implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<Path> write; // null: the folder is there already
    private final Path given;
    private Path temporary;
    private Voice voice;
    private Synthesizer synthesizer;

    private LoadedVoice(UnaryOperator<Path> write, Path given) {
        this.write = write;
        this.given = given;
    }

    /** The voice that {@code write} writes into the folder it is given (and returns). */
    public static LoadedVoice written(UnaryOperator<Path> write) {
        return new LoadedVoice(write, null);
    }

    /** The voice in {@code folder}, as it is. */
    public static LoadedVoice at(Path folder) {
        return new LoadedVoice(null, folder);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path folder = given;
        if (write != null) {
            temporary = Files.createTempDirectory("mytts-voice");
            folder = write.apply(temporary.resolve("voice"));
        }
        voice = Voice.load(folder);
        synthesizer = Synthesizer.of(voice);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (voice != null) {
            voice.close();
        }
        if (temporary != null) {
            try (Stream<Path> files = Files.walk(temporary)) {
                files.sorted(Comparator.reverseOrder()).forEach(LoadedVoice::delete);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Voice voice() {
        return voice;
    }

    public Synthesizer synthesizer() {
        return synthesizer;
    }
}
