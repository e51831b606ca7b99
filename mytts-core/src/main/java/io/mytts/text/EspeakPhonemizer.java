package io.mytts.text;

import io.mytts.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Phonemes from espeak-ng, run as a subprocess ({@code espeak-ng -q --ipa -v VOICE}).
 *
 * <p>Texts are cut at pause punctuation (which is kept and written back between the phonemes),
 * and the word runs of many texts go to one espeak-ng call, one run a line. espeak-ng answers one
 * line per input line; when it does not (it started a clause inside a line), the batch is halved
 * until the odd line is alone, so the result is right either way. Large requests are shared among
 * several espeak-ng processes (one per core by default). Thread-safe: every call has its own processes.
 */
public final class EspeakPhonemizer implements Phonemizer {

    public static final String DEFAULT_EXECUTABLE = "espeak-ng";

    /** Punctuation that marks a pause; what it becomes in the phoneme string. */
    private static final String PAUSES = ".,!?;:،؛؟…";
    private static final String PAUSES_AS = ".,!?;:,;?.";
    /** Characters that are not spoken and could confuse espeak-ng (brackets start phoneme input). */
    private static final Pattern SILENT = Pattern.compile(
            "[\"«»()\\[\\]{}<>|\\\\_*#~^]|(?<=\\s|^)-+(?=\\s|$)|'(?!\\p{L})|(?<!\\p{L})'");
    /** espeak-ng marks a switch of language inside a line, e.g. "(en)hˈɛloʊ(fa)". */
    private static final Pattern LANGUAGE_SWITCH = Pattern.compile("\\([a-z]{2,3}(?:-[a-z0-9]+)?\\)");

    private final String executable;
    private final Duration timeout;
    private final int maxLinesPerCall;
    private final int parallelism;

    /** Below this many lines a process of its own is not worth starting. */
    private static final int MIN_LINES_PER_PROCESS = 64;

    private EspeakPhonemizer(Builder b) {
        this.executable = b.executable;
        this.timeout = b.timeout;
        this.maxLinesPerCall = b.maxLinesPerCall;
        this.parallelism = b.parallelism;
    }

