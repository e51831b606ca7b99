package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mytts.config.ModelConfig;
import io.mytts.config.PositionEncoding;

/**
 * How a sequence enters a Transformer stack: positions as the config says, then dropout. Sinusoidal
 * positions are added to the input times a learned scale ({@code NAME.pos_alpha}, optional in a
 * checkpoint: 1 when absent); rotary positions are handed to self-attention, which rotates its queries
 * and keys with them. Every stack of both models starts so.
 */
public final class StackInput {

    private final NDArray scale; // null: rotary positions
    private final int dModel;
    private final int headDim;
    private final double dropout;

    /** @param name parameter prefix of the stack ({@code NAME.pos_alpha}) */
    public StackInput(ParameterSet params, String name, ModelConfig config) {
        scale = config.posEncodingType() == PositionEncoding.SINUSOIDAL
                ? params.optionalConstant(name + ".pos_alpha", new Shape(1), 1f) : null;
        dModel = config.dModel();
        headDim = config.headDim();
        dropout = config.dropoutRate();
    }

    /**
     * The input with positions and dropout applied, and the rotary positions for self-attention
     * (null when the positions were added).
     */
    public record Prepared(NDArray x, Positions.Rotary rotary) {}

    /** {@code x [batch, steps, dModel]} whose first step has position {@code start}; results in x's manager. */
    public Prepared prepare(NDArray x, int start, boolean training) {
        NDManager m = x.getManager();
        int steps = (int) x.getShape().get(1);
        Positions.Rotary rotary = null;
        if (scale != null) {
            x = x.add(Positions.sinusoidal(m, start, steps, dModel).mul(scale));
        } else {
            rotary = Positions.rotary(m, start, steps, headDim);
        }
        return new Prepared(Dropout.apply(x, dropout, training), rotary);
    }

    /** The step-by-step form for generation of up to {@code capacity} steps; its arrays live in {@code generation}. */
    public Stepper stepper(NDManager generation, int capacity) {
        return new Stepper(scale == null ? null : Positions.sinusoidal(generation, 0, capacity, dModel).mul(scale));
    }

    /** Positions one step at a time, the sinusoidal rows times their scale made once. */
    public final class Stepper {
        private final NDArray rows; // null: rotary positions

        private Stepper(NDArray rows) {
            this.rows = rows;
        }

        /**
         * Adds step {@code t}'s position to {@code x [batch, dModel]} in place, or gives its rotary
         * positions (null when added); at inference, so no dropout.
         */
        public Positions.Rotary apply(NDArray x, int t, NDManager step) {
            if (rows != null) {
                x.addi(rows.get(step, new NDIndex().addSliceDim(t, t + 1)));
                return null;
            }
            return Positions.rotary(step, t, 1, headDim);
        }
    }
}
