package io.mytts.align;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cross-attention alignments between decoder steps and input tokens: extraction from a model, the
 * diagonality score, averaging over layers and heads, and detectors for the failures of
 * free-running decoding.
 *
 * <p>An alignment is a {@code float[steps][tokens]} array: row {@code s} is the attention of decoder
 * step {@code s} (one mel frame) over the input tokens. Stacks of them are indexed
 * {@code [layer][head][steps][tokens]}, as {@link CrossAttentionSource} returns them.
 */
public final class Alignments {

    /** Default half-width of the diagonal band, as a fraction of the number of tokens. */
    public static final double DEFAULT_BAND_FRACTION = 0.1;

    private Alignments() {}

    // ---------------------------------------------------------------------------------------------
    // Extraction
    // ---------------------------------------------------------------------------------------------

    /**
     * The teacher-forced cross-attention of one utterance, by layer and head, with averages.
     *
     * <p>INTEGRATION POINT: this is {@code extract(model, encIds, melTarget)} of MyTTSModel. The
     * model side is the one method of {@link CrossAttentionSource}; everything after it (checks,
     * averaging, scores) lives here and is tested without a model.
     *
     * @param model the model, or a method reference to its teacher-forced attention
     * @param encIds input token ids of one utterance
     * @param melTarget its ground-truth mel frames
     * @throws IllegalStateException if the model returns no layers, no heads or ragged arrays
     */
    public static AlignmentSet extract(CrossAttentionSource model, NDArray encIds, NDArray melTarget) {
        Objects.requireNonNull(model, "model");
        float[][][][] weights = model.teacherForcedCrossAttention(encIds, melTarget);
        try {
            return new AlignmentSet(weights);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the model returned malformed cross-attention: " + e.getMessage(), e);
        }
    }

