package io.mytts.eval;

import java.util.Arrays;

/** The median of a set of values (NaN for none); the middle two averaged for an even count. */
public final class Median {

    private Median() {}

    public static double of(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
