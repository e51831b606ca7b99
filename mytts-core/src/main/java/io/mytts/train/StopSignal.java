package io.mytts.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT/SIGTERM into a request to stop at the next step boundary: the shutdown hook
 * sets the flag and then holds the JVM open until the loop has written its checkpoint (or a
 * grace period ends), because the JVM exits as soon as its hooks return.
 */
public final class StopSignal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final long graceSeconds;

    private StopSignal(boolean installHook, long graceSeconds) {
        this.graceSeconds = graceSeconds;
        this.hook = installHook ? new Thread(this::onShutdown, "mytts-train-stop") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** A signal that listens for SIGINT/SIGTERM. */
    public static StopSignal installed() {
        return new StopSignal(true, 120);
    }

    /** A signal only {@link #request()} sets (tests, embedding applications). */
    public static StopSignal manual() {
        return new StopSignal(false, 0);
    }

    private void onShutdown() {
        if (finished.getCount() == 0) {
            return;
        }
        LOG.warn("interrupted: stopping at the end of this step and writing a checkpoint");
        requested.set(true);
        try {
            if (!finished.await(graceSeconds, TimeUnit.SECONDS)) {
                LOG.error("no checkpoint within {} s of the interrupt; exiting without one", graceSeconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void request() {
        requested.set(true);
    }

    public boolean isRequested() {
        return requested.get();
    }

    /** Says the loop has saved and ends; lets a waiting shutdown hook return. */
    @Override
    public void close() {
        finished.countDown();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running; the latch above releases it.
            }
        }
    }
}
