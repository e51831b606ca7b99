package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.json: the format written before strict reading (golden file) still loads; wrong types are errors. */
class TrainingStateTest {

    @TempDir
    Path dir;

    private Path golden() throws Exception {
        Files.copy(Path.of(getClass().getResource("/golden/state-v1.json").toURI()), dir.resolve(TrainingState.FILE));
        return dir.resolve(TrainingState.FILE);
    }

    @Test
    void aStateOfFormatOneReadsAndWritesTheSameKeys() throws Exception {
        Path file = golden();
        String text = Files.readString(file);
        TrainingState s = TrainingState.read(dir);
        assertThat(s.step()).isEqualTo(1200);
        assertThat(s.seed()).isEqualTo(1234);
        assertThat(s.lrScale()).isEqualTo(0.5);
        assertThat(s.rollbacks()).isEqualTo(1);
        assertThat(s.dataPosition().path("epoch").asInt()).isEqualTo(2);
        assertThat(s.clipHistory()).containsExactly(0.75, 1.25, 0.5);
        assertThat(s.frames()).isEqualTo(345678);
        assertThat(s.trainingSeconds()).isEqualTo(5400.25);
        s.write(dir);
        assertThat(Files.readString(file).strip()).isEqualTo(text.strip()); // now with a final newline
    }

    @Test
    void aWrongTypeIsAnErrorNotADefault() throws Exception {
        Path file = golden();
        Files.writeString(file, Files.readString(file).replace("\"lr_scale\" : 0.5", "\"lr_scale\" : \"half\""));
        assertThatThrownBy(() -> TrainingState.read(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'lr_scale' must be a number, not \"half\"");
        Files.writeString(file, "{\"format\": 1, \"seed\": 1, \"data_position\": 0}");
        assertThatThrownBy(() -> TrainingState.read(dir)).hasMessageContaining("\"step\"");
        Files.writeString(file, "{\"format\": 1, \"step\": 5, \"seed\": 1, \"data_position\": 0, \"lr\": 1}");
        assertThatThrownBy(() -> TrainingState.read(dir)).hasMessageContaining("unknown key 'lr'");
    }
}
