package io.mytts.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mytts.config.AudioConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings that decide cached features: audio front end, text front end, length limit and the
 * cache format. Their hash names a cache; features made under another hash are never mixed in.
 */
record FeatureSettings(AudioConfig audio, Map<String, Object> text, int maxFrames) {

    /** Bumped whenever the shard layout or the feature computation changes. */
    static final int FORMAT_VERSION = 1;

    Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("audio", audio.toJsonMap());
        m.put("text", text);
        m.put("max_frames", maxFrames);
        m.put("mel_dtype", "float16");
        return m;
    }

    /** SHA-256 of the settings as canonical JSON (keys sorted). */
    String hash() {
        try {
            ObjectMapper json = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            byte[] bytes = json.writeValueAsString(toJsonMap()).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
