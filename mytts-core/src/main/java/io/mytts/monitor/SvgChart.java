package io.mytts.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as inline SVG (no scripts, no external resources): series of (step, value) points,
 * axes with ticks, a legend, and a linear or logarithmic value axis.
 */
final class SvgChart {

    /** One line of a chart. Points with a non-finite value (or, on a log axis, a value <= 0) are left out. */
    record Series(String name, double[] x, double[] y) {}

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };
    static final int WIDTH = 560;
    static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 40;
    /** Above this many points a series is thinned to the min and max of each of this many buckets. */
    static final int MAX_POINTS = 1200;
    /** Series with fewer points get a marker at each point (sparse validation values). */
    private static final int MARKER_LIMIT = 60;

    private final String title;
    private final String yLabel;
    private final boolean logY;
    private final Double fixedMin;
    private final Double fixedMax;
    private final List<Series> series = new ArrayList<>();
    private String xLabel = "step";

    /**
     * @param logY a logarithmic value axis
     * @param fixedMin the lower end of the value axis, or null to fit the data
     * @param fixedMax the upper end of the value axis, or null to fit the data
     */
    SvgChart(String title, String yLabel, boolean logY, Double fixedMin, Double fixedMax) {
        this.title = title;
        this.yLabel = yLabel;
        this.logY = logY;
        this.fixedMin = fixedMin;
        this.fixedMax = fixedMax;
    }

    /** The name of the horizontal axis ({@code step} unless set). */
    SvgChart xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    /** Whether a log axis suits these values: all positive, spanning more than a factor of 20. */
    static boolean suitsLogScale(List<Series> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    if (v <= 0) {
                        return false;
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && max / min > 20;
    }

    String toSvg() {
        List<double[][]> points = new ArrayList<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            double[][] p = thin(valid(s));
            points.add(p);
            for (int i = 0; i < p[0].length; i++) {
                xMin = Math.min(xMin, p[0][i]);
                xMax = Math.max(xMax, p[0][i]);
                double y = value(p[1][i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>", LEFT, Html.escape(title)));
        if (xMin > xMax) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" fill=\"#888\">no finite values</text></svg>", LEFT, HEIGHT / 2));
            return svg.toString();
        }
        if (fixedMin != null) {
            yMin = value(fixedMin);
        }
        if (fixedMax != null) {
            yMax = value(fixedMax);
        }
        if (xMax == xMin) {
            xMin -= 1;
            xMax += 1;
        }
        if (yMax == yMin) {
            double pad = Math.abs(yMin) > 0 ? Math.abs(yMin) * 0.1 : 1;
            yMin -= pad;
            yMax += pad;
        } else if (fixedMin == null || fixedMax == null) {
            double pad = (yMax - yMin) * 0.05;
            yMin = fixedMin == null ? yMin - pad : yMin;
            yMax = fixedMax == null ? yMax + pad : yMax;
        }
        Frame f = new Frame(xMin, xMax, yMin, yMax);
        axes(svg, f);
        for (int i = 0; i < series.size(); i++) {
            line(svg, points.get(i), PALETTE[i % PALETTE.length], f);
        }
        legend(svg);
        svg.append("</svg>");
        return svg.toString();
    }

    private double value(double y) {
        return logY ? Math.log10(y) : y;
    }

    private double[][] valid(Series s) {
        int n = Math.min(s.x().length, s.y().length);
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            double v = s.y()[i];
            if (Double.isFinite(v) && Double.isFinite(s.x()[i]) && (!logY || v > 0)) {
                x[k] = s.x()[i];
                y[k] = v;
                k++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k)};
    }

    /** Keeps the smallest and largest value of each of {@link #MAX_POINTS} buckets, so spikes stay visible. */
    static double[][] thin(double[][] p) {
        int n = p[0].length;
        if (n <= MAX_POINTS) {
            return p;
        }
        int buckets = MAX_POINTS / 2;
        double[] x = new double[buckets * 2];
        double[] y = new double[buckets * 2];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (p[1][i] < p[1][lo]) {
                    lo = i;
                }
                if (p[1][i] > p[1][hi]) {
                    hi = i;
                }
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            x[k] = p[0][first];
            y[k++] = p[1][first];
            if (second != first) {
                x[k] = p[0][second];
                y[k++] = p[1][second];
            }
        }
        return new double[][] {java.util.Arrays.copyOf(x, k), java.util.Arrays.copyOf(y, k)};
    }

    private record Frame(double xMin, double xMax, double yMin, double yMax) {
        double px(double x) {
            return LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        double py(double y) {
            return HEIGHT - BOTTOM - (y - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM);
        }
    }

    private void axes(StringBuilder svg, Frame f) {
        int bottom = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        svg.append("<g font-size=\"11\" fill=\"#333\">");
        for (double t : Ticks.ticks(f.xMin(), f.xMax(), 6)) {
            double x = f.px(t);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", x, TOP, x, bottom));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, bottom + 15, format(t)));
        }
        List<Double> yTicks = logY ? logTicks(f.yMin(), f.yMax()) : Ticks.ticks(f.yMin(), f.yMax(), 5);
        for (double t : yTicks) {
            double y = f.py(t);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 4, y + 4,
                    format(logY ? Math.pow(10, t) : t)));
        }
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6,
                Html.escape(xLabel)));
        svg.append(String.format(Locale.ROOT,
                "<text transform=\"translate(12 %d) rotate(-90)\" text-anchor=\"middle\">%s%s</text>",
                (TOP + bottom) / 2, Html.escape(yLabel), logY ? " (log)" : ""));
        svg.append("</g>");
    }

    /** Ticks of a log10 axis: each power of ten, or nice steps between them when there are few. */
    private static List<Double> logTicks(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        double step = Math.max(1, Math.ceil((hi - lo) / 6));
        for (double e = Math.ceil(lo); e <= hi; e += step) {
            ticks.add(e);
        }
        if (ticks.size() < 2) {
            for (double m : new double[] {2, 5}) {
                for (double e = Math.floor(lo); e <= hi; e++) {
                    double v = e + Math.log10(m);
                    if (v >= lo && v <= hi) {
                        ticks.add(v);
                    }
                }
            }
        }
        return ticks;
    }

    private void line(StringBuilder svg, double[][] p, String colour, Frame f) {
        if (p[0].length == 0) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.6\" points=\"");
        for (int i = 0; i < p[0].length; i++) {
            double y = Math.max(f.yMin(), Math.min(f.yMax(), value(p[1][i])));
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(p[0][i]), f.py(y)));
        }
        svg.append("\"/>");
        if (p[0].length < MARKER_LIMIT) {
            for (int i = 0; i < p[0].length; i++) {
                double y = Math.max(f.yMin(), Math.min(f.yMax(), value(p[1][i])));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
                        f.px(p[0][i]), f.py(y), colour));
            }
        }
    }

    private void legend(StringBuilder svg) {
        if (series.size() < 2) {
            return;
        }
        int x = WIDTH - RIGHT - 8;
        int y = TOP + 14;
        svg.append("<g font-size=\"11\">");
        for (int i = 0; i < series.size(); i++) {
            String colour = PALETTE[i % PALETTE.length];
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"3\""
                            + " paint-order=\"stroke\">%s \u2014</text>",
                    x, y + 14 * i, colour, Html.escape(series.get(i).name())));
        }
        svg.append("</g>");
    }

    /** A short number: 1200, 0.5, 3e-04, 1.2k-style is avoided so values read exactly. */
    static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        String s = String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.4f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
