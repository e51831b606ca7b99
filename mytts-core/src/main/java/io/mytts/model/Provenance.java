package io.mytts.model;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a checkpoint came from, stored as JSON beside it: seed, git commit, dataset manifest hash,
 * versions of Java, DJL and PyTorch, and the time it was written. Unknown values are null.
 */
public record Provenance(
        Long seed,
        String gitCommit,
        String datasetHash,
        String javaVersion,
        String djlVersion,
        String pytorchVersion,
        String created) {

    /** The provenance of something made now, in this JVM. */
    public static Provenance current(Long seed, String datasetHash) {
        String pytorch;
        try {
            pytorch = Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException e) {
            pytorch = null;
        }
        return new Provenance(seed, currentGitCommit(), datasetHash, System.getProperty("java.version"),
                Engine.getDjlVersion(), pytorch, Instant.now().toString());
    }

    /**
     * The commit of the source tree: system property {@code mytts.git.commit} if set, else
     * {@code git rev-parse HEAD} in {@code mytts.home} (or the working directory), else null.
     */
    static String currentGitCommit() {
        String fromProperty = System.getProperty("mytts.git.commit");
        if (fromProperty != null) {
            return fromProperty;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true);
            String home = System.getProperty("mytts.home");
            if (home != null) {
                pb.directory(new java.io.File(home));
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("git_commit", gitCommit);
        m.put("dataset_hash", datasetHash);
        m.put("java_version", javaVersion);
        m.put("djl_version", djlVersion);
        m.put("pytorch_version", pytorchVersion);
        m.put("created", created);
        return m;
    }

    static Provenance fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null || n.isNull()) {
            return new Provenance(null, null, null, null, null, null, null);
        }
        return new Provenance(n.hasNonNull("seed") ? n.get("seed").asLong() : null, text(n, "git_commit"),
                text(n, "dataset_hash"), text(n, "java_version"), text(n, "djl_version"),
                text(n, "pytorch_version"), text(n, "created"));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }
}
