package io.mytts.eval;

import java.util.Arrays;

/**
 * Dynamic time warping of two frame sequences by Euclidean frame distance: the cheapest monotonic
 * path from the first pair of frames to the last, with steps (1,0), (0,1) and (1,1). On equal cost
 * the diagonal step wins, then the step that advances the first sequence.
 *
 * @param first frame index into the first sequence for each step of the path
 * @param second frame index into the second sequence, same length
 * @param meanDistance mean Euclidean frame distance along the path
 */
record Dtw(int[] first, int[] second, double meanDistance) {

    private static final byte DIAGONAL = 0;
    private static final byte UP = 1; // from (i - 1, j)
    private static final byte LEFT = 2; // from (i, j - 1)

    static Dtw align(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            throw new IllegalArgumentException("time warping needs at least one frame on each side, got " + n + " and " + m);
        }
        double[] previous = new double[m];
        double[] current = new double[m];
        int[] previousSteps = new int[m];
        int[] currentSteps = new int[m];
        byte[][] from = new byte[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double d = distance(a[i], b[j]);
                if (i == 0 && j == 0) {
                    current[j] = d;
                    currentSteps[j] = 1;
                    continue;
                }
                double best = Double.POSITIVE_INFINITY;
                int steps = 0;
                byte move = DIAGONAL;
                if (i > 0 && j > 0 && previous[j - 1] < best) {
                    best = previous[j - 1];
                    steps = previousSteps[j - 1];
                }
                if (i > 0 && previous[j] < best) {
                    best = previous[j];
                    steps = previousSteps[j];
                    move = UP;
                }
                if (j > 0 && current[j - 1] < best) {
                    best = current[j - 1];
                    steps = currentSteps[j - 1];
                    move = LEFT;
                }
                current[j] = best + d;
                currentSteps[j] = steps + 1;
                from[i][j] = move;
            }
            double[] t = previous;
            previous = current;
            current = t;
            int[] s = previousSteps;
            previousSteps = currentSteps;
            currentSteps = s;
        }
        int length = previousSteps[m - 1];
        double mean = previous[m - 1] / length;
        int[] first = new int[length];
        int[] second = new int[length];
        int i = n - 1;
        int j = m - 1;
        for (int k = length - 1; k >= 0; k--) {
            first[k] = i;
            second[k] = j;
            if (k == 0) {
                break;
            }
            switch (from[i][j]) {
                case DIAGONAL -> {
                    i--;
                    j--;
                }
                case UP -> i--;
                default -> j--;
            }
        }
        return new Dtw(first, second, mean);
    }

    /** The identity path over the first {@code frames} frames of two time-aligned sequences. */
    static Dtw identity(int frames) {
        int[] idx = new int[frames];
        Arrays.setAll(idx, k -> k);
        return new Dtw(idx, idx.clone(), 0);
    }

    int length() {
        return first.length;
    }

    static double distance(double[] x, double[] y) {
        double s = 0;
        for (int d = 0; d < x.length; d++) {
            double e = x[d] - y[d];
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
