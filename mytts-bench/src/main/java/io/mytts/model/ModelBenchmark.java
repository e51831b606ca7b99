package io.mytts.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mytts.config.CrossWindow;
import io.mytts.config.ModelConfig;
import io.mytts.config.Presets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Speed and memory of the model with random weights (a benchmark, not a test): decoding
 * milliseconds per step at batch 1, cached against uncached generation, one training
 * forward+backward, and resident memory over a long decoding run. Medians of repeated runs.
 *
 * <p>Run: {@code ./mytts model bench} (or this class's {@code main}); {@code ./mytts model bench
 * --voice voices/slt} or {@code --config FILE} measures decoding of one model only
 * ({@link #runDecode}).
 */
public final class ModelBenchmark {

    static final int VOCAB = 64;
    static final int MELS = 80;
    private final PrintStream out;

    public ModelBenchmark(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        List<String> a = List.of(args);
        ModelBenchmark bench = new ModelBenchmark(System.out);
        if (a.contains("--rss-only")) {
            long[] rss = bench.residentMemoryOverSteps("tiny", 10000, 500);
            System.out.println(Arrays.toString(Arrays.stream(rss).map(b -> b >> 20).toArray()));
        } else {
            bench.runAll(a.contains("--quick"));
        }
    }

    /** Runs every measurement; quick mode uses fewer steps and repeats (for a smoke run). */
    public void runAll(boolean quick) {
        out.printf("threads: %d cores, PyTorch %s, DJL %s%n", Runtime.getRuntime().availableProcessors(),
                Engine.getEngine("PyTorch").getVersion(), Engine.getDjlVersion());
        // First, while nothing else has grown the heap or the native allocator's pools.
        long[] rss = residentMemoryOverSteps("tiny", quick ? 1000 : 10000, 500);
        out.printf("RSS over %d decoding steps (tiny, 500-step generations), MB after each: %s%n",
                quick ? 1000 : 10000, Arrays.toString(Arrays.stream(rss).map(b -> b >> 20).toArray()));
        for (String preset : List.of("tiny", "small", "normal")) {
            double[] ms = decodeMsPerStep(preset, quick ? 50 : 200, quick ? 1 : 3);
            out.printf("decode %-6s batch 1: %.2f ms/step wall, %.2f ms/step CPU of the calling thread%n",
                    preset, ms[0], ms[1]);
        }
        for (String preset : quick ? List.of("tiny") : List.of("tiny", "small")) {
            double[] t = cachedVersusUncached(preset, quick ? 100 : 400);
            out.printf("generate %-6s %d steps: cached %.2f s, uncached %.2f s, ratio %.1fx%n", preset,
                    quick ? 100 : 400, t[0], t[1], t[1] / t[0]);
        }
        double fb = forwardBackwardSeconds("small", quick ? 4 : 16, 400, quick ? 1 : 3);
        out.printf("train small forward+backward, %d x 400 frames: %.2f s%n", quick ? 4 : 16, fb);
    }

    private static ModelConfig config(String preset, int maxLength) {
        return Presets.get(preset).toBuilder().optMaxLength(Math.max(maxLength, Presets.get(preset).maxLength())).build();
    }

    private static int[] text(int length, long seed) {
        return text(length, seed, VOCAB);
    }

    private static int[] text(int length, long seed, int vocab) {
        Random r = new Random(seed);
        return r.ints(length, 1, vocab).toArray();
    }

    private static GenerationOptions steps(int n) {
        return GenerationOptions.builder().optMaxSteps(n).optStopThreshold(1 - 1e-7).build();
    }

    /**
     * Median milliseconds per cached decoding step at batch 1 (60 tokens of input): wall time, and
     * CPU time of the calling thread (all of the work when PyTorch runs one intra-op thread, and
     * unlike wall time not inflated by other processes on a busy machine).
     */
    public double[] decodeMsPerStep(String preset, int stepsPerRun, int runs) {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config(preset, stepsPerRun), VOCAB, MELS, m, 1)) {
            return decodeMsPerStep(model, steps(stepsPerRun), runs);
        }
    }

    /**
     * Decoding speed of a given model (a voice's, or one built from a config file) with the given
     * options: median milliseconds per step over {@code runs} generations of 60 tokens of input,
     * wall and CPU of the calling thread. Make the options run a fixed number of steps (a stop
     * threshold out of reach) so that every run does the same work.
     */
    public double[] decodeMsPerStep(TransformerTTS model, GenerationOptions options, int runs) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int[] input = text(Math.min(60, model.config().maxLength()), 1, model.vocabSize());
        model.greedyGenerateFast(input, steps(20)); // warm-up
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int done = model.greedyGenerateFast(input, options).alignment().length;
            ms[i] = (System.nanoTime() - t0) / 1e6 / done;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / done;
        }
        return new double[] {median(ms), median(cpu)};
    }

    /**
     * Prints the decoding speed of one model: {@code runs} generations of {@code steps} steps at
     * batch 1, with the given cross-attention window (the one the voice decodes with).
     */
    public void runDecode(String label, TransformerTTS model, CrossWindow window, int steps, int runs) {
        ModelConfig c = model.config();
        out.printf("threads: %d cores, PyTorch %s, DJL %s, intra-op threads %s%n",
                Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion(),
                Engine.getDjlVersion(), System.getProperty("ai.djl.pytorch.num_threads", "default"));
        out.printf("model %s: %d layers, d_model %d, %d heads, dff %d, r %d, %s, %s, window %s%n", label,
                c.numLayers(), c.dModel(), c.numHeads(), c.dff(), c.reductionFactor(), c.activation().jsonName(),
                c.posEncodingType().jsonName(), window.isOff() ? "off" : window);
        GenerationOptions options = GenerationOptions.builder().optMaxSteps(Math.min(steps, c.maxLength()))
                .optStopThreshold(1 - 1e-7).optCrossWindow(window).build();
        double[] ms = decodeMsPerStep(model, options, runs);
        out.printf("decode batch 1, %d steps x %d runs: %.3f ms/step wall, %.3f ms/step CPU of the calling thread"
                + " (medians)%n", options.maxSteps(), runs, ms[0], ms[1]);
    }

    /** Seconds for {@code n} steps cached and uncached (inference dropout off, same output). */
    public double[] cachedVersusUncached(String preset, int n) {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config(preset, n), VOCAB, MELS, m, 2)) {
            int[] input = text(60, 2);
            GenerationOptions options = GenerationOptions.builder().optMaxSteps(n).optStopThreshold(1 - 1e-7)
                    .optInferencePrenetDropout(false).build();
            model.greedyGenerateFast(input, steps(10));
            long t0 = System.nanoTime();
            model.greedyGenerateFast(List.of(input), options);
            long t1 = System.nanoTime();
            model.generateUncached(List.of(input), options);
            long t2 = System.nanoTime();
            return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
        }
    }

    /** Median seconds of one teacher-forced forward and backward pass in training mode. */
    public double forwardBackwardSeconds(String preset, int batch, int frames, int runs) {
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config(preset, frames), VOCAB, MELS, m, 3)) {
            model.parameters().setRequiresGradient(true);
            Random r = new Random(3);
            int tokens = frames / 5;
            int[] tokenLengths = new int[batch];
            int[] melLengths = new int[batch];
            for (int b = 0; b < batch; b++) {
                melLengths[b] = frames - r.nextInt(frames / 10);
                tokenLengths[b] = tokens - r.nextInt(tokens / 10);
            }
            double[] seconds = new double[runs];
            for (int i = -1; i < runs; i++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray ids = step.randomInteger(1, VOCAB, new Shape(batch, tokens), ai.djl.ndarray.types.DataType.INT32);
                    NDArray mels = step.randomNormal(new Shape(batch, frames, MELS));
                    long t0 = System.nanoTime();
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        ForwardOutput o = model.forward(ids, tokenLengths, mels, melLengths, true);
                        NDArray loss = o.melBefore().sub(mels).abs().mean().add(o.melAfter().sub(mels).abs().mean())
                                .add(o.stopLogits().mean());
                        collector.backward(loss);
                    }
                    if (i >= 0) {
                        seconds[i] = (System.nanoTime() - t0) / 1e9;
                    }
                    for (NDArray p : model.parameters().arrays().values()) {
                        p.getGradient().attach(step); // a new handle each call: let the step free it
                    }
                }
            }
            return median(seconds);
        }
    }

    /** Resident memory (bytes) after each {@code perRun} steps of repeated generations. */
    public long[] residentMemoryOverSteps(String preset, int totalSteps, int perRun) {
        List<Long> rss = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                TransformerTTS model = new TransformerTTS(config(preset, perRun), VOCAB, MELS, m, 4)) {
            int[] input = text(60, 4);
            for (int done = 0; done < totalSteps; done += perRun) {
                model.greedyGenerateFast(input, GenerationOptions.builder().optMaxSteps(perRun)
                        .optStopThreshold(1 - 1e-7).optSeed(done).build());
                rss.add(residentBytes());
            }
        }
        return rss.stream().mapToLong(Long::longValue).toArray();
    }

    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