    /** espeak-ng from the PATH with default settings. */
    public static EspeakPhonemizer create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code espeak-ng} can be started here (for tests and friendly messages). */
    public static boolean isAvailable() {
        return isAvailable(DEFAULT_EXECUTABLE);
    }

    public static boolean isAvailable(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<String> phonemize(List<String> texts, Language language) {
        if (texts == null || language == null) {
            throw new InvalidInputException("phonemize needs texts and a language (got null)");
        }
        List<List<String>> pieces = new ArrayList<>(texts.size());
        List<String> lines = new ArrayList<>();
        for (String text : texts) {
            TextCleaner.check(text);
            List<String> p = split(text);
            pieces.add(p);
            for (String piece : p) {
                if (!isPause(piece)) {
                    lines.add(piece);
                }
            }
        }
        List<String> phonemes = phonemizeLines(lines, language.espeakVoice());
        List<String> out = new ArrayList<>(texts.size());
        int next = 0;
        for (List<String> p : pieces) {
            StringBuilder sb = new StringBuilder();
            for (String piece : p) {
                if (isPause(piece)) {
                    sb.append(PAUSES_AS.charAt(PAUSES.indexOf(piece.charAt(0))));
                } else {
                    String ipa = phonemes.get(next++);
                    if (!ipa.isEmpty()) {
                        if (sb.length() > 0) {
                            sb.append(' ');
                        }
                        sb.append(ipa);
                    }
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static boolean isPause(String piece) {
        return piece.length() == 1 && PAUSES.indexOf(piece.charAt(0)) >= 0;
    }

    /** Word runs and pause marks, in order; runs have no line breaks and at least one letter or digit. */
    static List<String> split(String text) {
        String s = SILENT.matcher(text).replaceAll(" ");
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // a pause unless inside a word or number ("3.5", "U.S"): espeak-ng would start a new clause there
            boolean inside = i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                    && Character.isLetterOrDigit(s.charAt(i + 1));
            boolean pause = PAUSES.indexOf(c) >= 0 && !inside;
            if (pause) {
                addRun(out, run);
                out.add(String.valueOf(c));
            } else {
                run.append(Character.isWhitespace(c) || Character.isISOControl(c) ? ' ' : c);
            }
        }
        addRun(out, run);
        return out;
    }

    private static void addRun(List<String> out, StringBuilder run) {
        String r = run.toString().strip();
        run.setLength(0);
        if (r.codePoints().anyMatch(Character::isLetterOrDigit)) {
            out.add(r);
        }
    }

    /** The lines in parallel parts, each part in calls of at most {@code maxLinesPerCall} lines. */
    private List<String> phonemizeLines(List<String> lines, String voice) {
        int parts = Math.max(1, Math.min(parallelism, lines.size() / MIN_LINES_PER_PROCESS));
        if (parts == 1) {
            return phonemizeSerially(lines, voice);
        }
        int per = (lines.size() + parts - 1) / parts;
        List<CompletableFuture<List<String>>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parts, r -> {
            Thread t = new Thread(r, "espeak-ng");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int from = 0; from < lines.size(); from += per) {
                List<String> part = lines.subList(from, Math.min(lines.size(), from + per));
                futures.add(CompletableFuture.supplyAsync(() -> phonemizeSerially(part, voice), pool));
            }
            List<String> out = new ArrayList<>(lines.size());
            for (CompletableFuture<List<String>> f : futures) {
                out.addAll(f.join());
            }
            return out;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> phonemizeSerially(List<String> lines, String voice) {
        List<String> out = new ArrayList<>(lines.size());
        for (int from = 0; from < lines.size(); from += maxLinesPerCall) {
            out.addAll(phonemizeChecked(lines.subList(from, Math.min(lines.size(), from + maxLinesPerCall)), voice));
        }
        return out;
    }

    /**
     * One call for the batch; if espeak-ng answered a different number of lines (it started a new
     * clause inside a line), the halves are asked separately until the odd line is alone.
     */
    private List<String> phonemizeChecked(List<String> batch, String voice) {
        List<String> answer = run(batch, voice);
        if (answer.size() == batch.size()) {
            return answer;
        }
        if (batch.size() == 1) {
            return List.of(String.join(" ", answer).strip());
        }
        int mid = batch.size() / 2;
        List<String> out = new ArrayList<>(phonemizeChecked(batch.subList(0, mid), voice));
        out.addAll(phonemizeChecked(batch.subList(mid, batch.size()), voice));
        return out;
    }

    /** One espeak-ng call: the lines in, the cleaned output lines back. */
    private List<String> run(List<String> lines, String voice) {
        byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        Process process;
        try {
            process = new ProcessBuilder(executable, "-q", "--ipa", "-b", "1", "-v", voice).start();
        } catch (IOException e) {
            throw new InvalidInputException(executable + " was not found or cannot be started (" + e.getMessage()
                    + "): install espeak-ng (Debian/Ubuntu: apt-get install espeak-ng) or use the character tokenizer");
        }
        try {
            Thread writer = new Thread(() -> write(process.getOutputStream(), input), "espeak-ng-stdin");
            writer.setDaemon(true);
            writer.start();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> copy(process.getErrorStream(), err), "espeak-ng-stderr");
            errReader.setDaemon(true);
            errReader.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InvalidInputException(executable + " took longer than " + timeout.toSeconds()
                        + " s for " + lines.size() + " lines; try shorter text");
            }
            errReader.join(1000);
            if (process.exitValue() != 0) {
                throw new InvalidInputException(executable + " failed for voice '" + voice + "' (exit "
                        + process.exitValue() + "): " + err.toString(StandardCharsets.UTF_8).strip());
            }
            return parse(new String(stdout, StandardCharsets.UTF_8));
        } catch (IOException e) {
            process.destroyForcibly();
            throw new InvalidInputException(executable + " could not be read from: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InvalidInputException("interrupted while waiting for " + executable, e);
        }
    }

    private static List<String> parse(String stdout) {
        List<String> lines = new ArrayList<>(Arrays.asList(stdout.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(TextCleaner.collapseSpaces(LANGUAGE_SWITCH.matcher(line).replaceAll("")));
        }
        return out;
    }

    private static void write(OutputStream out, byte[] input) {
        try (out) {
            out.write(input);
        } catch (IOException ignored) {
            // espeak-ng exited early; its exit status says why
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        try {
            in.transferTo(to);
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Options of the espeak-ng phonemizer. */
    public static final class Builder {
        private String executable = DEFAULT_EXECUTABLE;
        private Duration timeout = Duration.ofMinutes(2);
        private int maxLinesPerCall = 10_000;
        private int parallelism = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /** The espeak-ng program: a name on the PATH or a path (default {@value #DEFAULT_EXECUTABLE}). */
        public Builder optExecutable(String executable) {
            this.executable = executable;
            return this;
        }

        /** How long one espeak-ng call may take (default 2 minutes). */
        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How many lines go to one espeak-ng call (default 10,000). */
        public Builder optMaxLinesPerCall(int lines) {
            this.maxLinesPerCall = lines;
            return this;
        }

        /** How many espeak-ng processes may run at once for one large request (default: one per core). */
        public Builder optParallelism(int processes) {
            this.parallelism = processes;
            return this;
        }

        public EspeakPhonemizer build() {
            if (parallelism < 1) {
                throw new InvalidInputException("espeak-ng parallelism must be at least 1, got " + parallelism);
            }
            if (executable == null || executable.isBlank()) {
                throw new InvalidInputException("the espeak-ng executable must be named");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidInputException("the espeak-ng timeout must be positive, got " + timeout);
            }
            if (maxLinesPerCall < 1) {
                throw new InvalidInputException("lines per espeak-ng call must be at least 1, got " + maxLinesPerCall);
            }
            return new EspeakPhonemizer(this);
        }
    }
}
