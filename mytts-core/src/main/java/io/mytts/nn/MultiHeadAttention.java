package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Scaled dot-product attention with {@code heads} heads and bias-free projections
 * {@code NAME.wq, NAME.wk, NAME.wv, NAME.wo} (a key bias would only shift every score of a row by
 * the same amount, so it would never learn). Queries, keys and values are
 * {@code [batch, heads, positions, headDim]}; an additive bias {@code [batch or 1, 1, queries,
 * keys]} masks what a query may not see ({@link Masks}).
 *
 * <p>Three uses: self-attention over a whole sequence ({@link #selfAttention}, encoders and
 * vocoders), attention over a memory such as an encoder output ({@link #memory} and
 * {@link #attend}, with keys and values computed once), and step-by-step generation
 * ({@link #cached} and {@link #overMemory}): one fused projection for queries, keys and values,
 * the score scale folded into the query weights, and a preallocated {@link KvCache} written in
 * place.
 */
public final class MultiHeadAttention {

    /**
     * @param modelDim width of the input and output
     * @param heads number of heads; must divide {@code modelDim}
     * @param dropout dropout on the attention weights in training
     */
    public record Config(int modelDim, int heads, double dropout) {
        public Config {
            if (modelDim < 1 || heads < 1 || modelDim % heads != 0) {
                throw new IllegalArgumentException("attention needs heads (" + heads + ") dividing the model width ("
                        + modelDim + ")");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("attention dropout must be in [0, 1), not " + dropout);
            }
        }

        public int headDim() {
            return modelDim / heads;
        }
    }

    private final Linear wq;
    private final Linear wk;
    private final Linear wv;
    private final Linear wo;
    private final int heads;
    private final int headDim;
    private final double scale;
    private final double dropout;

    public MultiHeadAttention(ParameterSet params, String name, Config config) {
        int d = config.modelDim();
        Linear.Config projection = Linear.Config.of(d, d).withoutBias();
        wq = new Linear(params, name + ".wq", projection);
        wk = new Linear(params, name + ".wk", projection);
        wv = new Linear(params, name + ".wv", projection);
        wo = new Linear(params, name + ".wo", projection);
        heads = config.heads();
        headDim = config.headDim();
        scale = 1.0 / Math.sqrt(headDim);
        dropout = config.dropout();
    }

    /** {@code x [batch, positions, modelDim]} projected to queries {@code [batch, heads, positions, headDim]}. */
    public NDArray queries(NDArray x) {
        return splitHeads(wq.forward(x));
    }

    public NDArray keys(NDArray x) {
        return splitHeads(wk.forward(x));
    }

    public NDArray values(NDArray x) {
        return splitHeads(wv.forward(x));
    }

    /**
     * Attends and projects back: returns the output {@code [batch, queries, modelDim]} and the
     * attention weights {@code [batch, heads, queries, keys]} (before attention dropout).
     */
    public Attended attend(NDArray q, NDArray k, NDArray v, NDArray bias, boolean training) {
        // A scalar made by libtorch: a plain number would be freed before the backward pass reads it (Scalars).
        NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale);
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray weights = scores.softmax(3);
        NDArray context = Dropout.apply(weights, dropout, training).matMul(v);
        return new Attended(wo.forward(mergeHeads(context)), weights);
    }

    /** Self-attention over {@code x [batch, positions, modelDim]}, queries and keys rotated when {@code rotary} is given. */
    public Attended selfAttention(NDArray x, NDArray bias, Positions.Rotary rotary, boolean training) {
        NDArray q = queries(x);
        NDArray k = keys(x);
        if (rotary != null) {
            q = rotary.apply(q);
            k = rotary.apply(k);
        }
        return attend(q, k, values(x), bias, training);
    }

    /** Keys and values of a memory {@code [batch, positions, modelDim]} (an encoder output), computed once. */
    public Memory memory(NDArray source) {
        return new Memory(keys(source), values(source));
    }

    /**
     * Step-by-step self-attention for generation, with a cache of {@code capacity} steps in
     * {@code generation} (weights fused there too: build a new one after the parameters change).
     */
    public Cached cached(NDManager generation, int batch, int capacity) {
        return new Cached(generation, batch, capacity);
    }

    /** Step-by-step attention over a fixed memory, for generation (weights fused in {@code generation}). */
    public OverMemory overMemory(NDManager generation, Memory memory) {
        return new OverMemory(generation, memory);
    }

    private NDArray splitHeads(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headDim).transpose(0, 2, 1, 3);
    }

    private NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), (long) heads * headDim);
    }

    /** An attention result: output {@code [batch, queries, modelDim]}, weights {@code [batch, heads, queries, keys]}. */
    public record Attended(NDArray output, NDArray weights) {}

    /** Keys and values {@code [batch, heads, positions, headDim]} of a memory. */
    public record Memory(NDArray keys, NDArray values) {}

    /**
     * Causal self-attention one step at a time, on 2-D activations {@code [batch, modelDim]}. Per
     * step: one projection for queries, keys and values; the new keys and values written into the
     * cache in place; no transposes of the query or the context (one position: a reshape is
     * enough); the residual added inside the output projection.
     */
    public final class Cached {
        private final Linear.Frozen qkv;
        private final Linear.Frozen out;
        private final KvCache cache;

        private Cached(NDManager generation, int batch, int capacity) {
            qkv = Linear.Frozen.concat(generation, List.of(wq, wk, wv), scale);
            out = wo.freeze(generation);
            cache = new KvCache(generation, batch, heads, capacity, headDim);
        }

        /**
         * One step: {@code residual + attention(x)} for {@code x [batch, modelDim]} (the normalised
         * {@code residual}); {@code rotary} (or null) holds this step's rotation, and every array
         * made goes to {@code step}'s manager.
         */
        public NDArray step(NDArray x, NDArray residual, Positions.Rotary rotary, NDManager step) {
            long batch = x.getShape().get(0);
            // [batch, 3·d] holds q | k | v, each heads × headDim: the same memory as [batch, 3·heads, 1, headDim].
            NDArray all = qkv.forward(x).reshape(batch, 3L * heads, 1, headDim);
            NDArray q;
            if (rotary == null) {
                NDList parts = all.split(new long[] {heads}, 1);
                q = parts.get(0);
                cache.append(parts.get(1));
            } else {
                NDList parts = all.split(new long[] {2L * heads}, 1);
                NDList rotated = rotary.apply(parts.get(0)).split(new long[] {heads}, 1);
                q = rotated.get(0);
                cache.append(rotated.get(1), parts.get(1));
            }
            NDArray weights = q.matMul(cache.keys(step).transpose(0, 1, 3, 2)).softmax(3);
            NDArray context = weights.matMul(cache.values(step));
            return out.forwardPlus(context.reshape(batch, (long) heads * headDim), residual);
        }
    }

    /**
     * Attention over a fixed memory one step at a time, on 2-D activations {@code [batch,
     * modelDim]}. Query projection and keys are folded into one matrix per generation
     * ({@code scores = x · Wq_h · K_hᵀ · scale = x · M}), and values and output projection into
     * another ({@code out = Σ_h w_h · V_h · Wo_h = w · N}), so that a step makes two products
     * instead of four, and no head reshuffling.
     */
    public final class OverMemory {
        private final long tokens;
        private final NDArray scoreMatrix;
        private final NDArray outputMatrix;
        private final NDArray scoreWeight;
        private final NDArray outputWeight;

        private OverMemory(NDManager generation, Memory memory) {
            Shape s = memory.keys().getShape();
            long batch = s.get(0);
            tokens = s.get(2);
            long d = (long) heads * headDim;
            try (NDManager scope = generation.newSubManager()) {
                // Ops on parameters and on the memory put their results in those arrays' managers:
                // each intermediate is moved to this scope, the two results to the generation.
                NDArray wqHeads = in(scope, in(scope, wq.weight().mul(scale)).reshape(d, heads, headDim))
                        .transpose(1, 0, 2);
                NDArray keysT = in(scope, memory.keys().transpose(0, 1, 3, 2));
                NDArray m = wqHeads.matMul(keysT); // [batch, heads, d, tokens]
                scoreMatrix = m.transpose(0, 2, 1, 3).reshape(batch, d, heads * tokens);
                NDArray woHeads = in(scope, wo.weight().reshape(heads, headDim, d));
                NDArray perHead = in(scope, memory.values().matMul(woHeads)); // [batch, heads, tokens, d]
                outputMatrix = perHead.reshape(batch, heads * tokens, d);
                scoreMatrix.attach(generation);
                outputMatrix.attach(generation);
            }
            // Batch 1, what synthesis runs: 2-D weights for libtorch's linear, one call each.
            scoreWeight = batch == 1 ? transposed2d(generation, scoreMatrix) : null;
            outputWeight = batch == 1 ? transposed2d(generation, outputMatrix) : null;
        }

        private NDArray in(NDManager scope, NDArray a) {
            a.attach(scope);
            return a;
        }

        private NDArray transposed2d(NDManager generation, NDArray a) {
            Shape s = a.getShape();
            NDArray t = a.reshape(s.get(1), s.get(2)).transpose();
            t.attach(generation);
            return t;
        }

        /**
         * One step: {@code residual + attention(x)} for {@code x [batch, modelDim]} (the normalised
         * {@code residual}) and a bias {@code [batch, 1, 1, tokens]} or null; the weights are
         * {@code [batch, heads, 1, tokens]}.
         */
        public Attended step(NDArray x, NDArray residual, NDArray bias) {
            long batch = x.getShape().get(0);
            NDArray scores = scoreWeight != null ? Linear.linear(x, scoreWeight, null)
                    : x.expandDims(1).matMul(scoreMatrix);
            scores = scores.reshape(batch, heads, 1, tokens);
            if (bias != null) {
                scores.addi(bias);
            }
            NDArray weights = scores.softmax(3);
            NDArray output = outputWeight != null
                    ? Linear.linear(weights.reshape(batch, heads * tokens), outputWeight, residual)
                    : weights.reshape(batch, 1, heads * tokens).matMul(outputMatrix).reshape(batch, (long) heads * headDim)
                            .addi(residual);
            return new Attended(output, weights);
        }
    }
}
