package io.mytts.data;

/** Why an item of a dataset was left out. */
public enum SkipReason {
    MALFORMED_LINE("malformed line"),
    EMPTY_TEXT("empty text"),
    DUPLICATE("duplicate"),
    MISSING_AUDIO("missing audio"),
    UNREADABLE_AUDIO("unreadable audio"),
    EMPTY_AUDIO("empty audio"),
    TOO_LONG("too long"),
    UNSPEAKABLE_TEXT("text has no symbols");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    /** Words for reports: {@code missing audio}. */
    public String label() {
        return label;
    }
}
