package io.mytts.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far ahead of the previous decoder step's alignment peak generation may attend: the
 * cross-attention window, from one token before the peak to {@link #ahead(int)} tokens after it.
 *
 * <p>Three kinds. {@link Off}: the whole input at every step. {@link ShareOfSentence} ({@code
 * cross_win}, MyTTSModel's window) grows with the sentence, so on a long sentence the attention may
 * leap over whole words in one step and the voice drops them. {@link Tokens} ({@code
 * cross_win_tokens}) keeps the leap small on any length; two or three tokens a step is still several
 * times faster than speech moves through text, so it never holds the attention back.
 *
 * <p>JSON, as in a model config or a voice's {@code "decoding"}: {@code {"cross_win_tokens": 3}},
 * {@code {"cross_win": 0.2}}, or {@code {"cross_win": null}} (off; so is an empty object).
 */
public sealed interface CrossWindow permits CrossWindow.Off, CrossWindow.ShareOfSentence, CrossWindow.Tokens {

    /** Attention over the whole input at every step. */
    record Off() implements CrossWindow {
        @Override
        public int ahead(int length) {
            return length;
        }

        @Override
        public String toString() {
            return "off";
        }
    }

    /**
     * {@code max(2, floor(share · length))} tokens ahead, as MyTTSModel's {@code cross_win}.
     *
     * @param share of the input's length, in (0, 1]
     */
    record ShareOfSentence(double share) implements CrossWindow {
        public ShareOfSentence {
            if (!(share > 0 && share <= 1)) {
                throw new InvalidInputException("cross-attention window share must be in (0, 1], not " + share);
            }
        }

        @Override
        public int ahead(int length) {
            return Math.max(2, (int) Math.floor(share * length));
        }

        @Override
        public String toString() {
            return share + " of the input";
        }
    }

    /**
     * A fixed number of tokens ahead, whatever the input's length.
     *
     * @param count tokens ahead of the peak, at least 1
     */
    record Tokens(int count) implements CrossWindow {
        public Tokens {
            if (count < 1) {
                throw new InvalidInputException("cross-attention window must reach at least 1 token ahead, not " + count);
            }
        }

        @Override
        public int ahead(int length) {
            return count;
        }

        @Override
        public String toString() {
            return count + (count == 1 ? " token" : " tokens") + " ahead";
        }
    }

    /** Attention over the whole input at every step. */
    static CrossWindow off() {
        return new Off();
    }

    /** A share of the input, as MyTTSModel's {@code cross_win}. */
    static CrossWindow share(double share) {
        return new ShareOfSentence(share);
    }

    /** A fixed number of tokens ahead. */
    static CrossWindow tokens(int tokens) {
        return new Tokens(tokens);
    }

    /** A share, or off for null: the meaning of {@code cross_win} alone. */
    static CrossWindow ofShare(Double share) {
        return share == null ? off() : share(share);
    }

    /** How many tokens past the peak an input of {@code length} tokens may be attended. */
    int ahead(int length);

    default boolean isOff() {
        return this instanceof Off;
    }

    /** The window {@code [first, last]} for a peak at {@code peak} in an input of {@code length} tokens. */
    default int[] range(int peak, int length) {
        if (isOff()) {
            return new int[] {0, length - 1};
        }
        return new int[] {Math.max(0, peak - 1), Math.min(length - 1, peak + ahead(length))};
    }

    /** {@code {"cross_win_tokens": N}}, {@code {"cross_win": share}}, or {@code {"cross_win": null}} for off. */
    @JsonValue
    default Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (this instanceof Tokens t) {
            m.put("cross_win_tokens", t.count());
        } else {
            m.put("cross_win", this instanceof ShareOfSentence s ? s.share() : null);
        }
        return m;
    }

    /** Reads what {@link #toJsonMap()} writes; {@code section} names the JSON in errors. */
    static CrossWindow fromJson(JsonNode node, String section) {
        return StrictJson.convert(node, CrossWindow.class, section);
    }

    /** The window that JSON keys {@code cross_win} and {@code cross_win_tokens} describe; neither is off. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CrossWindow of(WindowKeys keys) {
        if (keys.crossWin() != null && keys.crossWinTokens() != null) {
            throw new InvalidInputException("a cross-attention window is a share or a number of tokens, not both");
        }
        return keys.crossWinTokens() != null ? tokens(keys.crossWinTokens()) : ofShare(keys.crossWin());
    }
}

/** The keys of a {@link CrossWindow} in JSON, bound strictly. */
record WindowKeys(Double crossWin, Integer crossWinTokens) {}
