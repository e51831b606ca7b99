package io.mytts.model;

import io.mytts.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The speakers a model speaks, by name, in embedding-row order. A checkpoint keeps them in
 * {@code model.json} beside the symbols; a model has a learned embedding per speaker only when
 * there is more than one ({@link #isMultiSpeaker()}). Every checkpoint written before speakers
 * existed has no table: {@link #NONE}, one unnamed speaker.
 *
 * @param names the speaker names in row order (empty: a single speaker without a name)
 */
public record SpeakerTable(List<String> names) {

    /** A single-speaker model with no speaker name recorded. */
    public static final SpeakerTable NONE = new SpeakerTable(List.of());

    public SpeakerTable {
        names = names == null ? List.of() : List.copyOf(names);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n.isBlank() || !seen.add(n)) {
                throw new InvalidInputException("speaker names must be non-empty and distinct, got " + names);
            }
        }
    }

    public static SpeakerTable of(List<String> names) {
        return names == null || names.isEmpty() ? NONE : new SpeakerTable(names);
    }

    /** Rows of the embedding table the model needs: one per speaker, at least one. */
    public int size() {
        return Math.max(1, names.size());
    }

    /** Whether the model has (and is conditioned on) a speaker embedding. */
    public boolean isMultiSpeaker() {
        return names.size() > 1;
    }

    /** The table with {@code name} appended as a new last row. */
    public SpeakerTable plus(String name) {
        if (names.contains(name)) {
            throw new InvalidInputException("the voice already has a speaker '" + name
                    + "'; choose another name with --speaker");
        }
        List<String> n = new ArrayList<>(names.isEmpty() ? List.of(DEFAULT_NAME) : names);
        n.add(name);
        return new SpeakerTable(n);
    }

    /** The name {@link #plus} gives a nameless single speaker when a second joins it. */
    public static final String DEFAULT_NAME = "default";

    /**
     * The row of a speaker given by name or by index ("0", "1", ...); null or empty is row 0.
     *
     * @throws InvalidInputException naming the known speakers when there is no such speaker
     */
    public int index(String nameOrIndex) {
        if (nameOrIndex == null || nameOrIndex.isBlank()) {
            return 0;
        }
        String s = nameOrIndex.strip();
        int i = names.indexOf(s);
        if (i >= 0) {
            return i;
        }
        if (s.matches("\\d{1,9}")) {
            int n = Integer.parseInt(s);
            if (n < size()) {
                return n;
            }
        }
        throw new InvalidInputException("unknown speaker '" + s + "'; " + describe());
    }

    /** The name of row {@code index}, or its number when the table has no names. */
    public String name(int index) {
        return names.isEmpty() ? Integer.toString(index) : names.get(index);
    }

    /** "the voice speaks as a, b" or "the voice has one speaker (0)": for messages. */
    public String describe() {
        if (names.isEmpty()) {
            return "the voice has a single speaker (give 0 or nothing)";
        }
        return "the known speaker" + (names.size() == 1 ? " is " : "s are ") + String.join(", ", names);
    }
}
