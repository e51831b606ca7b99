package io.mytts.data;

import java.util.Arrays;

/**
 * What a forward model learns to predict for one utterance, one value per token: how many mel
 * frames it lasts, and its pitch and energy, normalised per speaker ({@link ProsodyStore.SpeakerStats}).
 *
 * @param id the utterance id in the feature cache
 * @param frames the utterance's mel frames; the durations sum to it
 * @param durations frames per token, each at least 0
 * @param pitch per token, the mean log-F0 of its voiced frames as a z-score of the speaker's voiced
 *     frames; 0 (the speaker's mean) for a token with no voiced frame
 * @param energy per token, the mean frame energy (log of the frame's linear-magnitude L2 norm) as a
 *     z-score of the speaker's frames; 0 for a token of no frames
 */
public record TokenProsody(String id, int frames, int[] durations, float[] pitch, float[] energy) {

    public TokenProsody {
        if (durations.length != pitch.length || durations.length != energy.length) {
            throw new IllegalArgumentException(id + ": " + durations.length + " durations, " + pitch.length
                    + " pitch and " + energy.length + " energy values; there must be one of each per token");
        }
        int sum = 0;
        for (int d : durations) {
            if (d < 0) {
                throw new IllegalArgumentException(id + ": a negative duration (" + d + ")");
            }
            sum += d;
        }
        if (sum != frames) {
            throw new IllegalArgumentException(id + ": durations sum to " + sum + " frames, not the mel's " + frames);
        }
    }

    /** Token count. */
    public int tokens() {
        return durations.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenProsody p && id.equals(p.id) && frames == p.frames
                && Arrays.equals(durations, p.durations) && Arrays.equals(pitch, p.pitch)
                && Arrays.equals(energy, p.energy);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + Arrays.hashCode(durations);
    }

    @Override
    public String toString() {
        return "TokenProsody[" + id + ", " + frames + " frames, " + durations.length + " tokens]";
    }
}
