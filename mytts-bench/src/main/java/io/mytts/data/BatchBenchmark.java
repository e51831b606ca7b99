package io.mytts.data;

import io.mytts.config.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures how long a trainer would wait for batches from a prepared cache: first the time the
 * stream takes to deliver a batch when nobody else works (assembly cost), then the share of
 * wall time spent blocked in {@code next()} while the "trainer" busy-works for a given step time
 * on the same machine.
 *
 * <pre>java -cp mytts-cli/target/mytts-cli.jar io.mytts.data.BatchBenchmark CACHE_DIR [STEP_MS] [BATCHES]</pre>
 */
public final class BatchBenchmark {

    private BatchBenchmark() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: BatchBenchmark CACHE_DIR [STEP_MS=500] [BATCHES=60]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long stepMs = args.length > 1 ? Long.parseLong(args[1]) : 500;
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        TrainConfig t = TrainConfig.builder().build();
        try (FeatureCache cache = FeatureCache.open(dir)) {
            System.out.printf("cache %s: %d utterances; batch_frames %d, max_batch_size %d%n", dir, cache.ids().size(),
                    t.batchFrames(), t.maxBatchSize());
            double[] deliver = new double[batches];
            int items = 0;
            try (BatchStream s = BatchStream.training(cache, cache.ids(), t.batchFrames(), t.maxBatchSize(), 1,
                    t.seed(), BatchPosition.START)) {
                for (int i = 0; i < batches; i++) {
                    long t0 = System.nanoTime();
                    items += s.next().size();
                    deliver[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(deliver);
            System.out.printf("unloaded: median %.1f ms a batch (%.1f utterances a batch), max %.1f ms%n",
                    deliver[batches / 2], items / (double) batches, deliver[batches - 1]);

            long waited = 0;
            long start = System.nanoTime();
            try (BatchStream s = BatchStream.training(cache, cache.ids(), t.batchFrames(), t.maxBatchSize(), 1,
                    t.seed(), BatchPosition.START)) {
                for (int i = 0; i < batches; i++) {
                    long t0 = System.nanoTime();
                    s.next();
                    waited += System.nanoTime() - t0;
                    busyWork(stepMs);
                }
            }
            long total = System.nanoTime() - start;
            System.out.printf("with %d ms steps: waited %.1f ms of %.1f s, %.2f%% of the time%n", stepMs,
                    waited / 1e6, total / 1e9, 100.0 * waited / total);
        }
    }

    /** Keeps one core busy, as a training step would (sleeping would leave the loader an idle machine). */
    private static void busyWork(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        double x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) {
                x += Math.sqrt(i + x);
            }
        }
        if (x == 42) {
            System.out.println();
        }
    }
}
