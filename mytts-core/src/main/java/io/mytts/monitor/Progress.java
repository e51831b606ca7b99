package io.mytts.monitor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far long work is (preparing features, building a corpus, extracting durations, training): a
 * console bar with rate and ETA on a terminal; otherwise a line with the same facts (a bar's carriage
 * returns make a mess of log files), every {@link #LOG_INTERVAL} or when asked ({@link #logLine()});
 * or nothing ({@link #none()}).
 */
public final class Progress implements AutoCloseable {

    /** How often a task's line is written when the output is not a terminal. */
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final String task;
    private final String unit;
    private final long first;
    private final long total;
    private final ProgressBar bar; // null unless on a terminal
    private final PrintStream log; // null on a terminal, or with no output
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos = startNanos;
    private long done;
    private String message = "";

    private Progress(String task, String unit, long first, long total, boolean terminal, PrintStream log,
            Duration interval) {
        this.task = task;
        this.unit = unit;
        this.first = first;
        this.total = total;
        this.done = first;
        this.intervalNanos = interval == null ? Long.MAX_VALUE : interval.toNanos();
        this.bar = terminal && log != null ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .startsFrom(first, Duration.ZERO).setUnit(" " + unit, 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build() : null;
        this.log = terminal ? null : log;
    }

    /** Starts the progress of a task of {@code total} items. */
    @FunctionalInterface
    public interface Factory {
        Progress start(String task, long total);

        /** No output: for tests and library use. */
        Factory NONE = (task, total) -> none();

        /** A bar on a terminal, a line every {@link #LOG_INTERVAL} on {@code log} otherwise. */
        static Factory console(PrintStream log) {
            return (task, total) -> Progress.console(task, total, log);
        }
    }

    /** No output: for tests and library use. */
    public static Progress none() {
        return new Progress("", "items", 0, 0, false, null, null);
    }

    /** Items of a task: a bar on standard error when it is a terminal, else a line every {@link #LOG_INTERVAL} on {@code log}. */
    public static Progress console(String task, long total, PrintStream log) {
        return new Progress(task, "items", 0, total, isTerminal(), log, LOG_INTERVAL);
    }

    /**
     * Steps {@code first} to {@code last} of a task that says itself when to write its line
     * ({@link #logLine()}: training, at its logging steps): a bar when {@code terminal}, else lines on
     * {@code log}.
     */
    public static Progress steps(String task, long first, long last, boolean terminal, PrintStream log) {
        return new Progress(task, "steps", first, last, terminal, log, null);
    }

    /** Whether standard output and error are a terminal (where a bar can redraw itself). */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** One more item done. */
    public void step() {
        stepTo(done + 1);
    }

    /** Moves to {@code n} done. */
    public void stepTo(long n) {
        done = n;
        if (bar != null) {
            bar.stepTo(n);
        } else if (log != null && System.nanoTime() - lastLineNanos >= intervalNanos) {
            logLine();
        }
    }

    /** A short text shown after the counts (the last losses, say). */
    public void setMessage(String message) {
        this.message = message == null ? "" : message;
        if (bar != null) {
            bar.setExtraMessage(this.message);
        }
    }

    /** Writes the line now, unless the bar shows it (or there is no output). */
    public void logLine() {
        if (log != null) {
            lastLineNanos = System.nanoTime();
            log.println(line());
        }
    }

    /** {@code TASK done/total (percent) rate UNIT/s ETA h:mm:ss MESSAGE}. */
    String line() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = seconds > 0 ? (done - first) / seconds : 0;
        String eta = rate > 0 ? formatDuration((long) ((total - done) / rate)) : "?";
        return String.format(Locale.ROOT, "%s %d/%d (%.1f%%) %.2f %s/s ETA %s%s", task, done, total,
                100.0 * done / Math.max(1, total), rate, unit, eta, message.isEmpty() ? "" : " " + message);
    }

    static String formatDuration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    /** Closes the bar; a task whose lines come every interval writes its last one. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (intervalNanos != Long.MAX_VALUE) {
            logLine();
        }
    }
}
