/**
 * Building blocks shared by the models (as DJL's {@code ai.djl.nn}): {@link io.mytts.nn.Linear},
 * {@link io.mytts.nn.LayerNorm}, {@link io.mytts.nn.Conv1d} (dilated, grouped, depthwise, with
 * padding modes) and {@link io.mytts.nn.ConvTranspose1d}, {@link io.mytts.nn.MultiHeadAttention}
 * with its key/value cache, {@link io.mytts.nn.FeedForward} (GELU, SwiGLU),
 * {@link io.mytts.nn.Positions} (sinusoidal, rotary), {@link io.mytts.nn.Dropout},
 * {@link io.mytts.nn.DropPath}, attention {@link io.mytts.nn.Masks}, the pre-norm
 * {@link io.mytts.nn.TransformerLayer} and the {@link io.mytts.nn.TransformerStack} of them (with the
 * {@link io.mytts.nn.StackInput} every stack starts with: positions, dropout), and the
 * {@link io.mytts.nn.ParameterSet} that holds every trainable array under a readable name and
 * saves and loads by that name ({@link io.mytts.nn.NamedArrays}).
 *
 * <p>Conventions: a block is built from a {@link io.mytts.nn.ParameterSet}, the name its
 * parameters go under, and a configuration object; its parameters are created in the order the
 * constructor names them (initial values come from the set's seeded generator, so order matters
 * for reproducibility). Ops run on the caller's arrays, so results land in the caller's (step)
 * manager; where a block must compute from a parameter (a transposed weight), it moves the result
 * to the caller's manager. Blocks used step by step in generation have a frozen or cached form
 * that fuses what libtorch can do in one call.
 */
package io.mytts.nn;
