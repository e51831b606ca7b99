package io.mytts.data;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.Stft;
import io.mytts.audio.WavIO;
import io.mytts.config.AudioConfig;
import java.nio.file.Files;

/**
 * Reads one utterance's audio at the model's sample rate and checks it: present, readable, not
 * empty or silent, not longer than {@code maxFrames} mel frames. Stateless and thread-safe.
 */
final class UtteranceLoader {

    /** Peak below which audio counts as silence (about -80 dBFS). */
    static final float SILENCE = 1e-4f;

    /** An utterance's audio, or why it was skipped. Exactly one of {@code samples} and {@code skipped} is set. */
    record Loaded(Utterance utterance, float[] samples, boolean resampled, Skipped skipped) {

        boolean ok() {
            return skipped == null;
        }
    }

    private final AudioConfig audio;
    private final Stft stft;
    private final int maxFrames;

    UtteranceLoader(AudioConfig audio, int maxFrames) {
        this.audio = audio;
        this.stft = new Stft(audio);
        this.maxFrames = maxFrames;
    }

    /** Mel frames of {@code samples} samples. */
    int framesOf(int samples) {
        return stft.frameCount(samples);
    }

    Loaded load(Utterance u) {
        if (!Files.isRegularFile(u.audio())) {
            return skip(u, SkipReason.MISSING_AUDIO, u.audio() + " not found");
        }
        AudioClip clip;
        try {
            clip = WavIO.read(u.audio());
        } catch (InvalidInputException | java.io.UncheckedIOException e) {
            return skip(u, SkipReason.UNREADABLE_AUDIO, e.getMessage());
        } catch (RuntimeException e) { // a malformed file the reader did not foresee: still one bad item
            return skip(u, SkipReason.UNREADABLE_AUDIO, u.audio() + ": " + e);
        }
        boolean resampled = clip.sampleRate() != audio.sampleRate();
        float[] samples = clip.resampledTo(audio.sampleRate()).samples();
        int frames = framesOf(samples.length);
        if (frames == 0) {
            return skip(u, SkipReason.EMPTY_AUDIO, samples.length + " samples, shorter than one frame");
        }
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        if (!(peak >= SILENCE)) {
            return skip(u, SkipReason.EMPTY_AUDIO, "silent (peak " + peak + ")");
        }
        if (frames > maxFrames) {
            return skip(u, SkipReason.TOO_LONG, String.format("%.2f s = %d frames, over the limit of %d frames"
                    + " (max_frames)", samples.length / (double) audio.sampleRate(), frames, maxFrames));
        }
        return new Loaded(u, samples, resampled, null);
    }

    private static Loaded skip(Utterance u, SkipReason reason, String detail) {
        return new Loaded(u, null, false, new Skipped(u.source(), u.id(), reason, detail));
    }
}
