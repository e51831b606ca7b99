package io.mytts.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags file the docs tell users to pass to java is the one the tests run with. */
class JvmFlagsTest {

    @Test
    void theTestJvmRunsWithEveryFlagOfTheArgumentFile() throws Exception {
        Path file = Path.of(System.getProperty("mytts.spark.flags.file", "spark-java17.args"));
        List<String> flags = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();

        assertThat(flags).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(flags);
    }
}
