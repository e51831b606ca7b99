package io.mytts.audio;

import io.mytts.config.AudioConfig;

/**
 * Log-mel spectrograms in the reference convention ({@code shared/data/reference/README.md}):
 * STFT magnitude sqrt(re² + im² + 1e-9), Slaney mel filters, natural log of max(mel, floor).
 * The result is frames x nMels. Thread-safe; long audio is processed in parallel over frames.
 */
public final class MelSpectrogram {

    /** Added under the square root of the magnitude, as in the reference. */
    static final double MAGNITUDE_EPS = 1e-9;

    private final AudioConfig config;
    private final Stft stft;
    private final MelFilterBank bank;

    public MelSpectrogram(AudioConfig config) {
        this.config = config;
        this.stft = new Stft(config);
        this.bank = MelFilterBank.of(config);
    }

    public AudioConfig config() {
        return config;
    }

    public MelFilterBank filterBank() {
        return bank;
    }

    public Stft stft() {
        return stft;
    }

    /** Log-mel of samples at the config's sample rate: frames x nMels. */
    public float[][] compute(float[] samples) {
        int frames = stft.frameCount(samples.length);
        float[][] out = new float[frames][config.nMels()];
        double floor = config.logFloor();
        stft.forEachFrame(samples, (t, re, im) -> {
            double[] mag = re; // reuse: the spectrum is not needed after this frame
            for (int k = 0; k < re.length; k++) {
                mag[k] = Math.sqrt(re[k] * re[k] + im[k] * im[k] + MAGNITUDE_EPS);
            }
            float[] row = out[t];
            bank.apply(mag, row);
            for (int m = 0; m < row.length; m++) {
                row[m] = (float) Math.log(Math.max(row[m], floor));
            }
        });
        return out;
    }

    /** Log-mel of a clip, resampled first to the config's sample rate when it differs. */
    public float[][] compute(AudioClip clip) {
        return compute(clip.resampledTo(config.sampleRate()).samples());
    }
}
