package io.mytts.spark;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Voice;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voices an executor JVM has loaded: each voice folder is loaded once, on first use, and its
 * {@link Synthesizer} (thread-safe) is shared by every task the JVM runs, for as long as it lives.
 * Spark runs an executor's tasks on threads of one JVM, so a static holder is per executor; in local
 * mode the driver is the executor.
 *
 * <p>PyTorch is bounded to one intra-op thread per task (docs/spark.md): an executor with N cores runs
 * N tasks at once, and each task's small decoder ops on more threads oversubscribe the cores
 * (DJL-NOTES.md). {@code -Dai.djl.pytorch.num_threads} in the executor's Java options overrides it.
 */
public final class ExecutorVoices {

    /** Intra-op threads per task unless {@value #THREADS_PROPERTY} says otherwise. */
    static final int DEFAULT_THREADS = 1;
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorVoices.class);
    private static final ConcurrentMap<Path, Loaded> VOICES = new ConcurrentHashMap<>();
    private static boolean torchStarted;

    private ExecutorVoices() {}

    /**
     * The synthesizer of the voice in {@code folder}, loading it if this JVM has not yet.
     *
     * @throws InvalidInputException when the folder is not a usable voice (remembered: later rows
     *     with the same folder get the same message without another attempt)
     */
    public static Synthesizer get(String folder) {
        if (folder == null || folder.isBlank()) {
            throw new InvalidInputException("no voice was given: set the row's voice column or the job's voice");
        }
        return VOICES.computeIfAbsent(key(folder), Loaded::new).synthesizer();
    }

    /** How many times this JVM has loaded the voice in {@code folder}: 0 before first use, then 1. */
    public static int loads(String folder) {
        Loaded l = VOICES.get(key(folder));
        return l == null ? 0 : l.loads();
    }

    /** PyTorch's intra-op threads in this JVM (after the first voice was loaded: the per-task bound). */
    public static int torchThreads() {
        return JniUtils.getNumThreads();
    }

    /**
     * Call at the start of a task, on its thread: starts PyTorch in this JVM if no task has yet (with
     * the thread bound), and switches autograd off for the thread, so that inference records no graph.
     */
    static void prepareTaskThread() {
        startTorch();
        JniUtils.setGradMode(false);
    }

    private static Path key(String folder) {
        return Path.of(folder).toAbsolutePath().normalize();
    }

    /**
     * Starts PyTorch with one intra-op thread (or the property's number): the property is read by the
     * engine at start, and set again here in case the engine had started without it.
     */
    private static synchronized void startTorch() {
        if (torchStarted) {
            return;
        }
        if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, Integer.toString(DEFAULT_THREADS));
        }
        Engine.getEngine("PyTorch");
        int threads = Integer.getInteger(THREADS_PROPERTY, DEFAULT_THREADS);
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        torchStarted = true;
    }

    /** One voice folder's synthesizer, loaded on first request; a voice that cannot be loaded stays failed. */
    private static final class Loaded {
        private final Path folder;
        private Synthesizer synthesizer;
        private InvalidInputException failure;
        private int loads;

        Loaded(Path folder) {
            this.folder = folder;
        }

        synchronized Synthesizer synthesizer() {
            if (synthesizer == null && failure == null) {
                loads++;
                long t0 = System.nanoTime();
                try {
                    synthesizer = Synthesizer.of(Voice.load(folder));
                    LOG.info("loaded voice {} in {} ms ({} PyTorch thread(s) per task)", folder,
                            (System.nanoTime() - t0) / 1_000_000, JniUtils.getNumThreads());
                } catch (InvalidInputException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return synthesizer;
        }

        synchronized int loads() {
            return loads;
        }
    }
}
