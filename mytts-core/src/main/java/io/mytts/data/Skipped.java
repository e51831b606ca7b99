package io.mytts.data;

/**
 * An item left out of a dataset, and why.
 *
 * @param source where it was listed ({@code metadata.csv:12})
 * @param id its id, or the empty string when the line could not be read
 * @param reason the kind of problem
 * @param detail what exactly was wrong, for the user
 */
public record Skipped(String source, String id, SkipReason reason, String detail) {

    /** One line for the user: {@code metadata.csv:12 LJ001-0003: missing audio: wavs/LJ001-0003.wav not found}. */
    public String message() {
        return source + (id.isEmpty() ? "" : " " + id) + ": " + reason.label() + ": " + detail;
    }

    @Override
    public String toString() {
        return message();
    }
}
