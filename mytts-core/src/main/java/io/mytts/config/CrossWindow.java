package io.mytts.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far ahead of the previous decoder step's alignment peak generation may attend: the
 * cross-attention window, from one token before the peak to {@link #ahead(int)} tokens after it.
 *
 * <p>Two ways to size it. A share of the input ({@code cross_win}, MyTTSModel's window) grows with
 * the sentence, so on a long sentence the attention may leap over whole words in one step and the
 * voice drops them. A fixed number of tokens ({@code cross_win_tokens}) keeps the leap small on
 * any length; two or three tokens a step is still several times faster than speech moves through
 * text, so it never holds the attention back.
 *
 * @param share window share of the input length in (0, 1], or null
 * @param tokens tokens ahead of the peak, at least 1, or null; both null is no window
 */
public record CrossWindow(Double share, Integer tokens) {

    private static final CrossWindow OFF = new CrossWindow(null, null);

    public CrossWindow {
        if (share != null && tokens != null) {
            throw new InvalidInputException("a cross-attention window is a share or a number of tokens, not both");
        }
        if (share != null && !(share > 0 && share <= 1)) {
            throw new InvalidInputException("cross-attention window share must be in (0, 1], not " + share);
        }
        if (tokens != null && tokens < 1) {
            throw new InvalidInputException("cross-attention window must reach at least 1 token ahead, not " + tokens);
        }
    }

    /** Attention over the whole input at every step. */
    public static CrossWindow off() {
        return OFF;
    }

    /** {@code max(2, floor(share · tokens))} tokens ahead, as MyTTSModel's {@code cross_win}. */
    public static CrossWindow share(double share) {
        return new CrossWindow(share, null);
    }

    /** A fixed number of tokens ahead, whatever the input's length. */
    public static CrossWindow tokens(int tokens) {
        return new CrossWindow(null, tokens);
    }

    /** A share, or off for null: the meaning of {@code cross_win} alone. */
    public static CrossWindow ofShare(Double share) {
        return share == null ? OFF : share(share);
    }

    public boolean isOff() {
        return share == null && tokens == null;
    }

    /** How many tokens past the peak an input of {@code length} tokens may be attended. */
    public int ahead(int length) {
        if (tokens != null) {
            return tokens;
        }
        if (share != null) {
            return Math.max(2, (int) Math.floor(share * length));
        }
        return length;
    }

    /** The window {@code [first, last]} for a peak at {@code peak} in an input of {@code length} tokens. */
    public int[] range(int peak, int length) {
        if (isOff()) {
            return new int[] {0, length - 1};
        }
        return new int[] {Math.max(0, peak - 1), Math.min(length - 1, peak + ahead(length))};
    }

    /** {@code {"cross_win_tokens": N}}, {@code {"cross_win": share}}, or {@code {"cross_win": null}} for off. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (tokens != null) {
            m.put("cross_win_tokens", tokens);
        } else {
            m.put("cross_win", share);
        }
        return m;
    }

    /** Reads what {@link #toJsonMap()} writes, with the keys of the model config; neither key is off. */
    public static CrossWindow fromJson(JsonNode node, String section) {
        JsonObjectReader r = new JsonObjectReader(node, section);
        Double share = r.getNullableDouble("cross_win", null);
        Integer tokens = r.getNullableInt("cross_win_tokens", null);
        r.rejectUnknownKeys();
        try {
            return new CrossWindow(share, tokens);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(section + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        if (tokens != null) {
            return tokens + (tokens == 1 ? " token" : " tokens") + " ahead";
        }
        return share != null ? share + " of the input" : "off";
    }
}
