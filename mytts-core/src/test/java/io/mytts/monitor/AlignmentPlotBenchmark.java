package io.mytts.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * Time to render one alignment plot to PNG bytes: {@link AlignmentPlot} (Java2D) against XChart's
 * heat map, at typical alignment sizes. Prints medians of repeated runs after a warm-up.
 *
 * <pre>
 * mvn -q -o test-compile -pl mytts-core &amp;&amp; mvn -q -o dependency:build-classpath -pl mytts-core -Dmdep.outputFile=/tmp/cp.txt
 * java -cp mytts-core/target/classes:mytts-core/target/test-classes:$(cat /tmp/cp.txt) io.mytts.monitor.AlignmentPlotBenchmark
 * </pre>
 */
public final class AlignmentPlotBenchmark {

    private AlignmentPlotBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int[][] sizes = {{200, 40}, {600, 120}, {1000, 200}};
        System.out.println("steps x tokens   AlignmentPlot ms   XChart ms   ratio");
        for (int[] size : sizes) {
            float[][] a = FakeRun.alignment(size[0], size[1], 0.8);
            int repeats = size[0] >= 1000 ? 5 : 9;
            double ours = median(repeats, () -> AlignmentPlot.builder().setAlignment(a).build().toPng());
            double xchart = median(size[0] >= 1000 ? 3 : 5, () -> xchartPng(a));
            System.out.printf(Locale.ROOT, "%5d x %-5d     %10.1f      %9.1f   %5.1fx%n",
                    size[0], size[1], ours, xchart, xchart / ours);
        }
    }

    private static byte[] xchartPng(float[][] a) {
        int steps = a.length;
        int tokens = a[0].length;
        int[] x = new int[steps];
        int[] y = new int[tokens];
        Arrays.setAll(x, i -> i);
        Arrays.setAll(y, i -> i);
        List<Number[]> cells = new ArrayList<>(steps * tokens);
        for (int s = 0; s < steps; s++) {
            for (int t = 0; t < tokens; t++) {
                cells.add(new Number[] {s, t, a[s][t]});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(1000).height(600).title("alignment").build();
        chart.getStyler().setPlotContentSize(1);
        chart.addSeries("attention", toList(x), toList(y), cells);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Integer> toList(int[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static double median(int repeats, Runnable work) {
        work.run(); // warm-up
        work.run();
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }
}
