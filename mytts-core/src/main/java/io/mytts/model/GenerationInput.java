package io.mytts.model;

import io.mytts.InvalidInputException;

/**
 * One text of a batched generation with what may differ between the items of a batch: several
 * hypotheses of one sentence (beam search) are the same tokens with their own seeds and noise.
 *
 * @param ids the token ids
 * @param seed seeds this item's inference prenet dropout and its fed-back noise
 * @param extraNoiseStd fed-back noise added on top of the options' temperature (0: none; beam
 *     search diversifies with it on a model that has no prenet dropout at inference)
 * @param lastSpokenToken with {@link GenerationOptions#textAwareStop()}, the stop cannot fire before
 *     the attention peak has reached this token (the caller knows which tokens are punctuation:
 *     the last letter of the last word); ignored otherwise
 * @param speaker the speaker row of a multi-speaker model ({@link SpeakerTable}); 0 for a single speaker
 */
public record GenerationInput(int[] ids, long seed, double extraNoiseStd, int lastSpokenToken, int speaker) {

    public GenerationInput {
        if (ids == null) {
            throw new InvalidInputException("no token ids given");
        }
        if (!(extraNoiseStd >= 0) || Double.isInfinite(extraNoiseStd)) {
            throw new InvalidInputException("extra noise must be a finite number of at least 0, not " + extraNoiseStd);
        }
        if (ids.length > 0 && (lastSpokenToken < 0 || lastSpokenToken >= ids.length)) {
            throw new InvalidInputException("the last spoken token " + lastSpokenToken + " is outside the "
                    + ids.length + " tokens");
        }
        if (speaker < 0) {
            throw new InvalidInputException("a speaker index is 0 or more, not " + speaker);
        }
    }

    /** An item of speaker 0 (every single-speaker model's). */
    public GenerationInput(int[] ids, long seed, double extraNoiseStd, int lastSpokenToken) {
        this(ids, seed, extraNoiseStd, lastSpokenToken, 0);
    }

    /** This item spoken by speaker row {@code index}. */
    public GenerationInput withSpeaker(int index) {
        return new GenerationInput(ids, seed, extraNoiseStd, lastSpokenToken, index);
    }

    /** The text with the options' seed, no extra noise, and its last token as the one to reach. */
    public static GenerationInput of(int[] ids, GenerationOptions options) {
        return new GenerationInput(ids, options.seed(), 0, Math.max(0, ids.length - 1));
    }
}
