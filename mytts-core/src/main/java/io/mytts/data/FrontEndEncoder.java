package io.mytts.data;

import io.mytts.text.CharacterTokenizer;
import io.mytts.text.Language;
import io.mytts.text.LanguageDetector;
import io.mytts.text.PhonemeTokenizer;
import io.mytts.text.TextNormalizer;
import io.mytts.text.Tokenizer;
import io.mytts.text.TokenizerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text package's normalisers and tokenizers as a {@link TextEncoder}: each transcript is
 * normalised by its language's rules and tokenized whole (no sentence chunking: an utterance is
 * one training sequence). With no fixed language, each transcript's language is detected.
 */
public final class FrontEndEncoder implements TextEncoder {

    private final TokenizerKind kind;
    private final Language language;
    private final Tokenizer tokenizer;
    private final LanguageDetector detector = new LanguageDetector(Language.EN);

    /**
     * @param kind characters or espeak-ng phonemes
     * @param language the transcripts' language, or null to detect it per transcript
     */
    public FrontEndEncoder(TokenizerKind kind, Language language) {
        this.kind = kind;
        this.language = language;
        Language[] languages = language == null ? new Language[0] : new Language[] {language};
        this.tokenizer = kind == TokenizerKind.CHARACTERS ? CharacterTokenizer.forLanguages(languages)
                : PhonemeTokenizer.builder().optLanguage(language == null ? Language.EN : language).build();
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public int[] encode(String text) {
        Language l = language != null ? language : detector.detect(text);
        String normalized = TextNormalizer.forLanguage(l).normalize(text);
        if (normalized.isBlank()) {
            return new int[0];
        }
        return tokenizer.encode(normalized, l);
    }

    /** Phonemes of one language in one espeak-ng call: much faster than a call per transcript. */
    @Override
    public List<int[]> encodeAll(List<String> texts) {
        if (!(tokenizer instanceof PhonemeTokenizer phonemes) || language == null) {
            return TextEncoder.super.encodeAll(texts);
        }
        TextNormalizer normalizer = TextNormalizer.forLanguage(language);
        List<String> normalized = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        int[][] out = new int[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            String n = normalizer.normalize(texts.get(i));
            if (n.isBlank()) {
                out[i] = new int[0];
            } else {
                normalized.add(n);
                where.add(i);
            }
        }
        List<int[]> ids = normalized.isEmpty() ? List.of() : phonemes.encodeAll(normalized, language);
        for (int k = 0; k < where.size(); k++) {
            out[where.get(k)] = ids.get(k);
        }
        return Arrays.asList(out);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokenizer", kind.jsonName());
        m.put("language", language == null ? "auto" : language.code());
        m.put("normalizer", language == null ? "per language" : TextNormalizer.forLanguage(language).getClass().getName());
        m.put("symbols", tokenizer.symbols().symbols());
        return m;
    }

    @Override
    public void saveSymbols(Path file) {
        tokenizer.symbols().write(file);
    }
}
