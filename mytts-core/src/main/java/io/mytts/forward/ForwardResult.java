package io.mytts.forward;

/**
 * One text as a forward model speaks it.
 *
 * @param mel the log-mel after the postnet, {@code [frames][nMels]}
 * @param durations frames per input token after speed scaling; they sum to the mel's frames
 */
public record ForwardResult(float[][] mel, int[] durations) {

    public int frames() {
        return mel.length;
    }
}
