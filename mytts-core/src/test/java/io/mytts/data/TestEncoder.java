package io.mytts.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Letters to ids 1..26, space 27, anything else dropped: a stand-in for the text package in tests. */
final class TestEncoder implements TextEncoder {

    private final String variant;

    TestEncoder() {
        this("letters");
    }

    TestEncoder(String variant) {
        this.variant = variant;
    }

    @Override
    public int[] encode(String text) {
        return text.toLowerCase().chars().filter(c -> (c >= 'a' && c <= 'z') || c == ' ')
                .map(c -> c == ' ' ? 27 : c - 'a' + 1).toArray();
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", variant);
        return m;
    }

    @Override
    public void saveSymbols(Path file) throws IOException {
        Files.writeString(file, "[\"letters\"]\n");
    }
}
