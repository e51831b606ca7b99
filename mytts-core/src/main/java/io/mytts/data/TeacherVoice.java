package io.mytts.data;

import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import java.util.Map;

/**
 * A teacher: an existing synthesizer that reads transcripts aloud to make an offline training corpus
 * (see {@link CorpusBuilder}). Not to be confused with {@link io.mytts.synth.Voice}, a voice trained
 * here.
 */
public interface TeacherVoice {

    /** The teacher as given on the command line ({@code --teacher}): {@code flite:slt}. */
    String spec();

    /** The name used in a dataset's speaker column: {@code flite-slt}. */
    default String speakerName() {
        return spec().replace(':', '-');
    }

    /** Speaks the text; safe to call from several threads at once. */
    AudioClip speak(String text);

    /**
     * Gets ready to speak with the pitch moved by up to ±{@code spread} semitones (a teacher may measure
     * its voice here), or refuses with a message that says why this teacher cannot.
     */
    default void preparePitchShift(double spread) {
        throw cannotShift(spec());
    }

    /** Speaks the text with its pitch moved by {@code semitones} (after {@link #preparePitchShift}, unless 0). */
    default AudioClip speak(String text, double semitones) {
        if (semitones != 0) {
            throw cannotShift(spec());
        }
        return speak(text);
    }

    private static InvalidInputException cannotShift(String spec) {
        return new InvalidInputException("teacher " + spec + " cannot move its pitch; leave --pitch-spread out");
    }

    /** What {@link #preparePitchShift} measured about the voice, for the corpus settings; empty when nothing. */
    default Map<String, Object> pitchCalibration() {
        return Map.of();
    }
}
