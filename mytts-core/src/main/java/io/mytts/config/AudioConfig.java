package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audio front end: sample rate, STFT and mel settings. Defaults are the HiFi-GAN / LJ Speech
 * convention of {@code shared/data/reference/README.md}, so mels fit public vocoders.
 *
 * @param sampleRate samples per second of the model's audio ({@code sample_rate})
 * @param nFft FFT size ({@code n_fft})
 * @param hopLength samples between frames ({@code hop_length})
 * @param winLength periodic Hann window length, at most {@code nFft} ({@code win_length})
 * @param nMels mel bands ({@code n_mels})
 * @param fMin lowest mel frequency in Hz ({@code f_min})
 * @param fMax highest mel frequency in Hz, at most half the sample rate ({@code f_max})
 * @param logFloor magnitudes are clamped to this before the natural log ({@code log_floor})
 */
public record AudioConfig(
        int sampleRate, int nFft, int hopLength, int winLength, int nMels,
        double fMin, double fMax, double logFloor) {

    /** The reference convention: 22050 Hz, n_fft 1024, hop 256, 80 Slaney mels from 0 to 8000 Hz. */
    public static final AudioConfig DEFAULT = new AudioConfig(22050, 1024, 256, 1024, 80, 0, 8000, 1e-5);

    public AudioConfig {
        Validation v = new Validation("audio config");
        v.positive("sample_rate", sampleRate);
        v.positive("n_fft", nFft);
        v.positive("hop_length", hopLength);
        v.positive("win_length", winLength);
        v.positive("n_mels", nMels);
        if (winLength > nFft) {
            v.fail("win_length (" + winLength + ") must be at most n_fft (" + nFft + ")");
        }
        if (hopLength > winLength) {
            v.fail("hop_length (" + hopLength + ") must be at most win_length (" + winLength + ")");
        }
        if (!(fMin >= 0) || !(fMax > fMin) || fMax > sampleRate / 2.0) {
            v.fail("need 0 <= f_min < f_max <= sample_rate / 2, got f_min " + fMin + ", f_max " + fMax
                    + ", sample_rate " + sampleRate);
        }
        v.positive("log_floor", logFloor);
        v.throwIfFailed();
    }

    /** Frequency bins of one STFT frame: {@code nFft / 2 + 1}. */
    public int nFreqs() {
        return nFft / 2 + 1;
    }

    /** Seconds of audio per mel frame. */
    public double frameSeconds() {
        return hopLength / (double) sampleRate;
    }

    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sample_rate", sampleRate);
        m.put("n_fft", nFft);
        m.put("hop_length", hopLength);
        m.put("win_length", winLength);
        m.put("n_mels", nMels);
        m.put("f_min", fMin);
        m.put("f_max", fMax);
        m.put("log_floor", logFloor);
        return m;
    }

    public static AudioConfig fromJson(JsonNode node) {
        JsonObjectReader r = new JsonObjectReader(node, "audio config");
        AudioConfig d = DEFAULT;
        AudioConfig c = new AudioConfig(
                r.getInt("sample_rate", d.sampleRate),
                r.getInt("n_fft", d.nFft),
                r.getInt("hop_length", d.hopLength),
                r.getInt("win_length", d.winLength),
                r.getInt("n_mels", d.nMels),
                r.getDouble("f_min", d.fMin),
                r.getDouble("f_max", d.fMax),
                r.getDouble("log_floor", d.logFloor));
        r.rejectUnknownKeys();
        return c;
    }
}
