package io.mytts.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One item of a dataset as its metadata lists it: nothing has been read or checked yet.
 *
 * @param id unique name of the item ({@code LJ001-0001})
 * @param text the transcript the model learns to speak (the normalized column where there are two)
 * @param speaker speaker name, or the empty string in a single-speaker dataset
 * @param audio the WAV file
 * @param source where the item was listed, with its line number, for messages ({@code metadata.csv:12})
 */
public record Utterance(String id, String text, String speaker, Path audio, String source) {

    public Utterance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audio, "audio");
        text = text == null ? "" : text;
        speaker = speaker == null ? "" : speaker;
        source = source == null ? id : source;
    }
}
