package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Layer normalisation over the last axis only (DJL's block normalises over every non-batch axis
 * unless told otherwise), with learned gain {@code NAME.gamma} (ones) and shift {@code NAME.beta}
 * (zeros), as PyTorch's {@code LayerNorm(dim)}.
 */
public final class LayerNorm {

    /**
     * @param dim size of the normalised last axis
     * @param eps added to the variance
     */
    public record Config(int dim, float eps) {
        public Config {
            if (dim < 1 || !(eps > 0)) {
                throw new IllegalArgumentException("layer norm needs dim >= 1 and eps > 0, got " + dim + ", " + eps);
            }
        }

        /** With PyTorch's default eps of 1e-5. */
        public static Config of(int dim) {
            return new Config(dim, 1e-5f);
        }
    }

    private final NDArray gamma;
    private final NDArray beta;
    private final Shape normalized;
    private final float eps;

    public LayerNorm(ParameterSet params, String name, Config config) {
        gamma = params.constant(name + ".gamma", new Shape(config.dim()), 1f);
        beta = params.constant(name + ".beta", new Shape(config.dim()), 0f);
        normalized = new Shape(config.dim());
        eps = config.eps();
    }

    /** {@code x [..., dim]}, normalised over its last axis. */
    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal().layerNorm(x, normalized, gamma, beta, eps).singletonOrThrow();
    }
}
