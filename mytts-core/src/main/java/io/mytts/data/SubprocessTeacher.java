package io.mytts.data;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.WavIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A teacher that is a command-line synthesizer started as a subprocess: {@code flite:NAME} runs
 * {@code flite -voice NAME -f text -o out.wav}, {@code espeak-ng:NAME} runs
 * {@code espeak-ng -v NAME -f text -w out.wav}. The text goes through a file, so no shell quoting is
 * involved. With a pitch shift ({@link #speak(String, double)}) it adds the arguments
 * {@link TeacherPitch} measured for the voice: flite's {@code --setf int_f0_target_mean=...
 * --setf int_f0_target_stddev=...}, espeak-ng's {@code -p N}.
 */
public final class SubprocessTeacher implements TeacherVoice {

    /** The engines this class can start. */
    private enum Engine {
        FLITE("flite", "flite"), ESPEAK_NG("espeak-ng", "espeak-ng");

        final String prefix;
        final String command;

        Engine(String prefix, String command) {
            this.prefix = prefix;
            this.command = command;
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private final Engine engine;
    private final String name;
    /** How to move this voice's pitch, measured on the first {@link #preparePitchShift}; null before. */
    private volatile TeacherPitch pitch;

    private SubprocessTeacher(Engine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    /** Parses {@code flite:slt} or {@code espeak-ng:en-us}; checks that the program is installed. */
    public static SubprocessTeacher parse(String spec) {
        String s = spec.strip();
        int colon = s.indexOf(':');
        String prefix = colon < 0 ? s : s.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = colon < 0 ? "" : s.substring(colon + 1);
        Engine engine = null;
        for (Engine e : Engine.values()) {
            if (e.prefix.equals(prefix)) {
                engine = e;
            }
        }
        if (engine == null || name.isBlank() || !name.matches("[A-Za-z0-9_+.-]+")) {
            throw new InvalidInputException("teacher '" + spec + "': expected ENGINE:NAME with ENGINE flite or"
                    + " espeak-ng, e.g. flite:slt, flite:awb, flite:rms, flite:kal16, espeak-ng:en-us, espeak-ng:fa");
        }
        requireInstalled(engine.command);
        if (engine == Engine.FLITE) {
            // flite falls back to its default voice, silently, when the name is unknown.
            List<String> known = fliteVoices();
            if (!known.contains(name)) {
                throw new InvalidInputException("teacher '" + spec + "': flite has no voice '" + name
                        + "'; it has " + String.join(", ", known));
            }
        }
        return new SubprocessTeacher(engine, name);
    }

    /** The voices {@code flite -lv} lists. */
    static List<String> fliteVoices() {
        try {
            Process p = new ProcessBuilder("flite", "-lv").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            int colon = out.indexOf(':');
            return List.of(out.substring(colon + 1).strip().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** True when {@code program} can be found on the PATH. */
    public static boolean isInstalled(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static void requireInstalled(String program) {
        if (!isInstalled(program)) {
            throw new InvalidInputException(program + " is not installed (not found on PATH); install it,"
                    + " e.g. apt-get install " + program);
        }
    }

    @Override
    public String spec() {
        return engine.prefix + ":" + name;
    }

    @Override
    public AudioClip speak(String text) {
        return speak(text, List.of());
    }

    @Override
    public synchronized void preparePitchShift(double spread) {
        if (pitch == null) {
            pitch = engine == Engine.FLITE ? TeacherPitch.flite(spec(), this::speak) : TeacherPitch.espeak(spec(), this::speak);
        }
        pitch.check(spread);
    }

    @Override
    public AudioClip speak(String text, double semitones) {
        if (semitones == 0) {
            return speak(text);
        }
        if (pitch == null) {
            throw new IllegalStateException(spec() + ": preparePitchShift must come before a shifted speak");
        }
        return speak(text, pitch.arguments(semitones));
    }

    @Override
    public Map<String, Object> pitchCalibration() {
        return pitch == null ? Map.of() : pitch.describe();
    }

    private AudioClip speak(String text, List<String> extraArgs) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("mytts-voice");
            Path in = dir.resolve("text.txt");
            Path out = dir.resolve("out.wav");
            Files.writeString(in, text + "\n", StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>();
            if (engine == Engine.FLITE) {
                cmd.addAll(List.of("flite", "-voice", name, "-f", in.toString(), "-o", out.toString()));
            } else {
                cmd.addAll(List.of("espeak-ng", "-v", name, "-f", in.toString(), "-w", out.toString()));
            }
            cmd.addAll(extraArgs);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidInputException(spec() + ": no answer after " + TIMEOUT_SECONDS + " s");
            }
            String said = new String(output, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !Files.isRegularFile(out) || Files.size(out) <= 44) {
                throw new InvalidInputException(spec() + ": " + String.join(" ", cmd.subList(0, 3))
                        + " failed (exit " + p.exitValue() + ")" + (said.isEmpty() ? "" : ": " + firstLine(said))
                        + "; check the voice name (flite -lv, espeak-ng --voices)");
            }
            return WavIO.read(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + spec() + " was speaking", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    @Override
    public String toString() {
        return spec();
    }
}
