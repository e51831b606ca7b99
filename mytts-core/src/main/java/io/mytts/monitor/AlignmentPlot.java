package io.mytts.monitor;

import io.mytts.align.Alignments;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A heatmap of an alignment painted with Java2D (XChart is too slow at alignment sizes): decoder
 * steps on the horizontal axis, input tokens on the vertical axis (the first token at the bottom,
 * labelled with the tokens' text when the rows are tall enough), a colour bar, and the
 * diagonality in the title.
 *
 * <pre>{@code
 * AlignmentPlot.builder().setAlignment(a).optTokenLabels(symbols).optCaption("step 12000, layer 3")
 *         .build().writePng(Path.of("run/alignments/step-12000.png"));
 * }</pre>
 */
public final class AlignmentPlot {

    private static final int MARGIN_LEFT_NUMBERS = 56;
    static final int MARGIN_TOP = 44;
    private static final int MARGIN_BOTTOM = 48;
    private static final int COLOUR_BAR_GAP = 16;
    private static final int COLOUR_BAR_WIDTH = 16;
    private static final int COLOUR_BAR_LABELS = 48;
    private static final int MIN_LABEL_ROW_HEIGHT = 11;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private final float[][] alignment;
    private final int steps;
    private final int tokens;
    private final List<String> tokenLabels;
    private final String caption;
    private final int plotWidth;
    private final int plotHeight;
    private final double diagonality;

    private AlignmentPlot(Builder b) {
        this.alignment = b.alignment;
        this.steps = b.steps;
        this.tokens = b.tokens;
        this.tokenLabels = b.tokenLabels;
        this.caption = b.caption;
        this.plotWidth = b.plotWidth > 0 ? b.plotWidth : clamp(steps * 3, 360, 1000);
        this.plotHeight = b.plotHeight > 0 ? b.plotHeight : clamp(tokens * 14, 200, 700);
        this.diagonality = Alignments.diagonality(alignment, steps, tokens);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The diagonality shown in the title. */
    public double diagonality() {
        return diagonality;
    }

    /** Whether the token labels (rather than token numbers) label the vertical axis. */
    public boolean showsTokenLabels() {
        return tokenLabels != null && plotHeight / (double) tokens >= MIN_LABEL_ROW_HEIGHT;
    }

    /** Paints the plot. */
    public BufferedImage render() {
        int left = showsTokenLabels() ? Math.max(MARGIN_LEFT_NUMBERS, labelWidth() + 28) : MARGIN_LEFT_NUMBERS;
        int width = left + plotWidth + COLOUR_BAR_GAP + COLOUR_BAR_WIDTH + COLOUR_BAR_LABELS;
        int height = MARGIN_TOP + plotHeight + MARGIN_BOTTOM;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            float max = maxValue();
            paintCells(g, left, max);
            paintAxes(g, left);
            paintColourBar(g, left + plotWidth + COLOUR_BAR_GAP, max);
            paintTitle(g, width);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Paints the plot and writes it as a PNG file, creating the parent folders. */
    public void writePng(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(render(), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the alignment plot " + file, e);
        }
    }

    /** Paints the plot and returns the PNG bytes. */
    public byte[] toPng() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private float maxValue() {
        float max = 0;
        for (int s = 0; s < steps; s++) {
            for (int t = 0; t < tokens; t++) {
                if (alignment[s][t] > max) {
                    max = alignment[s][t];
                }
            }
        }
        return max > 0 ? max : 1;
    }

    /**
     * One pixel per cell first, then scaled with nearest neighbour: fast at any size. When there
     * are more cells than pixels, each pixel shows the largest value it covers (max pooling), so a
     * sharp alignment path never falls between the sampled cells.
     */
    private void paintCells(Graphics2D g, int left, float max) {
        int columns = Math.min(steps, plotWidth);
        int rows = Math.min(tokens, plotHeight);
        BufferedImage cells = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int c = 0; c < columns; c++) {
            int s0 = (int) ((long) c * steps / columns);
            int s1 = Math.max(s0 + 1, (int) ((long) (c + 1) * steps / columns));
            for (int r = 0; r < rows; r++) {
                int t0 = (int) ((long) r * tokens / rows);
                int t1 = Math.max(t0 + 1, (int) ((long) (r + 1) * tokens / rows));
                float v = pooledMax(s0, s1, t0, t1);
                int rgb = Float.isFinite(v) ? Colormap.rgb(v / max) : 0xFF00FF;
                cells.setRGB(c, rows - 1 - r, rgb);
            }
        }
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(cells, left, MARGIN_TOP, plotWidth, plotHeight, null);
    }

    /** The largest value in the block, or NaN if it holds a non-finite value (shown in magenta). */
    private float pooledMax(int s0, int s1, int t0, int t1) {
        float m = Float.NEGATIVE_INFINITY;
        for (int s = s0; s < s1; s++) {
            for (int t = t0; t < t1; t++) {
                float v = alignment[s][t];
                if (!Float.isFinite(v)) {
                    return Float.NaN;
                }
                m = Math.max(m, v);
            }
        }
        return m;
    }

    private void paintAxes(Graphics2D g, int left) {
        int bottom = MARGIN_TOP + plotHeight;
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, MARGIN_TOP, plotWidth, plotHeight);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();

        for (long tick : Ticks.integerTicks(steps, Math.max(2, plotWidth / 70))) {
            int x = left + (int) Math.round((tick + 0.5) * plotWidth / steps);
            g.drawLine(x, bottom, x, bottom + 4);
            String label = Long.toString(tick);
            g.drawString(label, x - fm.stringWidth(label) / 2, bottom + 5 + fm.getAscent());
        }
        String xTitle = "decoder step (" + steps + ")";
        g.drawString(xTitle, left + (plotWidth - fm.stringWidth(xTitle)) / 2, bottom + 38);

        double rowHeight = plotHeight / (double) tokens;
        if (showsTokenLabels()) {
            for (int t = 0; t < tokens; t++) {
                int y = bottom - (int) Math.round((t + 0.5) * rowHeight);
                String label = visible(tokenLabels.get(t));
                g.drawLine(left - 3, y, left, y);
                g.drawString(label, left - 5 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
        } else {
            for (long tick : Ticks.integerTicks(tokens, Math.max(2, plotHeight / 40))) {
                int y = bottom - (int) Math.round((tick + 0.5) * rowHeight);
                String label = Long.toString(tick);
                g.drawLine(left - 4, y, left, y);
                g.drawString(label, left - 6 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
        }
        AffineTransform saved = g.getTransform();
        String yTitle = "input token (" + tokens + ")";
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, -(MARGIN_TOP + (plotHeight + fm.stringWidth(yTitle)) / 2), 14);
        g.setTransform(saved);
    }

    private void paintColourBar(Graphics2D g, int x, float max) {
        for (int y = 0; y < plotHeight; y++) {
            double v = 1 - y / (double) (plotHeight - 1);
            g.setColor(new Color(Colormap.rgb(v)));
            g.drawLine(x, MARGIN_TOP + y, x + COLOUR_BAR_WIDTH, MARGIN_TOP + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, MARGIN_TOP, COLOUR_BAR_WIDTH, plotHeight);
        g.setFont(FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4.0;
            int y = MARGIN_TOP + plotHeight - (int) Math.round(i / 4.0 * plotHeight);
            g.drawLine(x + COLOUR_BAR_WIDTH, y, x + COLOUR_BAR_WIDTH + 3, y);
            g.drawString(String.format(Locale.ROOT, "%.2f", v), x + COLOUR_BAR_WIDTH + 5, y + fm.getAscent() / 2 - 1);
        }
    }

    private void paintTitle(Graphics2D g, int width) {
        g.setFont(TITLE_FONT);
        g.setColor(Color.BLACK);
        String title = String.format(Locale.ROOT, "Alignment%s  |  diagonality %.3f",
                caption == null ? "" : " — " + caption, diagonality);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, Math.max(4, (width - fm.stringWidth(title)) / 2), 26);
    }

    private int labelWidth() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics fm = g.getFontMetrics(FONT);
            int w = 0;
            for (int t = 0; t < tokens; t++) {
                w = Math.max(w, fm.stringWidth(visible(tokenLabels.get(t))));
            }
            return Math.min(w, 160);
        } finally {
            g.dispose();
        }
    }

    /** Makes blank tokens visible: a space is shown as "␣". */
    private static String visible(String label) {
        if (label.isBlank()) {
            return "␣";
        }
        return label.length() > 24 ? label.substring(0, 23) + "…" : label;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Builder of {@link AlignmentPlot}: {@code setAlignment} is required. */
    public static final class Builder {
        private float[][] alignment;
        private int steps = -1;
        private int tokens = -1;
        private List<String> tokenLabels;
        private String caption;
        private int plotWidth;
        private int plotHeight;

        private Builder() {}

        /** The alignment {@code [steps][tokens]}. */
        public Builder setAlignment(float[][] alignment) {
            this.alignment = alignment;
            return this;
        }

        /** The valid part of a padded alignment (default: all of it). */
        public Builder optLengths(int steps, int tokens) {
            this.steps = steps;
            this.tokens = tokens;
            return this;
        }

        /** The text of each token, shown on the vertical axis when the rows are tall enough. */
        public Builder optTokenLabels(List<String> tokenLabels) {
            this.tokenLabels = List.copyOf(tokenLabels);
            return this;
        }

        /** Added to the title, e.g. "step 12000, layer 3". */
        public Builder optCaption(String caption) {
            this.caption = caption;
            return this;
        }

        /** The size of the heatmap area in pixels (default: from the alignment's size). */
        public Builder optPlotSize(int width, int height) {
            this.plotWidth = width;
            this.plotHeight = height;
            return this;
        }

        public AlignmentPlot build() {
            if (alignment == null || alignment.length == 0 || alignment[0].length == 0) {
                throw new IllegalArgumentException("setAlignment needs a non-empty [steps][tokens] array");
            }
            if (steps < 0) {
                steps = alignment.length;
                tokens = alignment[0].length;
            }
            if (steps < 1 || steps > alignment.length || tokens < 1 || tokens > alignment[0].length) {
                throw new IllegalArgumentException("lengths " + steps + " x " + tokens + " outside the alignment "
                        + alignment.length + " x " + alignment[0].length);
            }
            if (tokenLabels != null && tokenLabels.size() < tokens) {
                throw new IllegalArgumentException(tokenLabels.size() + " token labels for " + tokens + " tokens");
            }
            if (plotWidth < 0 || plotHeight < 0 || (plotWidth == 0) != (plotHeight == 0)) {
                throw new IllegalArgumentException("plot size must be positive, not " + plotWidth + " x " + plotHeight);
            }
            return new AlignmentPlot(this);
        }
    }
}
