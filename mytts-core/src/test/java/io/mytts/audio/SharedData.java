package io.mytts.audio;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code shared/data} for tests: system property {@code mytts.shared.dir}, else {@code ../shared}. */
final class SharedData {

    private SharedData() {}

    static Path reference(String name) {
        String dir = System.getProperty("mytts.shared.dir");
        Path shared = dir != null ? Path.of(dir) : Path.of("..", "shared");
        if (!Files.isDirectory(shared.resolve("data"))) {
            shared = Path.of("..", "..", "shared"); // run from a module directory
        }
        Path p = shared.resolve("data").resolve("reference").resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("reference file missing: " + p.toAbsolutePath()
                    + " (set -Dmytts.shared.dir=PATH/TO/shared)");
        }
        return p;
    }
}
