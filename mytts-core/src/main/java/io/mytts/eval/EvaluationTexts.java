package io.mytts.eval;

import io.mytts.InvalidInputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sentences of an evaluation, read from a UTF-8 text file: one a line, either {@code ID|text},
 * LJ Speech's {@code ID|text|normalized text} (the last field is taken) or plain text (numbered
 * {@code 0001}, {@code 0002}, ... in order). Blank lines and lines starting with {@code #} are
 * skipped. The id names the reference recording {@code ID.wav}.
 */
public final class EvaluationTexts {

    /** One sentence to evaluate. */
    public record Item(String id, String text) {}

    private EvaluationTexts() {}

    /**
     * The ids a file lists, one a line, in its order (a line {@code id|...} counts by its first
     * column; blank lines and {@code #} comments are skipped).
     */
    public static List<String> readIds(Path idsFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(idsFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(idsFile + ": no such file (give a list of ids, one a line)");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + idsFile + ": " + e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            String id = line.split("\\|", 2)[0].strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * The items whose ids {@code idsFile} lists (one id a line, as LJ Speech's {@code test-ids.txt}),
     * in that file's order; an id with no text is an error that names it.
     */
    public static List<Item> select(List<Item> items, Path idsFile) {
        java.util.Map<String, Item> byId = new java.util.HashMap<>();
        items.forEach(i -> byId.put(i.id(), i));
        List<Item> out = new ArrayList<>();
        for (String id : readIds(idsFile)) {
            Item item = byId.get(id);
            if (item == null) {
                throw new InvalidInputException(idsFile + ": id " + id + " has no text in the texts file");
            }
            out.add(item);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(idsFile + " lists no ids");
        }
        return out;
    }

    public static List<Item> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file (give a text file of ID|text or plain lines)");
        } catch (MalformedInputException e) {
            throw new InvalidInputException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        List<Item> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Item item;
            int bar = line.indexOf('|');
            if (bar >= 0) {
                String id = line.substring(0, bar).strip();
                String text = line.substring(line.lastIndexOf('|') + 1).strip();
                if (id.isEmpty() || text.isEmpty() || !id.matches("[A-Za-z0-9_.-]+")) {
                    throw new InvalidInputException(file + " line " + (n + 1) + ": expected ID|text with an id of"
                            + " letters, digits, '_', '-' or '.', got '" + line + "'");
                }
                item = new Item(id, text);
            } else {
                item = new Item(String.format("%04d", items.size() + 1), line);
            }
            if (!ids.add(item.id())) {
                throw new InvalidInputException(file + " line " + (n + 1) + ": id " + item.id() + " appears twice");
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new InvalidInputException(file + " holds no sentences to evaluate");
        }
        return items;
    }
}
