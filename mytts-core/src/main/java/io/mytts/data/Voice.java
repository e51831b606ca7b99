package io.mytts.data;

import io.mytts.audio.AudioClip;

/** Something that reads text aloud: the synthesizers that speak an offline corpus. */
public interface Voice {

    /** The voice as given on the command line: {@code flite:slt}. */
    String spec();

    /** The name used in a dataset's speaker column: {@code flite-slt}. */
    default String speakerName() {
        return spec().replace(':', '-');
    }

    /** Speaks the text; safe to call from several threads at once. */
    AudioClip speak(String text);
}
