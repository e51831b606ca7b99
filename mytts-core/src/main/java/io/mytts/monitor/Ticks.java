package io.mytts.monitor;

import java.util.ArrayList;
import java.util.List;

/** Axis ticks at "nice" values: 1, 2 or 5 times a power of ten. */
final class Ticks {

    private Ticks() {}

    /** The nice step for a range of {@code span} with about {@code target} ticks. */
    static double niceStep(double span, int target) {
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / Math.max(1, target);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /** Ticks at nice integers in [0, count - 1], about {@code target} of them. */
    static List<Long> integerTicks(int count, int target) {
        long step = Math.max(1, Math.round(niceStep(count, target)));
        List<Long> ticks = new ArrayList<>();
        for (long v = 0; v < count; v += step) {
            ticks.add(v);
        }
        return ticks;
    }

    /** Ticks at nice values within [lo, hi]. */
    static List<Double> ticks(double lo, double hi, int target) {
        double step = niceStep(hi - lo, target);
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }
}