    /**
     * Copies a 2-D NDArray {@code (steps, tokens)}, or a 3-D one {@code (1, steps, tokens)}, into a
     * Java array (converting to float32 if needed). The array itself is left open.
     */
    public static float[][] toMatrix(NDArray alignment) {
        Shape shape = alignment.getShape();
        if (shape.dimension() == 3 && shape.get(0) == 1) {
            shape = new Shape(shape.get(1), shape.get(2));
        }
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("an alignment is (steps, tokens), not " + alignment.getShape());
        }
        float[] flat = alignment.getDataType() == DataType.FLOAT32
                ? alignment.toFloatArray() : convertToFloat(alignment);
        int steps = Math.toIntExact(shape.get(0));
        int tokens = Math.toIntExact(shape.get(1));
        float[][] out = new float[steps][tokens];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(flat, s * tokens, out[s], 0, tokens);
        }
        return out;
    }

    /**
     * Copies a 4-D NDArray {@code (layers, heads, steps, tokens)} into a Java array, as an
     * implementation of {@link CrossAttentionSource} returns it. The array itself is left open.
     */
    public static float[][][][] toLayerHeadArray(NDArray weights) {
        Shape shape = weights.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected (layers, heads, steps, tokens), not " + shape);
        }
        int layers = Math.toIntExact(shape.get(0));
        int heads = Math.toIntExact(shape.get(1));
        int steps = Math.toIntExact(shape.get(2));
        int tokens = Math.toIntExact(shape.get(3));
        float[] flat = weights.getDataType() == DataType.FLOAT32 ? weights.toFloatArray() : convertToFloat(weights);
        float[][][][] out = new float[layers][heads][steps][tokens];
        int i = 0;
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int s = 0; s < steps; s++) {
                    System.arraycopy(flat, i, out[l][h][s], 0, tokens);
                    i += tokens;
                }
            }
        }
        return out;
    }

    private static float[] convertToFloat(NDArray array) {
        try (NDArray converted = array.toType(DataType.FLOAT32, true)) {
            return converted.toFloatArray();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Averaging
    // ---------------------------------------------------------------------------------------------

    /**
     * The cross-attention of each layer, {@code [batch, heads, queries, keys]}, averaged over layers
     * and heads: {@code [batch, queries, keys]}, in the manager of the first layer's array. The one
     * tensor-side average: generation's per-step peak and training's diagonality both take it here.
     */
    public static NDArray averageLayersAndHeads(List<NDArray> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no layers to average");
        }
        Shape s = layers.get(0).getShape();
        // [batch, layers, heads, q, k] -> [batch, layers·heads, q, k]: one mean over one axis.
        NDArray stacked = NDArrays.stack(new NDList(layers.toArray(new NDArray[0])), 1);
        return stacked.reshape(s.get(0), (long) layers.size() * s.get(1), s.get(2), s.get(3)).mean(new int[] {1});
    }

    /** The mean over all layers and heads of {@code [layer][head][steps][tokens]}. */
    public static float[][] averageHeads(float[][][][] byLayerHead) {
        checkStack(byLayerHead);
        List<float[][]> all = new ArrayList<>();
        for (float[][][] layer : byLayerHead) {
            all.addAll(List.of(layer));
        }
        return mean(all);
    }

    /** The mean over the heads of one layer of {@code [layer][head][steps][tokens]}. */
    public static float[][] averageHeads(float[][][][] byLayerHead, int layer) {
        checkStack(byLayerHead);
        if (layer < 0 || layer >= byLayerHead.length) {
            throw new IllegalArgumentException("layer " + layer + " out of range 0.." + (byLayerHead.length - 1));
        }
        return averageHeads(byLayerHead[layer]);
    }

    /** The mean over heads of {@code [head][steps][tokens]}. */
    public static float[][] averageHeads(float[][][] heads) {
        if (heads.length == 0) {
            throw new IllegalArgumentException("no heads to average");
        }
        return mean(List.of(heads));
    }

    /** The head average of each layer: {@code [layer][steps][tokens]}. */
    public static float[][][] layerAverages(float[][][][] byLayerHead) {
        checkStack(byLayerHead);
        float[][][] out = new float[byLayerHead.length][][];
        for (int l = 0; l < byLayerHead.length; l++) {
            out[l] = averageHeads(byLayerHead[l]);
        }
        return out;
    }

    /**
     * The single head whose alignment is the most diagonal: the natural choice to plot, or to
     * guide with the guided attention loss.
     */
    public static HeadScore mostDiagonalHead(float[][][][] byLayerHead) {
        checkStack(byLayerHead);
        HeadScore best = null;
        for (int l = 0; l < byLayerHead.length; l++) {
            for (int h = 0; h < byLayerHead[l].length; h++) {
                double score = diagonality(byLayerHead[l][h]);
                if (best == null || score > best.diagonality()) {
                    best = new HeadScore(l, h, score);
                }
            }
        }
        return best;
    }

    /** A head and its diagonality. */
    public record HeadScore(int layer, int head, double diagonality) {}

    private static float[][] mean(List<float[][]> matrices) {
        int steps = matrices.get(0).length;
        int tokens = steps == 0 ? 0 : matrices.get(0)[0].length;
        double[][] sum = new double[steps][tokens];
        for (float[][] m : matrices) {
            checkRectangular(m, steps, tokens);
            for (int s = 0; s < steps; s++) {
                for (int t = 0; t < tokens; t++) {
                    sum[s][t] += m[s][t];
                }
            }
        }
        float[][] out = new float[steps][tokens];
        for (int s = 0; s < steps; s++) {
            for (int t = 0; t < tokens; t++) {
                out[s][t] = (float) (sum[s][t] / matrices.size());
            }
        }
        return out;
    }

    static void checkStack(float[][][][] byLayerHead) {
        if (byLayerHead == null || byLayerHead.length == 0) {
            throw new IllegalArgumentException("no layers");
        }
        float[][] first = null;
        for (int l = 0; l < byLayerHead.length; l++) {
            if (byLayerHead[l] == null || byLayerHead[l].length == 0) {
                throw new IllegalArgumentException("layer " + l + " has no heads");
            }
            for (float[][] head : byLayerHead[l]) {
                if (first == null) {
                    first = head;
                }
                checkRectangular(head, first.length, first.length == 0 ? 0 : first[0].length);
            }
        }
    }

    private static void checkRectangular(float[][] m, int steps, int tokens) {
        if (m == null || m.length != steps) {
            throw new IllegalArgumentException("alignments differ in shape: expected " + steps + " steps");
        }
        for (float[] row : m) {
            if (row == null || row.length != tokens) {
                throw new IllegalArgumentException("alignments differ in shape: expected rows of " + tokens + " tokens");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Diagonality
    // ---------------------------------------------------------------------------------------------

    /**
     * How diagonal an alignment is, in [0, 1], over the whole array; see
     * {@link #diagonality(float[][], int, int, double)}.
     */
    public static double diagonality(float[][] alignment) {
        int steps = alignment.length;
        return diagonality(alignment, steps, steps == 0 ? 0 : alignment[0].length, DEFAULT_BAND_FRACTION);
    }

    /**
     * How diagonal the valid part of a padded alignment is; see
     * {@link #diagonality(float[][], int, int, double)}.
     */
    public static double diagonality(float[][] alignment, int steps, int tokens) {
        return diagonality(alignment, steps, tokens, DEFAULT_BAND_FRACTION);
    }

    /**
     * How diagonal an alignment is: the share of its attention mass that lies near the straight
     * path from (first step, first token) to (last step, last token), corrected for chance.
     *
     * <p>Definition. Only the valid part {@code A[s][t]}, {@code 0 <= s < S = steps},
     * {@code 0 <= t < T = tokens}, is read (the rest is padding). The straight path visits token
     * {@code c(s) = s (T - 1) / (S - 1)} at step {@code s} ({@code c = (T - 1) / 2} when
     * {@code S = 1}), so non-square shapes are handled by stretching. The band holds the cells with
     * {@code |t - c(s)| <= w}, {@code w = max(1, bandFraction * T)} tokens. Then
     * <ul>
     *   <li>{@code m = (sum of A inside the band) / (sum of A)}: the band share of the mass;
     *   <li>{@code u} = the same share for uniform attention ({@code A = 1/T} everywhere): the
     *       share of chance;
     *   <li>{@code diagonality = max(0, (m - u) / (1 - u))}.
     * </ul>
     * A perfect diagonal (each step attends only to the token on the path) scores 1; uniform
     * attention scores 0; a reversed diagonal, whose mass is inside the band only where it crosses
     * the path, scores 0 as it has less mass there than chance. Rows need not sum to 1 (the score
     * divides by the total). When the band covers every cell ({@code u = 1}: one or two tokens)
     * there is nothing to tell apart and the score is 1; an all-zero alignment scores 0; NaN in the valid part gives NaN.
     *
     * @param alignment {@code [steps][tokens]}, possibly padded
     * @param steps valid decoder steps (rows), at most {@code alignment.length}
     * @param tokens valid tokens (columns), at most the row length
     * @param bandFraction half-width of the band as a fraction of {@code tokens}, in (0, 1]
     */
    public static double diagonality(float[][] alignment, int steps, int tokens, double bandFraction) {
        checkValidPart(alignment, steps, tokens);
        if (!(bandFraction > 0 && bandFraction <= 1)) {
            throw new IllegalArgumentException("bandFraction must be in (0, 1], not " + bandFraction);
        }
        if (steps == 0 || tokens == 0) {
            throw new IllegalArgumentException("an empty alignment (" + steps + " steps, " + tokens + " tokens) has no diagonality");
        }
        double halfWidth = Math.max(1.0, bandFraction * tokens);
        double inBand = 0;
        double total = 0;
        long bandCells = 0;
        for (int s = 0; s < steps; s++) {
            double centre = steps == 1 ? (tokens - 1) / 2.0 : s * (tokens - 1) / (double) (steps - 1);
            float[] row = alignment[s];
            for (int t = 0; t < tokens; t++) {
                total += row[t];
                if (Math.abs(t - centre) <= halfWidth) {
                    inBand += row[t];
                    bandCells++;
                }
            }
        }
        if (Double.isNaN(total)) {
            return Double.NaN;
        }
        double chance = bandCells / ((double) steps * tokens);
        if (chance >= 1) {
            return 1.0;
        }
        if (total <= 0) {
            return 0.0;
        }
        double share = inBand / total;
        return Math.min(1.0, Math.max(0.0, (share - chance) / (1 - chance)));
    }

    private static void checkValidPart(float[][] alignment, int steps, int tokens) {
        Objects.requireNonNull(alignment, "alignment");
        if (steps < 0 || steps > alignment.length) {
            throw new IllegalArgumentException("steps " + steps + " outside 0.." + alignment.length);
        }
        for (int s = 0; s < steps; s++) {
            if (alignment[s] == null || tokens < 0 || tokens > alignment[s].length) {
                throw new IllegalArgumentException("tokens " + tokens + " outside the row " + s + " of the alignment");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Failure detectors
    // ---------------------------------------------------------------------------------------------

    /**
     * The argmax path: for each valid step, the token with the most attention (the first one on
     * ties).
     */
    public static int[] argmaxPath(float[][] alignment, int steps, int tokens) {
        checkValidPart(alignment, steps, tokens);
        if (tokens == 0) {
            throw new IllegalArgumentException("an alignment with no tokens has no argmax path");
        }
        int[] path = new int[steps];
        for (int s = 0; s < steps; s++) {
            int best = 0;
            for (int t = 1; t < tokens; t++) {
                if (alignment[s][t] > alignment[s][best]) {
                    best = t;
                }
            }
            path[s] = best;
        }
        return path;
    }

    /** {@link #detectFailures(float[][], int, int, float[], FailureCriteria)} on the whole alignment with default criteria. */
    public static DecodingFailures detectFailures(float[][] alignment, float[] stopProbabilities) {
        int steps = alignment.length;
        return detectFailures(alignment, steps, steps == 0 ? 0 : alignment[0].length, stopProbabilities,
                FailureCriteria.defaults());
    }

    /**
     * Looks for the failures of free-running decoding in its alignment and stop probabilities.
     * The definitions, on the argmax path {@code p(s)} ({@link #argmaxPath}):
     * <ul>
     *   <li><b>skipped tokens</b>: tokens the path never visits and whose total attention
     *       (column sum over the valid steps) is below {@link FailureCriteria#skipMass()}, so short
     *       tokens that share frames with a neighbour are not counted;
     *   <li><b>repeated tokens</b>: tokens the path comes back to after it has already been at
     *       least {@link FailureCriteria#minBacktrack()} tokens further on (the model says them
     *       twice), where a token counts as reached once the path has stayed on it for
     *       {@link FailureCriteria#minDwell()} steps; jitter between neighbours at a boundary is
     *       not a repeat;
     *   <li><b>attention stuck</b>: the path stays on one token for more than
     *       {@link FailureCriteria#stuckSteps()} consecutive steps;
     *   <li><b>stop never fired</b>: no stop probability of the valid steps reaches
     *       {@link FailureCriteria#stopThreshold()} (decoding ran to its step limit).
     * </ul>
     *
     * @param alignment {@code [steps][tokens]}, possibly padded
     * @param steps valid decoder steps
     * @param tokens valid tokens
     * @param stopProbabilities the stop probability of each decoder step (at least {@code steps}
     *     values; those past {@code steps} are ignored)
     */
    public static DecodingFailures detectFailures(float[][] alignment, int steps, int tokens,
            float[] stopProbabilities, FailureCriteria criteria) {
        Objects.requireNonNull(stopProbabilities, "stopProbabilities");
        Objects.requireNonNull(criteria, "criteria");
        if (stopProbabilities.length < steps) {
            throw new IllegalArgumentException(stopProbabilities.length + " stop probabilities for " + steps + " steps");
        }
        int[] path = argmaxPath(alignment, steps, tokens);

        boolean[] visited = new boolean[tokens];
        for (int p : path) {
            visited[p] = true;
        }
        List<Integer> skipped = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            if (!visited[t] && columnMass(alignment, steps, t) < criteria.skipMass()) {
                skipped.add(t);
            }
        }

        List<Integer> repeated = new ArrayList<>();
        backtracks(path, criteria, repeated);

        int longestRun = 0;
        int longestStart = -1;
        for (int s = 0; s < steps; ) {
            int end = s;
            while (end < steps && path[end] == path[s]) {
                end++;
            }
            if (end - s > longestRun) {
                longestRun = end - s;
                longestStart = s;
            }
            s = end;
        }
        boolean stuck = longestRun > criteria.stuckSteps();

        boolean stopFired = false;
        for (int s = 0; s < steps && !stopFired; s++) {
            stopFired = stopProbabilities[s] >= criteria.stopThreshold();
        }
        return new DecodingFailures(skipped, repeated, stuck,
                longestStart < 0 ? -1 : path[longestStart], longestRun, longestStart, !stopFired);
    }

    /**
     * The repeat test of {@link #detectFailures}: counts the steps whose path position is at least
     * {@link FailureCriteria#minBacktrack()} behind the furthest position reached so far, and adds
     * each such position once to {@code repeated}.
     */
    static int backtracks(int[] path, FailureCriteria criteria, List<Integer> repeated) {
        int furthest = -1;
        int previous = -1;
        int dwell = 0;
        int behind = 0;
        for (int p : path) {
            dwell = p == previous ? dwell + 1 : 1;
            previous = p;
            if (furthest - p >= criteria.minBacktrack()) {
                behind++;
                if (!repeated.contains(p)) {
                    repeated.add(p);
                }
            }
            if (dwell >= criteria.minDwell()) {
                furthest = Math.max(furthest, p);
            }
        }
        return behind;
    }

    /**
     * The alignment over groups of tokens (words, say): column {@code g} of the result is the sum of
     * the columns of the tokens whose {@code groupOfToken} is {@code g}. Attention spread over the
     * letters of one word then counts for that word, so the failure detectors find skipped and
     * repeated words rather than letters that a focused attention hops over.
     *
     * @param alignment {@code [steps][tokens]}, possibly padded
     * @param steps valid decoder steps
     * @param groupOfToken the group of each valid token: non-decreasing, from 0
     * @return {@code [steps][groups]}, groups being the last group index + 1
     */
    public static float[][] mergeColumns(float[][] alignment, int steps, int[] groupOfToken) {
        Objects.requireNonNull(groupOfToken, "groupOfToken");
        int groups = 0;
        for (int t = 0; t < groupOfToken.length; t++) {
            int g = groupOfToken[t];
            if (g < 0 || (t > 0 && g < groupOfToken[t - 1])) {
                throw new IllegalArgumentException("token groups must be non-decreasing from 0; token " + t
                        + " has group " + g);
            }
            groups = Math.max(groups, g + 1);
        }
        float[][] merged = new float[steps][groups];
        for (int s = 0; s < steps; s++) {
            for (int t = 0; t < groupOfToken.length; t++) {
                merged[s][groupOfToken[t]] += alignment[s][t];
            }
        }
        return merged;
    }

    private static double columnMass(float[][] alignment, int steps, int token) {
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            sum += alignment[s][token];
        }
        return sum;
    }
}
