package io.mytts.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mytts.align.Alignments;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlignmentPlotTest {

    /** A soft diagonal that pauses in the middle, like a real alignment. */
    static float[][] softDiagonal(int steps, int tokens) {
        float[][] a = new float[steps][tokens];
        for (int s = 0; s < steps; s++) {
            double c = s * (tokens - 1) / (double) (steps - 1);
            double sum = 0;
            for (int t = 0; t < tokens; t++) {
                sum += a[s][t] = (float) Math.exp(-0.5 * Math.pow((t - c) / 0.8, 2));
            }
            for (int t = 0; t < tokens; t++) {
                a[s][t] /= sum;
            }
        }
        return a;
    }

    @Test
    void writesAPngOfTheExpectedLayout(@TempDir Path dir) throws Exception {
        String text = "hello, world!";
        List<String> labels = new ArrayList<>();
        text.codePoints().forEach(cp -> labels.add(new String(Character.toChars(cp))));
        float[][] a = softDiagonal(90, labels.size());
        AlignmentPlot plot = AlignmentPlot.builder().setAlignment(a).optTokenLabels(labels)
                .optCaption("step 1200, all layers").build();
        Path file = dir.resolve("alignments/step-1200.png");
        plot.writePng(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isGreaterThan(360);
        assertThat(plot.showsTokenLabels()).isTrue();
        assertThat(plot.diagonality()).isEqualTo(Alignments.diagonality(a));

        // The heatmap's colours follow the alignment: bright (yellow) on the path, dark off it.
        // The cell of (step 0, token 0) is at the bottom left; that of (step 0, last token) at the top left.
        int[] bottomLeft = rgbNearCorner(image, true);
        int[] topLeft = rgbNearCorner(image, false);
        assertThat(bottomLeft[1]).as("green of a bright viridis cell").isGreaterThan(150);
        assertThat(topLeft[1]).as("green of a dark viridis cell").isLessThan(60);
        Files.copy(file, Path.of("target", "alignment-plot-example.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The colour just inside the plot's left edge, at its bottom or top row. */
    private static int[] rgbNearCorner(BufferedImage image, boolean bottom) {
        // The plot area starts where the first non-white, non-grey pixel is on the middle row.
        int y0 = image.getHeight() / 2;
        int left = 0;
        while (isNeutral(image.getRGB(left, y0))) {
            left++;
        }
        int y = 0;
        if (bottom) {
            y = image.getHeight() - 1;
            while (isNeutral(image.getRGB(left + 2, y))) {
                y--;
            }
            y -= 2;
        } else {
            while (isNeutral(image.getRGB(left + 2, y))) {
                y++;
            }
            y += 2;
        }
        int rgb = image.getRGB(left + 2, y);
        return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    }

    private static boolean isNeutral(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.abs(r - g) < 8 && Math.abs(g - b) < 8;
    }

    @Test
    void bigAlignmentsUseNumbersInsteadOfLabels() throws Exception {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            labels.add("t" + i);
        }
        AlignmentPlot plot = AlignmentPlot.builder().setAlignment(softDiagonal(1500, 300))
                .optTokenLabels(labels).build();
        assertThat(plot.showsTokenLabels()).isFalse();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(plot.toPng()));
        assertThat(image.getWidth()).isLessThan(1200);
        assertThat(image.getHeight()).isLessThan(900);
    }

    @Test
    void aSharpPathSurvivesDownscaling() {
        int steps = 3000;
        int tokens = 10;
        float[][] a = new float[steps][tokens];
        for (int s = 0; s < steps; s++) {
            a[s][s * tokens / steps] = 1; // token 0 for steps 0..299, token 1 for 300..599, ...
        }
        a[1234][9] = 1; // a single bright cell far from the path: one step among 3000
        BufferedImage image = AlignmentPlot.builder().setAlignment(a).optPlotSize(300, 100).build().render();
        // Count the bright (yellow: high red and green) pixels in the top row of cells (token 9, the
        // 10 pixel rows below the top margin) in the left half of the image, where the path
        // itself never reaches token 9.
        int brightInTopRowLeftHalf = 0;
        for (int x = 0; x < image.getWidth() / 2; x++) {
            for (int y = AlignmentPlot.MARGIN_TOP + 2; y < AlignmentPlot.MARGIN_TOP + 8; y++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) > 200 && (rgb & 0xff) < 100) {
                    brightInTopRowLeftHalf++;
                }
            }
        }
        // The lone cell at step 1234 (41% of the way) is kept by max pooling despite 10 steps per pixel.
        assertThat(brightInTopRowLeftHalf).isGreaterThan(0);
    }

    @Test
    void checksItsInput() {
        assertThatThrownBy(() -> AlignmentPlot.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlignmentPlot.builder().setAlignment(new float[4][3]).optLengths(5, 3).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlignmentPlot.builder().setAlignment(new float[4][3])
                .optTokenLabels(List.of("a")).build()).hasMessageContaining("token labels");
    }
}
