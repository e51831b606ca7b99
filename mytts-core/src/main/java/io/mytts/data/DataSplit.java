package io.mytts.data;

import io.mytts.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Training and held-out validation ids.
 *
 * <p>{@link #bySeed} ranks ids by a seeded hash of the id itself and holds out the lowest, so the
 * split does not depend on listing order and adding items to a dataset moves few ids between sides.
 */
public record DataSplit(List<String> train, List<String> validation) {

    public DataSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** Holds out {@code valSize} ids chosen by {@code seed} (all but one when there are fewer). */
    public static DataSplit bySeed(Collection<String> ids, int valSize, long seed) {
        List<String> ranked = new ArrayList<>(ids);
        ranked.sort(Comparator.comparingLong((String id) -> rank(id, seed)).thenComparing(id -> id));
        int n = Math.min(valSize, Math.max(0, ranked.size() - 1));
        Set<String> held = new HashSet<>(ranked.subList(0, n));
        return split(ids, held);
    }

    /** Holds out the listed ids; ids not in the dataset are an error, so typos don't go unnoticed. */
    public static DataSplit byIds(Collection<String> ids, Collection<String> validationIds) {
        Set<String> all = new HashSet<>(ids);
        List<String> unknown = validationIds.stream().filter(id -> !all.contains(id)).limit(5).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("validation ids not in the prepared data: " + String.join(", ", unknown)
                    + "; check the id list against metadata.csv");
        }
        return split(ids, new HashSet<>(validationIds));
    }

    private static DataSplit split(Collection<String> ids, Set<String> held) {
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        for (String id : ids) {
            (held.contains(id) ? val : train).add(id);
        }
        return new DataSplit(train, val);
    }

    /** A 64-bit FNV-1a hash of the id, mixed with the seed (SplitMix64 finaliser). */
    private static long rank(String id, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = h + seed * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
