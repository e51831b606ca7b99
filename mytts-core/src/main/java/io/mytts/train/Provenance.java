package io.mytts.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.config.TTSConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a checkpoint came from, readable as JSON ({@code provenance.json}): the resolved config,
 * a hash of the dataset manifest, the seed, the git commit and the Java, DJL and PyTorch
 * versions.
 */
public record Provenance(
        Map<String, Object> config,
        String datasetManifestSha256,
        long seed,
        String gitCommit,
        String javaVersion,
        String djlVersion,
        String engine,
        String engineVersion,
        String created) {

    static final String FILE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Provenance of a run now, on this machine. */
    public static Provenance of(TTSConfig config, Path datasetManifest) {
        Engine engine = Engine.getInstance();
        return new Provenance(config.toJsonMap(),
                datasetManifest == null ? "none" : sha256(datasetManifest),
                config.train().seed(), currentGitCommit(), System.getProperty("java.version"),
                Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(),
                Instant.now().toString());
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("dataset_manifest_sha256", datasetManifestSha256);
        m.put("seed", seed);
        m.put("git_commit", gitCommit);
        m.put("java_version", javaVersion);
        m.put("djl_version", djlVersion);
        m.put("engine", engine);
        m.put("engine_version", engineVersion);
        m.put("created", created);
        return m;
    }

    public void write(Path folder) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(FILE).toFile(), toJsonMap());
    }

    /** SHA-256 of a file's bytes (or of its name when it cannot be read), in hex. */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            return "unreadable:" + file;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commit of the source tree (mytts.home, else the working folder), or "unknown". */
    static String currentGitCommit() {
        String home = System.getProperty("mytts.home", ".");
        try {
            Process p = new ProcessBuilder("git", "-C", home, "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            // git not installed: provenance says so below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
