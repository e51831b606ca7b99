package io.mytts.data;

/** The layouts of a dataset's list of items that {@link DatasetReader} understands. */
public enum MetadataFormat {
    /** A folder with {@code metadata.csv} ({@code id|text}, {@code id|raw|normalized}, speaker last) and {@code wavs/ID.wav}. */
    LJSPEECH,
    /** A text file of {@code path|text} or {@code path|text|speaker} lines, paths relative to the file. */
    FILE_LIST
}
