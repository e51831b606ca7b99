package io.mytts.ssml;

import io.mytts.InvalidInputException;
import java.util.List;

/**
 * A document to speak: parts in the order they are said, and the warnings that reading it gave
 * (each unsupported element or attribute once; its text is still spoken).
 *
 * <pre>{@code
 * SsmlDocument doc = SsmlDocument.parse("<speak>Hello <break time=\"1s\"/> world.</speak>");
 * SynthesisResult r = synthesizer.synthesize(doc, SynthesisOptions.defaults());
 * }</pre>
 *
 * @param parts text, pauses and marks in order
 * @param warnings what was not supported, one line each, in the order met
 */
public record SsmlDocument(List<Part> parts, List<String> warnings) {

    public SsmlDocument {
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
    }

    /** One thing a document says or does, in order. */
    public sealed interface Part permits Text, Pause, Mark {}

    /**
     * Text to speak (say-as and sub already resolved into words).
     *
     * @param text the words
     * @param phonemes IPA for a phoneme voice to say instead of {@code text} ({@code <phoneme ph>}); null when none
     * @param style how to say it
     * @param continuesSentence true when it goes on the sentence of the text part before it (no
     *     {@code <s>} or {@code <p>} boundary between them), so that a synthesizer may join the two
     */
    public record Text(String text, String phonemes, Style style, boolean continuesSentence) implements Part {}

    /** Silence of this length instead of the usual pause between sentences ({@code <break>}). */
    public record Pause(double seconds) implements Part {}

    /** A named point whose time in the audio is reported back ({@code <mark name>}). */
    public record Mark(String name) implements Part {}

    /**
     * Reads an SSML document. Any DOCTYPE (and with it every DTD and entity) is refused, so no
     * file or address named in the document is ever read.
     *
     * @throws InvalidInputException when it is not well-formed SSML, with the line and column
     */
    public static SsmlDocument parse(String ssml) {
        return new SsmlParser(null).parse(ssml);
    }

    /**
     * Reads an SSML document whose text without {@code xml:lang} is in {@code language} (a voice's
     * language; it decides how say-as reads numbers and dates).
     */
    public static SsmlDocument parse(String ssml, io.mytts.text.Language language) {
        return new SsmlParser(language).parse(ssml);
    }

    /** Plain text as a document: one part in the voice's own style. */
    public static SsmlDocument ofText(String text) {
        return new SsmlDocument(List.of(new Text(text, null, Style.DEFAULT, false)), List.of());
    }
}
