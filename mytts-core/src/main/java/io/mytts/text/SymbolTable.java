package io.mytts.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The symbols a model knows, in id order: id 0 is always {@value #PAD}, and {@value #EOS} marks the
 * end of every sequence. Immutable. It is saved with each model (see {@link #toJson()}) and restored
 * from there, so a symbol keeps its id for the life of the model.
 */
public final class SymbolTable {

    public static final String PAD = "<pad>";
    public static final String EOS = "<eos>";

    static final String FORMAT = "mytts-symbols";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> symbols;
    private final Map<String, Integer> ids;
    /** Ids of single-code-point symbols below U+10000, for a fast path: -1 where none. */
    private final int[] bmpIds = new int[0x10000];

    private SymbolTable(List<String> symbols) {
        this.symbols = List.copyOf(symbols);
        this.ids = new HashMap<>(symbols.size() * 2);
        java.util.Arrays.fill(bmpIds, -1);
        for (int i = 0; i < symbols.size(); i++) {
            String s = symbols.get(i);
            ids.put(s, i);
            if (s.length() == 1) {
                bmpIds[s.charAt(0)] = i;
            }
        }
    }

    /**
     * The table of {@code symbols} in this order. The first must be {@value #PAD}, {@value #EOS} must
     * be present, and no symbol may be empty or repeated.
     */
    public static SymbolTable of(List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new InvalidInputException("a symbol table needs symbols; got none");
        }
        if (!PAD.equals(symbols.get(0))) {
            throw new InvalidInputException("a symbol table must start with the padding symbol " + PAD
                    + " (id 0); it starts with '" + symbols.get(0) + "'. Use SymbolTable.withSpecials(...) to add it");
        }
        if (!symbols.contains(EOS)) {
            throw new InvalidInputException("a symbol table must contain the end-of-sequence symbol " + EOS);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String s : symbols) {
            if (s == null || s.isEmpty()) {
                throw new InvalidInputException("a symbol table cannot contain an empty symbol");
            }
            if (!seen.add(s)) {
                throw new InvalidInputException("symbol '" + s + "' appears twice in the symbol table");
            }
        }
        return new SymbolTable(symbols);
    }

    /** {@value #PAD}, {@value #EOS}, then {@code symbols} in their order (duplicates kept once). */
    public static SymbolTable withSpecials(Collection<String> symbols) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(PAD);
        all.add(EOS);
        all.addAll(symbols);
        return of(new ArrayList<>(all));
    }

    /** The characters of one or more languages: letters, punctuation and the space (see {@link Symbols}). */
    public static SymbolTable characters(Language... languages) {
        return withSpecials(Symbols.characters(languages));
    }

    /** The IPA symbols espeak-ng writes for English and Persian, with punctuation and the space. */
    public static SymbolTable phonemes() {
        return withSpecials(Symbols.phonemes());
    }

    public List<String> symbols() {
        return symbols;
    }

    public int size() {
        return symbols.size();
    }

    public int padId() {
        return 0;
    }

    public int eosId() {
        return ids.get(EOS);
    }

    /** The id of {@code symbol}, or -1 when the table does not have it. */
    public int id(String symbol) {
        Integer id = ids.get(symbol);
        return id == null ? -1 : id;
    }

    /** The id of a single code point, or -1. */
    public int id(int codePoint) {
        if (codePoint < 0x10000) {
            return bmpIds[codePoint];
        }
        return id(new String(Character.toChars(codePoint)));
    }

    /**
     * Refuses token ids outside a model's vocabulary of {@code vocabSize} symbols (ids made with
     * another symbol table than the model's).
     *
     * @throws InvalidInputException naming the first id outside {@code 0 .. vocabSize - 1}
     */
    public static void checkIds(int[] ids, int vocabSize) {
        for (int id : ids) {
            checkId(id, vocabSize);
        }
    }

    /** As {@link #checkIds}, for one id. */
    public static void checkId(long id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new InvalidInputException("token id " + id + " is outside the vocabulary of " + vocabSize
                    + " symbols; the symbol table does not match this model");
        }
    }

    public boolean contains(String symbol) {
        return ids.containsKey(symbol);
    }

    /** The symbol with this id; a clear error for an id outside the table. */
    public String symbol(int id) {
        if (id < 0 || id >= symbols.size()) {
            throw new InvalidInputException("symbol id " + id + " is outside the table (0.." + (symbols.size() - 1)
                    + "): was the ids' model built with another symbol table?");
        }
        return symbols.get(id);
    }

    /**
     * For each id of an encoded text, the index (from 0) of the word it belongs to. A space ends
     * its word and belongs to it; punctuation stays with its word, and padding or the
     * end-of-sequence id with the last word. Characters and phonemes alike: both tables separate
     * words with the space.
     */
    public int[] wordIndices(int[] ids) {
        int space = id(Symbols.SPACE);
        int eos = eosId();
        int[] words = new int[ids.length];
        int word = 0;
        boolean seenContent = false;
        boolean wordEnded = false;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            boolean separator = id == space || id == eos || id == padId();
            if (separator) {
                wordEnded |= seenContent && id == space;
            } else {
                if (wordEnded) {
                    word++;
                    wordEnded = false;
                }
                seenContent = true;
            }
            words[i] = word;
        }
        return words;
    }

    /** {"format":"mytts-symbols","version":1,"symbols":[...]}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode list = root.putArray("symbols");
        symbols.forEach(list::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a symbol table as JSON", e);
        }
    }

    /** Reads what {@link #toJson()} wrote; a bare JSON array of symbols is accepted too. */
    public static SymbolTable fromJson(String json) {
        return fromJson(json, "symbol table JSON");
    }

    private static SymbolTable fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode list = root != null && root.isObject() ? root.get("symbols") : root;
        if (list == null || !list.isArray()) {
            throw new InvalidInputException(source + ": expected an object with a \"symbols\" array");
        }
        if (root.isObject() && root.has("version") && root.get("version").asInt() > VERSION) {
            throw new InvalidInputException(source + ": symbol table version " + root.get("version").asInt()
                    + " is newer than this MyTTS understands (" + VERSION + "); upgrade MyTTS");
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw new InvalidInputException(source + ": every symbol must be a string, found " + n);
            }
            symbols.add(n.asText());
        }
        try {
            return of(symbols);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage());
        }
    }

    /** Writes the table as JSON, atomically (a temporary file renamed into place). */
    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write symbol table " + file, e);
        }
    }

    public static SymbolTable read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such symbol table file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the symbol table (" + e.getMessage() + ")", e);
        }
        return fromJson(json, file.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolTable t && t.symbols.equals(symbols);
    }

    @Override
    public int hashCode() {
        return symbols.hashCode();
    }

    @Override
    public String toString() {
        return "SymbolTable" + symbols;
    }
}
