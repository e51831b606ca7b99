package io.mytts.synth;

/**
 * Where a streamed request's audio goes, in order, silences included: a WAV file being written
 * ({@code io.mytts.audio.StreamingWavWriter::write}), a sound card, a network response.
 */
@FunctionalInterface
public interface AudioSink {

    /** The next samples; the array is the sink's to keep. */
    void write(float[] samples);
}
