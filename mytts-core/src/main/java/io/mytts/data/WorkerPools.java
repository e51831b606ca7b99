package io.mytts.data;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The worker threads of the corpus builder and feature preparation, and their failures. */
final class WorkerPools {

    private WorkerPools() {}

    /** A fixed pool of daemon threads, so an abandoned job never keeps the JVM alive. */
    static ExecutorService daemon(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The worker's own exception when it is unchecked (it already speaks to the user), else a wrapper. */
    static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
}
