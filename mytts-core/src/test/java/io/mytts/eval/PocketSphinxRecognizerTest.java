package io.mytts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PocketSphinxRecognizerTest {

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static void requireTool(boolean available, String what) {
        if (!available && onCi()) {
            fail(what + " is missing; CI must install it");
        }
        assumeTrue(available, what + " is not installed");
    }

    @Test
    void transcribesFliteSpeech(@TempDir Path dir) throws Exception {
        requireTool(PocketSphinxRecognizer.isAvailable(), "pocketsphinx");
        Path wav = dir.resolve("fox.wav");
        Process p;
        try {
            // flite writes 16 kHz mono, which is what the recognizer wants.
            p = new ProcessBuilder("flite", "-voice", "slt", "-t",
                    "the quick brown fox jumps over the lazy dog", "-o", wav.toString()).start();
        } catch (java.io.IOException e) {
            requireTool(false, "flite");
            return;
        }
        assertThat(p.waitFor()).isZero();
        String heard = new PocketSphinxRecognizer().transcribe(wav);
        assertThat(WordErrorRate.of("the quick brown fox jumps over the lazy dog", heard))
                .as("heard '%s'", heard).isLessThan(0.35);
    }

    @Test
    void badFileIsAClearError(@TempDir Path dir) throws Exception {
        requireTool(PocketSphinxRecognizer.isAvailable(), "pocketsphinx");
        Path notWav = dir.resolve("x.wav");
        java.nio.file.Files.writeString(notWav, "not audio");
        try {
            String heard = new PocketSphinxRecognizer().transcribe(notWav);
            assertThat(heard).isEmpty();
        } catch (io.mytts.InvalidInputException e) {
            assertThat(e.getMessage()).contains("x.wav");
        }
    }
}
