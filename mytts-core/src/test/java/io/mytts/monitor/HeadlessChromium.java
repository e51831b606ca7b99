package io.mytts.monitor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Debian's headless Chromium, started as a subprocess to load a page offline. */
final class HeadlessChromium {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final long TIMEOUT_S = 120;

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** Chromium from the PATH, if installed. */
    static Optional<HeadlessChromium> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(dir -> NAMES.stream().map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst()
                .map(HeadlessChromium::new);
    }

    /**
     * Loads the page, saves a screenshot of its top {@code height} pixels and returns its DOM as
     * serialised after loading.
     */
    String load(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        String dom = run(page, "--dump-dom", "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
        if (!Files.isRegularFile(png)) {
            throw new IOException("chromium wrote no screenshot " + png);
        }
        return dom;
    }

    /**
     * Asks Chromium to decode an audio source (such as a data URI) and returns its duration in
     * seconds, or NaN when it cannot decode it. A page with a script does it: the report itself
     * has none.
     */
    double audioDuration(String src, Path workDir) throws IOException, InterruptedException {
        Path probe = workDir.resolve("audio-probe.html");
        Files.writeString(probe, "<html><body><div id=\"r\">pending</div><script>"
                + "const a = new Audio(\"" + src + "\");"
                + "a.addEventListener('loadedmetadata', () => document.getElementById('r').textContent = 'duration=' + a.duration);"
                + "a.addEventListener('error', () => document.getElementById('r').textContent = 'error');"
                + "a.load();</script></body></html>", StandardCharsets.UTF_8);
        String dom = run(probe, "--virtual-time-budget=5000", "--dump-dom");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("duration=([0-9.]+)").matcher(dom);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private String run(Path page, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path stdout = Files.createTempFile("chromium", ".out");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile));
        command.addAll(List.of(extra));
        command.add(page.toAbsolutePath().toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                throw new IOException("chromium did not finish within " + TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("chromium exited with status " + p.exitValue());
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(stdout);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
