package io.mytts.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.ClipMode;
import io.mytts.config.TTSConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with two parameter groups and two updates a step, shaped like a GAN's: the
 * "discriminator" d learns a target of its own, then the "generator" g learns {@code g·d = 1},
 * a loss whose gradient also reaches d and must not move it.
 */
class TwoOptimizersTest {

    static final float D_TARGET = 2f;

    static final class Pair implements TrainableModel<Integer>, AutoCloseable {
        final NDManager manager = NDManager.newBaseManager();
        final Map<String, NDArray> g = new LinkedHashMap<>();
        final Map<String, NDArray> d = new LinkedHashMap<>();

        Pair(float g0, float d0) {
            g.put("g", manager.create(new float[] {g0}, new Shape(1)));
            d.put("d", manager.create(new float[] {d0}, new Shape(1)));
            g.get("g").setRequiresGradient(true);
            d.get("d").setRequiresGradient(true);
        }

        @Override
        public List<ParameterGroup> parameterGroups() {
            return List.of(new ParameterGroup("generator", g), new ParameterGroup("discriminator", d));
        }

        @Override
        public void trainStep(TrainingStep step, Integer batch) {
            step.update("discriminator", m -> NamedLosses.of("discriminator_loss",
                    d.get("d").sub(D_TARGET).square().sum()));
            step.update("generator", m -> NamedLosses.of("generator_loss",
                    g.get("g").mul(d.get("d")).sub(1f).square().sum()));
        }

        @Override
        public void validate(Validation v, Integer batch) {
            v.add(NamedLosses.TOTAL, (double) g.get("g").mul(d.get("d")).sub(1f).abs().getFloat());
        }

        @Override
        public long frames(Integer batch) {
            return 1;
        }

        @Override
        public void save(Path folder, Map<String, Object> facts) throws IOException {
            try (OutputStream out = Files.newOutputStream(folder.resolve("pair.npz"))) {
                NDArray a = g.get("g").duplicate();
                NDArray b = d.get("d").duplicate();
                a.setName("g");
                b.setName("d");
                new NDList(a, b).encode(out, NDList.Encoding.NPZ);
                a.close();
                b.close();
            }
        }

        @Override
        public void load(Path folder) throws IOException {
            try (NDManager tmp = manager.newSubManager(); InputStream in = Files.newInputStream(folder.resolve("pair.npz"))) {
                for (NDArray a : NDList.decode(tmp, in)) {
                    a.copyTo(a.getName().equals("g") ? g.get("g") : d.get("d"));
                }
            }
        }

        float value(Map<String, NDArray> group, String name) {
            return group.get(name).getFloat();
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    static final class Counter implements BatchSource<Integer> {
        int position;

        @Override
        public Integer next() {
            return ++position;
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode position() {
            return com.fasterxml.jackson.databind.node.IntNode.valueOf(position);
        }

        @Override
        public void seek(com.fasterxml.jackson.databind.JsonNode p) {
            position = p.asInt();
        }

        @Override
        public List<Integer> validation() {
            return List.of(0);
        }

        @Override
        public Path manifest() {
            return null;
        }
    }

    private static List<StepMetrics> train(Pair model, TTSConfig cfg, Path run, long steps, boolean resume) throws Exception {
        List<StepMetrics> out = new ArrayList<>();
        Trainer.builder().setModel(model).setData(new Counter()).setConfig(cfg).setRunFolder(run)
                .optTerminal(false).optStopSignal(StopSignal.manual()).optResume(resume).optMaxSteps(steps)
                .optListener(out::add).optValidation(ValidationListener.lossesOnly()).build().run();
        return out;
    }

    @Test
    void eachUpdateMovesOnlyItsGroupAndBothOptimizersResume(@TempDir Path dir) throws Exception {
        TTSConfig cfg = TrainerTest.config(TrainerTest.constantLr(0.05).optClipMode(ClipMode.NONE)
                .optCheckpointEvery(10).optValidateEvery(50));
        List<StepMetrics> straight;
        try (Pair model = new Pair(0.1f, 0.5f)) {
            straight = train(model, cfg, dir.resolve("a"), 300, false);
            // d followed its own loss only: the generator's gradient into d was discarded.
            assertThat(model.value(model.d, "d")).isCloseTo(D_TARGET, within(0.05f));
            assertThat(model.value(model.g, "g")).isCloseTo(1 / D_TARGET, within(0.05f));
        }
        StepMetrics last = straight.get(299);
        assertThat(last.losses()).containsOnlyKeys("discriminator_loss", "generator_loss");
        assertThat(last.updates()).containsOnlyKeys("generator", "discriminator");
        assertThat(Files.readString(dir.resolve("a/metrics.jsonl")))
                .contains("\"generator_loss\"", "\"discriminator_grad_norm\"", "\"val_loss\"");
        assertThat(dir.resolve("a/checkpoints/step-00000300/optimizer.npz")).exists();
        assertThat(dir.resolve("a/checkpoints/step-00000300/optimizer-discriminator.npz")).exists();

        try (Pair model = new Pair(0.1f, 0.5f)) {
            train(model, cfg, dir.resolve("b"), 20, false);
        }
        List<StepMetrics> resumed;
        try (Pair model = new Pair(3f, -3f)) {
            resumed = train(model, cfg, dir.resolve("b"), 40, true);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(resumed.get(i).losses()).as("step %d", 21 + i).isEqualTo(straight.get(20 + i).losses());
        }
    }
}
