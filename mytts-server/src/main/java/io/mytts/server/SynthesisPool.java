package io.mytts.server;

import ai.djl.pytorch.jni.JniUtils;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of synthesis workers behind a bounded queue. A job that finds every worker busy
 * and the queue full is refused at once ({@link ApiException#busy}, HTTP 429) rather than waiting
 * without bound, so under overload clients are told to come back instead of every one slowing down.
 *
 * <p>Each worker is a platform thread that switches PyTorch's grad mode off and uses one intra-op
 * thread for its whole life (both are per thread in PyTorch; see DJL-NOTES.md: several threads
 * with more intra-op threads each oversubscribe a small machine). Native memory is per request:
 * every decoding opens and closes its own NDManager inside the model.
 */
final class SynthesisPool {

    private final ThreadPoolExecutor executor;
    private final int retryAfterSeconds;
    private final AtomicInteger busy = new AtomicInteger();

    /**
     * @param workers threads that synthesize, at least 1
     * @param queue requests that may wait for a worker, at least 0
     * @param retryAfterSeconds what a refused client is told to wait
     */
    SynthesisPool(int workers, int queue, int retryAfterSeconds) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, waiting, new Workers(),
                new ThreadPoolExecutor.AbortPolicy());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Queues a job, or refuses it with 429 when the queue is full, or 503 after {@link #drain}. */
    void submit(Runnable job) {
        if (executor.isShutdown()) {
            throw ApiException.unavailable("the server is shutting down and takes no new requests", retryAfterSeconds);
        }
        try {
            executor.execute(() -> {
                busy.incrementAndGet();
                try {
                    job.run();
                } finally {
                    busy.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                throw ApiException.unavailable("the server is shutting down and takes no new requests", retryAfterSeconds);
            }
            throw ApiException.busy(retryAfterSeconds);
        }
    }

    /** Requests waiting for a worker. */
    int queued() {
        return executor.getQueue().size();
    }

    /** Workers speaking now. */
    int busy() {
        return busy.get();
    }

    /** Takes no new jobs and waits up to {@code timeout} for the queued and running ones; true if all ended. */
    boolean drain(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the workers without waiting (after a drain that timed out). */
    void stopNow() {
        executor.shutdownNow();
    }

    /** Worker threads: grad mode off and one intra-op thread, set once on the thread itself. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(() -> {
                JniUtils.setGradMode(false);
                JniUtils.setNumThreads(1);
                r.run();
            }, "mytts-synth-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
