package io.mytts.audio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Makes real speech with flite for tests; skips the test when flite is missing, unless CI=true. */
final class Flite {

    private Flite() {}

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "flite"))) {
                return true;
            }
        }
        return false;
    }

    /** A flite (voice slt) utterance of {@code text}, read back as a clip; skips or fails as above. */
    static AudioClip speak(String text, Path dir) throws IOException, InterruptedException {
        if (!available()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("flite is required when CI=true (apt-get install flite)");
            }
            assumeTrue(false, "flite is not installed (apt-get install flite); skipping the real-speech test");
        }
        Path wav = dir.resolve("flite.wav");
        Process p = new ProcessBuilder("flite", "-voice", "slt", "-t", text, "-o", wav.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("flite failed (exit " + p.exitValue() + ")");
        }
        return WavIO.read(wav);
    }
}
