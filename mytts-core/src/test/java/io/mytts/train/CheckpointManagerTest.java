package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointManagerTest {

    private static void write(CheckpointManager c, long step) throws IOException {
        c.save(step, folder -> Files.writeString(folder.resolve("x.txt"), "step " + step));
    }

    @Test
    void keepsTheLastKAndTheBest(@TempDir Path run) throws IOException {
        CheckpointManager c = new CheckpointManager(run, 2);
        write(c, 100);
        assertThat(c.offerBest(100, 0.5)).isTrue();
        write(c, 200);
        assertThat(c.offerBest(200, 0.7)).isFalse(); // worse
        write(c, 300);
        write(c, 400);
        assertThat(c.steps()).containsExactly(100L, 300L, 400L);
        assertThat(c.best()).contains(new CheckpointManager.Best(100, 0.5));
        assertThat(c.offerBest(400, 0.4)).isTrue();
        write(c, 500);
        assertThat(c.steps()).containsExactly(400L, 500L);
        assertThat(c.latest()).contains(run.resolve("checkpoints/step-00000500"));
        assertThat(Files.readString(c.folder(400).resolve("x.txt"))).isEqualTo("step 400");
    }

    @Test
    void aFailedWriteLeavesNoCheckpointAndNoTemporaryFolder(@TempDir Path run) throws IOException {
        CheckpointManager c = new CheckpointManager(run, 3);
        write(c, 10);
        assertThatThrownBy(() -> c.save(20, folder -> {
            Files.writeString(folder.resolve("half.txt"), "half");
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(c.steps()).containsExactly(10L);
        try (Stream<Path> s = Files.list(c.root())) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertThat(names).containsExactly("step-00000010");
        }
    }

    @Test
    void rewritingAStepReplacesIt(@TempDir Path run) throws IOException {
        CheckpointManager c = new CheckpointManager(run, 3);
        write(c, 10);
        c.save(10, folder -> Files.writeString(folder.resolve("y.txt"), "again"));
        assertThat(c.folder(10).resolve("x.txt")).doesNotExist();
        assertThat(c.folder(10).resolve("y.txt")).exists();
    }
}
