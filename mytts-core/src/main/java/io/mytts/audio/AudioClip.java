package io.mytts.audio;

import java.util.Objects;

/**
 * Mono audio in memory: samples nominally in [-1, 1] at a sample rate.
 *
 * <p>The array is not copied (audio can be long); treat it as read-only once it is in a clip.
 *
 * @param samples mono samples, nominally in [-1, 1] (32-bit float WAVs may exceed it)
 * @param sampleRate samples per second, positive
 */
public record AudioClip(float[] samples, int sampleRate) {

    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** This clip at another sample rate (band-limited resampling); this clip itself when the rate matches. */
    public AudioClip resampledTo(int rate) {
        return rate == sampleRate ? this : new AudioClip(Resampler.resample(samples, sampleRate, rate), rate);
    }

    /** Equal when the sample rates and all samples are equal (records compare arrays by identity otherwise). */
    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip c && c.sampleRate == sampleRate && java.util.Arrays.equals(c.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(samples) + sampleRate;
    }

    @Override
    public String toString() {
        return "AudioClip[" + samples.length + " samples, " + sampleRate + " Hz, "
                + String.format("%.3f s]", durationSeconds());
    }
}
