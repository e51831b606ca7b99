package io.mytts.vocoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mytts.InvalidInputException;
import io.mytts.train.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static List<JsonNode> metrics(Path run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void spectralLossesFallAndTheRunFolderHoldsAUsableVocoder() throws IOException {
        Path run = dir.resolve("learn");
        VocoderTrainer.create(corpus, run, settings(40, 1000), false, true, StopSignal.manual()).run(false);
        List<Double> mel = new ArrayList<>();
        for (JsonNode n : metrics(run)) {
            if (n.has("mel_l1")) {
                mel.add(n.get("mel_l1").asDouble());
            }
        }
        assertThat(mel).hasSize(40);
        double first = mel.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = mel.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(last).as("mean mel L1 of the last 5 steps vs the first 5").isLessThan(0.8 * first);
        Path checkpoint = run.resolve("checkpoints").resolve("step-00000040");
        assertThat(Files.list(run.resolve("validation")).count()).isEqualTo(8);
        try (NeuralVocoder v = NeuralVocoder.load(checkpoint)) {
            float[][] mel20 = new float[20][80];
            assertThat(v.synthesize(mel20)).hasSize(20 * 256);
            assertThat(v.trainingFacts()).containsEntry("step", 40);
        }
    }

    @Test
    void aResumedRunContinuesAsIfUninterrupted() throws IOException {
        Path straight = dir.resolve("straight");
        VocoderTrainer.create(corpus, straight, settings(10, 4), false, true, StopSignal.manual()).run(false);
        Path split = dir.resolve("split");
        VocoderTrainer.create(corpus, split, settings(5, 4), false, true, StopSignal.manual()).run(false);
        VocoderTrainer.create(corpus, split, settings(10, 4), true, true, StopSignal.manual()).run(true);
        List<JsonNode> a = metrics(straight);
        List<JsonNode> b = metrics(split);
        JsonNode lastA = a.stream().filter(n -> n.path("step").asLong() == 10 && n.has("loss")).findFirst().orElseThrow();
        JsonNode lastB = b.stream().filter(n -> n.path("step").asLong() == 10 && n.has("loss")).findFirst().orElseThrow();
        assertThat(lastA.has("critic")).as("the adversarial phase ran").isTrue();
        assertThat(lastB.get("loss").asDouble()).isCloseTo(lastA.get("loss").asDouble(),
                org.assertj.core.api.Assertions.within(1e-4 * Math.abs(lastA.get("loss").asDouble())));
        assertThat(lastB.get("critic").asDouble()).isCloseTo(lastA.get("critic").asDouble(),
                org.assertj.core.api.Assertions.within(1e-4 * Math.abs(lastA.get("critic").asDouble()) + 1e-6));
    }

    @Test
    void aFinishedRunFolderIsNotOverwritten() throws IOException {
        Path run = dir.resolve("twice");
        VocoderTrainer.create(corpus, run, settings(2, 1000), false, true, StopSignal.manual()).run(false);
        assertThatThrownBy(() -> VocoderTrainer.create(corpus, run, settings(2, 1000), false, true, StopSignal.manual()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--resume");
    }
}
