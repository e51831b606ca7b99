package io.mytts.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A forward model's durations as a chart: frames per token, the target (the teacher's) and the
 * model's prediction, one line each over the token index; an SVG for the training report.
 */
public final class DurationPlot {

    private final String svg;

    private DurationPlot(String svg) {
        this.svg = svg;
    }

    /**
     * @param target the teacher's frames per token
     * @param predicted the model's frames per token
     * @param caption the chart's title
     */
    public static DurationPlot of(int[] target, int[] predicted, String caption) {
        SvgChart chart = new SvgChart(caption, "frames", false, 0.0, null).xLabel("token");
        chart.add(series("target", target)).add(series("predicted", predicted));
        return new DurationPlot(chart.toSvg());
    }

    private static SvgChart.Series series(String name, int[] frames) {
        double[] x = new double[frames.length];
        double[] y = new double[frames.length];
        for (int i = 0; i < frames.length; i++) {
            x[i] = i;
            y[i] = frames[i];
        }
        return new SvgChart.Series(name, x, y);
    }

    public String toSvg() {
        return svg;
    }

    /** Writes the SVG, creating the folder. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, svg, StandardCharsets.UTF_8);
    }
}
