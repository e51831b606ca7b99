package io.mytts.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report of a fake run in headless Chromium (Debian's {@code chromium}): the page
 * loads offline, its charts, alignment plots and players are in the DOM, and the screenshot shows
 * them. Skipped when Chromium is missing, except under CI ({@code CI=true}), where it fails.
 */
class TrainingReportBrowserTest {

    private static HeadlessChromium chromium;

    @BeforeAll
    static void findChromium() {
        chromium = HeadlessChromium.find().orElse(null);
        if (chromium == null) {
            String reason = "chromium is not installed (apt-get install chromium); the browser check of the report is skipped";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason.replace("is skipped", "is required under CI"));
            }
            Assumptions.abort(reason);
        }
    }

    @Test
    void reportLoadsOfflineAndShowsItsPlots(@TempDir Path dir) throws Exception {
        FakeRun.create(dir.resolve("run"));
        Path page = dir.resolve("report.html");
        TrainingReport.builder().setRunFolder(dir.resolve("run")).build().write(page);

        Path png = dir.resolve("report.png");
        String dom = chromium.load(page, png, 1200, 2600);
        assertThat(count(dom, "<svg class=\"chart\"")).isEqualTo(7);
        assertThat(count(dom, "<img ")).isEqualTo(5);
        assertThat(count(dom, "<audio ")).isEqualTo(2);
        assertThat(count(dom, "<polyline ")).isGreaterThanOrEqualTo(10);

        BufferedImage shot = ImageIO.read(png.toFile());
        Files.copy(png, Path.of("target", "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);

        assertThat(shot.getWidth()).isEqualTo(1200);
        assertThat(share(shot, rgb -> !near(rgb, 0xffffff, 12) && !near(rgb, 0xfafafa, 12)))
                .as("share of the page that is not background").isGreaterThan(0.10);
        // The first series of each chart is drawn in #1f77b4, the second in #ff7f0e.
        assertThat(countPixels(shot, 0x1f77b4, 30)).as("pixels of first-series lines").isGreaterThan(500);
        assertThat(countPixels(shot, 0xff7f0e, 30)).as("pixels of second-series lines").isGreaterThan(300);
        // Alignment plots are painted in viridis: its darkest purple fills their background.
        assertThat(countPixels(shot, 0x440154, 20)).as("pixels of alignment plots").isGreaterThan(5000);

        // The players' sources decode: the fake samples last half a second.
        Matcher audio = Pattern.compile("<audio [^>]*src=\"(data:audio/wav;base64,[^\"]+)\"").matcher(dom);
        assertThat(audio.find()).isTrue();
        assertThat(chromium.audioDuration(audio.group(1), dir)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.01));
    }

    private static int count(String text, String literal) {
        Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static boolean near(int rgb, int target, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((target >> shift) & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    private static long countPixels(BufferedImage image, int target, int tolerance) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (near(image.getRGB(x, y), target, tolerance)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static double share(BufferedImage image, java.util.function.IntPredicate test) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (test.test(image.getRGB(x, y))) {
                    n++;
                }
            }
        }
        return n / (double) ((long) image.getWidth() * image.getHeight());
    }
}
