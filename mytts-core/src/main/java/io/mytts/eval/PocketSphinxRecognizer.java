package io.mytts.eval;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech recognition with CMU PocketSphinx and its US English model (Debian's {@code pocketsphinx}
 * and {@code pocketsphinx-en-us}), run as a subprocess per file. It expects 16 kHz mono 16-bit WAV.
 */
public final class PocketSphinxRecognizer implements SpeechRecognizer {

    static final String COMMAND = "pocketsphinx_continuous";
    private static final long TIMEOUT_SECONDS = 120;

    /** Whether the recognizer can run on this machine. */
    public static boolean isAvailable() {
        try {
            Process p = new ProcessBuilder(COMMAND, "-h").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public String transcribe(Path wav) {
        List<String> cmd = List.of(COMMAND, "-infile", wav.toString(), "-logfn", "/dev/null");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidInputException(wav + ": speech recognition timed out");
            }
            if (p.exitValue() != 0) {
                throw new InvalidInputException(wav + ": pocketsphinx failed with status " + p.exitValue()
                        + "; is it a 16 kHz mono WAV?");
            }
            return String.join(" ", out.strip().split("\\s+")).strip();
        } catch (IOException e) {
            throw new InvalidInputException("cannot run " + COMMAND
                    + ": install Debian's pocketsphinx and pocketsphinx-en-us (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while transcribing " + wav, e);
        }
    }
}
