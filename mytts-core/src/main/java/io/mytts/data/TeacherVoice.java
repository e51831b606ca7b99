package io.mytts.data;

import io.mytts.audio.AudioClip;

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
}
