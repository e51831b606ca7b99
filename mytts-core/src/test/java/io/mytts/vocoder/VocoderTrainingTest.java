package io.mytts.vocoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.nn.NamedArrays;
import io.mytts.train.CheckpointManager;
import io.mytts.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vocoder on the shared training loop, with a tiny generator and critics on a corpus of tones. */
class VocoderTrainingTest {

    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void makeCorpus() throws IOException {
        corpus = ToneCorpus.create(dir, 12);
    }

    private static VocoderTrainSettings settings(long steps, long adversarialFrom) {
        // batch 4 of 16 frames; logs every step, validates and checkpoints every 5
        return new VocoderTrainSettings(4, 16, 3e-3, 0.8, 0.99, adversarialFrom, 45, 15, 2, steps, 1, 5, 5, 2, 2, 7);
    }

    private static Trainer.Result train(Path run, VocoderTrainSettings s, boolean resume, long maxSteps)
            throws IOException {
        return training(run, s).optResume(resume).optMaxSteps(maxSteps).build().run();
    }

    private static VocoderTraining.Builder training(Path run, VocoderTrainSettings s) {
        return ToneCorpus.tinyTraining(corpus, run, s);
    }

    private static List<JsonNode> metrics(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }

    /** The training line of a step (not a validation line). */
    private static JsonNode line(List<JsonNode> metrics, long step) {
        return metrics.stream().filter(n -> n.path("step").asLong() == step && n.has("mel_l1")).findFirst()
                .orElseThrow(() -> new AssertionError("no metrics line of step " + step));
    }

    @Test
    void spectralLossesFallAndTheRunFolderHoldsAUsableVocoder() throws IOException {
        Path run = dir.resolve("learn");
        Trainer.Result r = train(run, settings(40, 1000), false, 0);
        assertThat(r.step()).isEqualTo(40);
        List<Double> mel = new ArrayList<>();
        for (JsonNode n : metrics(run)) {
            if (n.has("mel_l1")) {
                mel.add(n.get("mel_l1").asDouble());
                assertThat(n.has("discriminator_loss")).as("no critic before adversarial_from").isFalse();
                assertThat(n.get("audio_s_per_s").asDouble()).isPositive();
            }
        }
        assertThat(mel).hasSize(40);
        double first = mel.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = mel.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(last).as("mean mel L1 of the last 5 steps vs the first 5").isLessThan(0.8 * first);
        List<JsonNode> validations = metrics(run).stream().filter(n -> n.has("val_loss")).toList();
        assertThat(validations).hasSize(8);
        assertThat(validations.get(7).get("val_mel_l1").asDouble()).isEqualTo(validations.get(7).get("val_loss").asDouble());
        // Two held-out utterances per validation: the audio made (with its text) and the recording.
        assertThat(run.resolve("samples/step-00000040-val0.wav")).isRegularFile();
        assertThat(run.resolve("samples/step-00000040-val0.txt")).content().startsWith("tone ");
        assertThat(run.resolve("samples/step-00000040-target1.wav")).isRegularFile();
        assertThat(run.resolve("config.json")).isRegularFile();
        assertThat(new CheckpointManager(run, 2).best()).isPresent();
        Path checkpoint = run.resolve("checkpoints").resolve("step-00000040");
        try (NeuralVocoder v = NeuralVocoder.load(checkpoint)) {
            float[][] mel20 = new float[20][80];
            assertThat(v.synthesize(mel20)).hasSize(20 * 256);
            assertThat(v.trainingFacts()).containsEntry("step", 40).containsKey("corpus");
        }
    }

    @Test
    void aResumedRunEndsWithTheParametersOfAnUninterruptedOne() throws IOException {
        Path straight = dir.resolve("straight");
        train(straight, settings(10, 4), false, 0);
        Path split = dir.resolve("split");
        assertThat(train(split, settings(5, 4), false, 0).step()).isEqualTo(5);
        assertThat(train(split, settings(5, 4), true, 10).step()).isEqualTo(10);
        JsonNode lastA = line(metrics(straight), 10);
        JsonNode lastB = line(metrics(split), 10);
        assertThat(lastA.has("discriminator_loss")).as("the adversarial phase ran").isTrue();
        assertThat(lastA.has("discriminator_grad_norm")).isTrue();
        assertThat(lastB.get("loss").asDouble()).isEqualTo(lastA.get("loss").asDouble());
        assertThat(lastB.get("discriminator_loss").asDouble()).isEqualTo(lastA.get("discriminator_loss").asDouble());
        for (String file : List.of(NeuralVocoder.WEIGHTS, VocoderTrainee.DISCRIMINATOR_WEIGHTS)) {
            assertSameArrays(straight.resolve("checkpoints/step-00000010").resolve(file),
                    split.resolve("checkpoints/step-00000010").resolve(file));
        }
    }

