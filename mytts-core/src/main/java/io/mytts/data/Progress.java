package io.mytts.data;

import java.io.PrintStream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work: a bar on a terminal, a line every {@link #LOG_INTERVAL_MS} otherwise
 * (a bar's carriage returns make a mess of log files), or nothing.
 */
public final class Progress implements AutoCloseable {

    static final int LOG_INTERVAL_MS = 10_000;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Starts the progress of a task of {@code total} steps. */
    @FunctionalInterface
    public interface Factory {
        Progress start(String task, long total);

        /** No output: for tests and library use. */
        Factory NONE = (task, total) -> none();

        /** A bar on a terminal, log lines on {@code log} otherwise. */
        static Factory console(PrintStream log) {
            return (task, total) -> Progress.console(task, total, log);
        }
    }

    /** No output: for tests and library use. */
    public static Progress none() {
        return new Progress(null);
    }

    /** A bar on standard error when it is a terminal, else log lines on {@code log}. */
    public static Progress console(String task, long total, PrintStream log) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).showSpeed();
        if (System.console() != null) {
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500);
        } else {
            b.setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(log::println)).setUpdateIntervalMillis(LOG_INTERVAL_MS);
        }
        return new Progress(b.build());
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
