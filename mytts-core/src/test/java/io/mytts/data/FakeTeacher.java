package io.mytts.data;

import io.mytts.audio.AudioClip;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A teacher without a synthesizer, for fast tests: a tone whose length grows with the text (0.05 s a
 * character at 16 kHz, so resampling is exercised), moved up or down by a pitch shift. It can be told
 * to fail after some calls.
 */
final class FakeTeacher implements TeacherVoice {

    static final int RATE = 16000;
    /** The tone's frequency, Hz, before a pitch shift. */
    static final double PITCH = 220;

    final AtomicInteger calls = new AtomicInteger();
    private final String spec;
    private final int failAfter;

    FakeTeacher(String spec) {
        this(spec, Integer.MAX_VALUE);
    }

    FakeTeacher(String spec, int failAfter) {
        this.spec = spec;
        this.failAfter = failAfter;
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public AudioClip speak(String text) {
        if (calls.incrementAndGet() > failAfter) {
            throw new IllegalStateException("fake failure");
        }
        return new AudioClip(tone(text.length() * RATE / 20, RATE), RATE);
    }

    /** The fake can move its pitch: the tone goes up or down by the semitones. */
    @Override
    public void preparePitchShift(double spread) {
        // nothing to measure
    }

    @Override
    public AudioClip speak(String text, double semitones) {
        speak(text);
        return new AudioClip(tone(text.length() * RATE / 20, RATE, PITCH * Math.pow(2, semitones / 12)), RATE);
    }

    static float[] tone(int n, int rate) {
        return tone(n, rate, PITCH);
    }

    static float[] tone(int n, int rate, double hz) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }
}
