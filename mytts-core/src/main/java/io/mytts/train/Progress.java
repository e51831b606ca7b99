package io.mytts.train;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows how far training is: a console bar with rate and ETA on a terminal, and a log line per
 * logging interval when the output is not a terminal (a file, CI, a pipe).
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final long firstStep;
    private final long lastStep;
    private final long startNanos = System.nanoTime();

    private Progress(ProgressBar bar, long firstStep, long lastStep) {
        this.bar = bar;
        this.firstStep = firstStep;
        this.lastStep = lastStep;
    }

    /** A bar when {@code terminal}, log lines otherwise; steps run from {@code firstStep} to {@code lastStep}. */
    static Progress create(boolean terminal, long firstStep, long lastStep) {
        ProgressBar bar = null;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(lastStep)
                    .startsFrom(firstStep, Duration.ZERO).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                    .setUnit(" steps", 1).build();
        }
        return new Progress(bar, firstStep, lastStep);
    }

    static boolean isTerminal() {
        return System.console() != null;
    }

    /** Moves to {@code step}; {@code summary} is the short loss text of the last logging interval. */
    void update(long step, String summary, boolean logInterval) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(summary);
        } else if (logInterval) {
            // Straight to stderr: a log line whatever the logging level (the CLI shows warnings only).
            System.err.println(line(step, summary));
        }
    }

    String line(long step, String summary) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long done = step - firstStep;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 ? formatDuration((long) ((lastStep - step) / rate)) : "?";
        return String.format("step %d/%d (%.1f%%) %.2f steps/s ETA %s %s", step, lastStep,
                100.0 * step / Math.max(1, lastStep), rate, eta, summary);
    }

    static String formatDuration(long seconds) {
        return String.format("%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
