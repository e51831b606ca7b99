package io.mytts.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mytts.nn.ParameterSet;

/**
 * Where each regulated frame lies inside its token, added to the frame states before the decoder
 * (Non-Attentive Tacotron, Shen et al. 2020, adds a positional embedding of each frame's place in
 * its token for the same reason). The length regulator repeats one state for all of a token's
 * frames, so without this the decoder must work out from absolute positions alone where a
 * character starts and ends; the transitions between sounds, which carry much of what makes speech
 * intelligible, happen in the frames next to those boundaries.
 *
 * <p>Per frame {@code k} (from 0) of a token of {@code D} frames, with {@code f = (k + 0.5) / D}:
 * {@code f}, {@code sin πf}, {@code cos πf}, {@code sin 2πf}, {@code cos 2πf} (the shape of the
 * token), {@code ln(1 + k)}, {@code ln(D − k)} (frames since its start and until its end) and
 * {@code ln(1 + D)} (its length); a linear layer makes them a state. Its weights start at zero and
 * are optional in a checkpoint ({@link ParameterSet#optionalConstant}), so that a model saved
 * without them loads and speaks as before, and a warm start from one begins where it left off.
 */
final class TokenPositions {

    /** Features per frame. */
    static final int FEATURES = 8;

    static final String PARAMETER = "decoder.token_position";

    private final NDArray weight;
    private final NDArray bias;

    TokenPositions(ParameterSet params, int dModel) {
        weight = params.optionalConstant(PARAMETER + ".weight", new Shape(FEATURES, dModel), 0f);
        bias = params.optionalConstant(PARAMETER + ".bias", new Shape(dModel), 0f);
    }

    /**
     * {@code states [batch, frames, dModel]} (the length regulator's) plus the projection of each
     * frame's features; padded frames get the bias only (mask them, as every frame past a row's
     * total).
     */
    NDArray addTo(NDArray states, int[][] durations) {
        Shape s = states.getShape();
        int frames = (int) s.get(1);
        NDManager m = states.getManager();
        NDArray features = m.create(features(durations, frames), new Shape(s.get(0), frames, FEATURES))
                .toType(states.getDataType(), false);
        // The product is made in the features' manager (the step's), not the parameters'.
        return states.add(features.matMul(weight).add(bias));
    }

    /** The features, {@code [batch][frames][FEATURES]} flattened; 0 past each row's total. */
    static float[] features(int[][] durations, int frames) {
        float[] out = new float[durations.length * frames * FEATURES];
        int[] totals = LengthRegulator.totals(durations);
        for (int b = 0; b < durations.length; b++) {
            if (totals[b] > frames) {
                throw new IllegalArgumentException("row " + b + " lasts more than the " + frames + " frames given");
            }
            int t = 0;
            for (int d : durations[b]) {
                for (int k = 0; k < d; k++, t++) {
                    double f = (k + 0.5) / d;
                    int at = (b * frames + t) * FEATURES;
                    out[at] = (float) f;
                    out[at + 1] = (float) Math.sin(Math.PI * f);
                    out[at + 2] = (float) Math.cos(Math.PI * f);
                    out[at + 3] = (float) Math.sin(2 * Math.PI * f);
                    out[at + 4] = (float) Math.cos(2 * Math.PI * f);
                    out[at + 5] = (float) Math.log1p(k);
                    out[at + 6] = (float) Math.log(d - k);
                    out[at + 7] = (float) Math.log1p(d);
                }
            }
        }
        return out;
    }
}
