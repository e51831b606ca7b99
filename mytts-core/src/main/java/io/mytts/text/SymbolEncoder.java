package io.mytts.text;

import io.mytts.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps a string of one-code-point symbols to ids, dropping and counting the unknown ones. */
final class SymbolEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolEncoder.class);
    private static final int EXAMPLES = 5;

    private final SymbolTable table;
    private final String what;
    private final AtomicLong dropped = new AtomicLong();

    SymbolEncoder(SymbolTable table, String what) {
        this.table = table;
        this.what = what;
    }

    int[] encode(String symbols) {
        int[] ids = new int[symbols.length() + 1];
        int n = 0;
        int unknown = 0;
        Map<String, Integer> examples = null;
        for (int i = 0; i < symbols.length(); ) {
            int cp = symbols.codePointAt(i);
            i += Character.charCount(cp);
            int id = table.id(cp);
            if (id > 0 && id != table.eosId()) {
                ids[n++] = id;
            } else {
                unknown++;
                if (examples == null) {
                    examples = new TreeMap<>();
                }
                if (examples.size() < EXAMPLES || examples.containsKey(describe(cp))) {
                    examples.merge(describe(cp), 1, Integer::sum);
                }
            }
        }
        ids[n++] = table.eosId();
        if (unknown > 0) {
            dropped.addAndGet(unknown);
            LOG.warn("{}: dropped {} symbol(s) not in the symbol table, e.g. {}", what, unknown, examples);
        }
        return n == ids.length ? ids : java.util.Arrays.copyOf(ids, n);
    }

    String decode(int[] ids) {
        if (ids == null) {
            throw new InvalidInputException("no ids to decode (null)");
        }
        StringBuilder out = new StringBuilder(ids.length);
        for (int id : ids) {
            if (id == table.padId() || id == table.eosId()) {
                continue;
            }
            out.append(table.symbol(id));
        }
        return out.toString();
    }

    long dropped() {
        return dropped.get();
    }

    private static String describe(int cp) {
        return String.format("'%s' U+%04X", new String(Character.toChars(cp)), cp);
    }
}
