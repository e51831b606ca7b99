package io.mytts.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.InvalidInputException;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.train.CheckpointManager;
import io.mytts.train.Training;
import io.mytts.vocoder.VocoderTrainSettings;
import io.mytts.vocoder.VocoderTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A warm start ({@code --init-from}) into a folder that already holds a run, without {@code --resume},
 * is refused before anything is written, by each of the three trainings. Here because all three
 * train on {@link ToyForwardCorpus}.
 */
class UsedRunFolderTest {

    /** A training of one step into a run folder, optionally from a checkpoint of the same kind. */
    enum Kind {
        AUTOREGRESSIVE {
            @Override
            void train(Path data, Path run, Path initFrom) throws IOException {
                TTSConfig c = Presets.config("tiny");
                c = c.withTrain(c.train().toBuilder().optValidateEvery(1000).optCheckpointEvery(1000).build());
                Training.run(data, c, run, false, 1, false, initFrom);
            }
        },
        FORWARD {
            @Override
            void train(Path data, Path run, Path initFrom) throws IOException {
                ForwardTraining.run(data, ForwardTrainingTest.config(false, 1), run, false, 1, false, initFrom);
            }
        },
        VOCODER {
            @Override
            void train(Path data, Path run, Path initFrom) throws IOException {
                // batch 2 of 16 frames, no critics; validates every 1000 steps, keeps two checkpoints
                VocoderTrainSettings s = new VocoderTrainSettings(2, 16, 3e-3, 0.8, 0.99, 1000, 45, 15, 2, 1, 1,
                        1000, 1000, 2, 2, 7);
                VocoderTraining.builder().setCorpus(data).setRunFolder(run).optSettings(s).optTiny(true)
                        .optMaxSteps(1).optTerminal(false).optInitFrom(initFrom).build().run();
            }
        };

        abstract void train(Path data, Path run, Path initFrom) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWarmStartIntoAUsedFolderIsRefusedAndLeavesItAsItWas(Kind kind, @TempDir Path tmp) throws IOException {
        Path data = ToyForwardCorpus.create(tmp.resolve("corpus"), 6);
        Path source = tmp.resolve("source");
        kind.train(data, source, null);
        Path run = tmp.resolve("run");
        kind.train(data, run, source.resolve("checkpoints/step-00000000"));
        assertThat(run.resolve(Training.WARM_START_FILE)).content().contains("step-00000000");
        assertThat(run.resolve("checkpoints/step-00000001")).isDirectory();
        Map<String, String> before = contents(run);

        // Another source, so that a rewritten warm-start.json would differ from the first.
        assertThatThrownBy(() -> kind.train(data, run, source.resolve("checkpoints/step-00000001")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(run.toString())
                .hasMessageContaining("--resume").hasMessageContaining("--out");
        assertThat(contents(run)).isEqualTo(before);
    }

    /** Every file of a folder by its relative path, with the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile)
                    .forEach(p -> files.put(folder.relativize(p).toString(), CheckpointManager.sha256(p)));
        }
        return files;
    }
}
