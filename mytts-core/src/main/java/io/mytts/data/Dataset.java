package io.mytts.data;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The items of a dataset as listed by its metadata, after the checks that need no audio
 * (line format, empty text, duplicates).
 *
 * @param root the dataset folder (LJ Speech) or the list file
 * @param format how it was listed
 * @param utterances the items that passed, in listing order
 * @param skipped the items left out, in listing order
 */
public record Dataset(Path root, MetadataFormat format, List<Utterance> utterances, List<Skipped> skipped) {

    public Dataset {
        utterances = List.copyOf(utterances);
        skipped = List.copyOf(skipped);
    }

    /** Speaker names in sorted order; empty for a single-speaker dataset. */
    public List<String> speakers() {
        TreeSet<String> names = new TreeSet<>();
        for (Utterance u : utterances) {
            if (!u.speaker().isEmpty()) {
                names.add(u.speaker());
            }
        }
        return List.copyOf(names);
    }

    public int size() {
        return utterances.size();
    }
}