    private static void assertSameArrays(Path a, Path b) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> x = NamedArrays.decode(m, Files.readAllBytes(a));
            Map<String, NDArray> y = NamedArrays.decode(m, Files.readAllBytes(b));
            assertThat(y.keySet()).isEqualTo(x.keySet());
            for (String name : x.keySet()) {
                assertThat(y.get(name).toFloatArray()).as(a.getFileName() + " " + name)
                        .containsExactly(x.get(name).toFloatArray());
            }
        }
    }

    @Test
    void aNewRunStartsFromATrainedVocoderWithItsCriticsWhenItIsACheckpoint() throws Exception {
        Path source = dir.resolve("warm-source");
        train(source, settings(5, 0), false, 0);
        Path checkpoint = source.resolve("checkpoints/step-00000005");

        Path warm = dir.resolve("warm");
        assertThat(training(warm, settings(1, 0)).optInitFrom(checkpoint).build().run().step()).isEqualTo(1);
        // The step-0 checkpoint, written before the first step, holds the source's weights exactly.
        for (String file : List.of(NeuralVocoder.WEIGHTS, VocoderTrainee.DISCRIMINATOR_WEIGHTS)) {
            assertSameArrays(checkpoint.resolve(file), warm.resolve("checkpoints/step-00000000").resolve(file));
        }
        assertThat(warm.resolve("warm-start.json")).content().contains("copied from discriminator.safetensors");

        // A packed vocoder has no critics: they start fresh, and the report says so.
        Path packed = dir.resolve("packed-vocoder");
        try (NeuralVocoder v = NeuralVocoder.load(checkpoint)) {
            v.save(packed, false);
        }
        Path fromPacked = dir.resolve("warm-packed");
        training(fromPacked, settings(1, 0)).optInitFrom(packed).build().run();
        assertSameArrays(checkpoint.resolve(NeuralVocoder.WEIGHTS),
                fromPacked.resolve("checkpoints/step-00000000").resolve(NeuralVocoder.WEIGHTS));
        assertThat(fromPacked.resolve("warm-start.json")).content().contains("fresh");

        // A checkpoint of the first trainer brings its critics from their old file name.
        Path golden = Path.of(getClass().getResource("/golden/vocoder-run-v0/checkpoints/step-00000002").toURI());
        Path fromOld = dir.resolve("warm-old");
        training(fromOld, settings(1, 0)).optInitFrom(golden).build().run();
        assertSameArrays(golden.resolve("critics.safetensors"),
                fromOld.resolve("checkpoints/step-00000000").resolve(VocoderTrainee.DISCRIMINATOR_WEIGHTS));

        assertThatThrownBy(() -> training(warm, settings(2, 0)).optResume(true).optInitFrom(checkpoint).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("drop --init-from");
    }

    @Test
    void aUsedRunFolderIsNotOverwritten() throws IOException {
        Path run = dir.resolve("twice");
        train(run, settings(2, 1000), false, 0);
        assertThatThrownBy(() -> train(run, settings(2, 1000), false, 0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--resume");
    }

    /**
     * {@code golden/vocoder-run-v0}: a run of the first vocoder trainer (its own loop, before the
     * shared one), stopped at step 2 of 4 in the adversarial phase, and its metrics of steps 3 and 4.
     * Resumed now, it loads and takes steps 3 and 4 as that trainer did, and its old checkpoint is
     * left as it was.
     */
    @Test
    void aRunOfTheFirstTrainerResumesWhereItStopped() throws Exception {
        Path golden = Path.of(getClass().getResource("/golden/vocoder-run-v0").toURI());
        Path run = dir.resolve("first-trainer");
        copyTree(golden, run);
        List<JsonNode> before = metrics(run);
        Files.writeString(run.resolve("metrics.jsonl"), Files.readString(run.resolve("metrics.jsonl"))
                .lines().filter(l -> l.startsWith("{\"step\":1,") || l.startsWith("{\"step\":2,"))
                .map(l -> l + "\n").reduce("", String::concat));
        Path old = run.resolve("checkpoints/step-00000002");
        try (NeuralVocoder v = NeuralVocoder.load(old)) {
            assertThat(v.trainingFacts()).containsEntry("step", 2);
        }
        assertThat(train(run, VocoderTrainSettings.DEFAULT, true, 0).step()).isEqualTo(4);
        List<JsonNode> after = metrics(run);
        for (long step : new long[] {3, 4}) {
            JsonNode was = before.stream().filter(n -> n.path("step").asLong() == step).findFirst().orElseThrow();
            JsonNode now = line(after, step);
            for (String[] names : new String[][] {{"loss", "loss"}, {"mel_l1", "mel_l1"}, {"stft", "stft"},
                    {"adversarial", "adversarial"}, {"feature_matching", "feature_matching"},
                    {"critic", "discriminator_loss"}}) {
                double expected = was.get(names[0]).asDouble();
                assertThat(now.get(names[1]).asDouble()).as("step %d %s", step, names[1])
                        .isCloseTo(expected, within(1e-5 * Math.abs(expected)));
            }
        }
        assertThat(new CheckpointManager(run, 3).damage(old)).as("the old checkpoint is untouched").isEmpty();
        assertThat(old.resolve("optimizer.npz")).doesNotExist();
        assertThat(run.resolve("checkpoints/step-00000004/optimizer-discriminator.npz")).isRegularFile();
        // Resumed again, the run continues from its new checkpoint.
        assertThat(train(run, VocoderTrainSettings.DEFAULT, true, 5).step()).isEqualTo(5);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
