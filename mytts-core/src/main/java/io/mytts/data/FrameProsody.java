package io.mytts.data;

import java.util.Arrays;

/**
 * One utterance's pitch and energy per mel frame, normalised per speaker
 * ({@link ProsodyStore.SpeakerStats}): what a forward model that learns its own alignment averages
 * over the durations it finds, and what {@link TokenProsody}'s per-token values are the averages of.
 *
 * @param id the utterance id in the feature cache
 * @param pitch per frame, log-F0 as a z-score of the speaker's voiced frames; NaN where unvoiced
 * @param energy per frame, the log of the frame's linear-magnitude L2 norm as a z-score of the
 *     speaker's frames
 */
public record FrameProsody(String id, float[] pitch, float[] energy) {

    public FrameProsody {
        if (pitch.length != energy.length) {
            throw new IllegalArgumentException(id + ": " + pitch.length + " pitch and " + energy.length
                    + " energy values; there must be one of each per frame");
        }
    }

    /** Mel frames. */
    public int frames() {
        return energy.length;
    }

    /**
     * Per-token values over {@code durations} (frames per token, summing to {@link #frames()}): a
     * token's pitch is the mean of its voiced frames' (0, the speaker's mean, when none is voiced),
     * its energy the mean of its frames' (0 for a token of no frame).
     */
    public TokenProsody perToken(int[] durations) {
        float[] tokenPitch = new float[durations.length];
        float[] tokenEnergy = new float[durations.length];
        int start = 0;
        for (int t = 0; t < durations.length; t++) {
            int end = Math.min(start + durations[t], frames());
            double f0Sum = 0;
            int voiced = 0;
            double eSum = 0;
            for (int i = start; i < end; i++) {
                if (!Float.isNaN(pitch[i])) {
                    f0Sum += pitch[i];
                    voiced++;
                }
                eSum += energy[i];
            }
            tokenPitch[t] = voiced == 0 ? 0f : (float) (f0Sum / voiced);
            tokenEnergy[t] = end <= start ? 0f : (float) (eSum / (end - start));
            start += durations[t];
        }
        return new TokenProsody(id, frames(), durations, tokenPitch, tokenEnergy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameProsody p && id.equals(p.id) && Arrays.equals(pitch, p.pitch)
                && Arrays.equals(energy, p.energy);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(energy);
    }

    @Override
    public String toString() {
        return "FrameProsody[" + id + ", " + frames() + " frames]";
    }
}
