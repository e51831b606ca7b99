package io.mytts.nn;

import ai.djl.ndarray.NDArray;

/**
 * Element-wise dropout for training, with PyTorch's masks: seed them with
 * {@code Engine.getInstance().setRandomSeed(seed)} for repeatable training. Off at inference (a
 * model that keeps dropout on at inference, as Tacotron's prenet, draws its own seeded masks).
 */
public final class Dropout {

    private Dropout() {}

    /** {@code x} with elements zeroed with probability {@code rate} and the rest scaled by {@code 1/(1-rate)}. */
    public static NDArray apply(NDArray x, double rate, boolean training) {
        if (!training || rate <= 0) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, (float) rate, true).singletonOrThrow();
    }
}
