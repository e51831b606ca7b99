package io.mytts.monitor;

/** The viridis colour map (perceptually uniform, readable in grey and by colour-blind readers). */
final class Colormap {

    /** Viridis at 0, 1/8, ..., 1; the colours between are interpolated linearly. */
    private static final int[] ANCHORS = {
        0x440154, 0x46327e, 0x365c8d, 0x277f8e, 0x1fa187, 0x4ac16d, 0xa0da39, 0xd8e219, 0xfde725
    };

    private Colormap() {}

    /** The colour of {@code v} in [0, 1] (clamped) as 0xRRGGBB. */
    static int rgb(double v) {
        double x = Math.max(0, Math.min(1, v)) * (ANCHORS.length - 1);
        int i = Math.min((int) x, ANCHORS.length - 2);
        double f = x - i;
        int a = ANCHORS[i];
        int b = ANCHORS[i + 1];
        int r = mix((a >> 16) & 0xff, (b >> 16) & 0xff, f);
        int g = mix((a >> 8) & 0xff, (b >> 8) & 0xff, f);
        int bl = mix(a & 0xff, b & 0xff, f);
        return (r << 16) | (g << 8) | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
