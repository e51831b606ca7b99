package io.mytts.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Raw text to what a model reads, in one call: sentences are split, each sentence's language is
 * taken as given or detected from its script, the sentence is normalised by that language's rules,
 * cut into chunks no longer than the cap, and (when a tokenizer is set) turned into ids.
 *
 * <pre>{@code
 * TextFrontEnd fe = TextFrontEnd.builder().optLanguage(Language.FA)
 *         .optTokenizer(CharacterTokenizer.forLanguages(Language.FA)).build();
 * for (TextFrontEnd.Chunk c : fe.process("سلام. قیمت ۳٫۵ دلار است.")) { ... c.ids() ... }
 * }</pre>
 *
 * <p>Thread-safe and immutable.
 */
public final class TextFrontEnd {

    /** One piece of text a model says in one go: its language, normalised text and ids (empty without a tokenizer). */
    public record Chunk(Language language, String text, int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.language == language && c.text.equals(text) && Arrays.equals(c.ids, ids);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * language.hashCode() + text.hashCode()) + Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return "Chunk[" + language.code() + ", " + text + ", " + Arrays.toString(ids) + "]";
        }
    }

    private final Language language;
    private final Language fallback;
    private final Tokenizer tokenizer;
    private final SentenceSplitter splitter;
    private final Map<Language, TextNormalizer> normalizers;
    private final LanguageDetector detector;

    private TextFrontEnd(Builder b) {
        this.language = b.language;
        this.fallback = b.fallback;
        this.tokenizer = b.tokenizer;
        this.splitter = SentenceSplitter.builder().optMaxChunkLength(b.maxChunkLength).build();
        this.normalizers = new EnumMap<>(Language.class);
        for (Language l : Language.values()) {
            normalizers.put(l, b.normalizers.getOrDefault(l, TextNormalizer.forLanguage(l)));
        }
        this.detector = new LanguageDetector(b.fallback);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The chunks of {@code text} in order; none for text with nothing to say. */
    public List<Chunk> process(String text) {
        List<Language> languages = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Language previous = fallback;
        for (String sentence : splitter.sentences(text)) {
            Language l = language != null ? language : detector.detect(sentence, previous);
            previous = l;
            for (String chunk : splitter.chunk(normalizers.get(l).normalize(sentence))) {
                languages.add(l);
                texts.add(chunk);
            }
        }
        List<int[]> ids = tokenize(texts, languages);
        List<Chunk> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(new Chunk(languages.get(i), texts.get(i), ids.get(i)));
        }
        return out;
    }

    /** The normalised text, sentence by sentence, joined by spaces. */
    public String normalize(String text) {
        StringBuilder out = new StringBuilder();
        for (Chunk c : withoutTokenizer().process(text)) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(c.text());
        }
        return out.toString();
    }

    private TextFrontEnd withoutTokenizer() {
        if (tokenizer == null) {
            return this;
        }
        Builder b = builder().optLanguage(language).optFallbackLanguage(fallback)
                .optMaxChunkLength(splitter.maxChunkLength());
        normalizers.forEach(b::optNormalizer);
        return b.build();
    }

    /** Ids for every chunk; the phoneme tokenizer gets all chunks of one language in one call. */
    private List<int[]> tokenize(List<String> texts, List<Language> languages) {
        int[][] ids = new int[texts.size()][];
        if (tokenizer == null) {
            Arrays.fill(ids, new int[0]);
        } else if (tokenizer instanceof PhonemeTokenizer phonemes) {
            for (Language l : Language.values()) {
                List<Integer> where = new ArrayList<>();
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    if (languages.get(i) == l) {
                        where.add(i);
                        batch.add(texts.get(i));
                    }
                }
                if (!batch.isEmpty()) {
                    List<int[]> encoded = phonemes.encodeAll(batch, l);
                    for (int k = 0; k < where.size(); k++) {
                        ids[where.get(k)] = encoded.get(k);
                    }
                }
            }
        } else {
            for (int i = 0; i < texts.size(); i++) {
                ids[i] = tokenizer.encode(texts.get(i), languages.get(i));
            }
        }
        return Arrays.asList(ids);
    }

    /** Options of the front end. */
    public static final class Builder {
        private Language language;
        private Language fallback = Language.EN;
        private Tokenizer tokenizer;
        private int maxChunkLength = SentenceSplitter.DEFAULT_MAX_CHUNK_LENGTH;
        private final Map<Language, TextNormalizer> normalizers = new EnumMap<>(Language.class);

        private Builder() {}

        /** Every sentence is in this language; null (the default) detects it per sentence. */
        public Builder optLanguage(Language language) {
            this.language = language;
            return this;
        }

        /** The language of sentences detection cannot judge (no letters) at the start (default English). */
        public Builder optFallbackLanguage(Language fallback) {
            this.fallback = fallback;
            return this;
        }

        /** Turns each chunk into ids; without one, chunks carry no ids. */
        public Builder optTokenizer(Tokenizer tokenizer) {
            this.tokenizer = tokenizer;
            return this;
        }

        /** The most characters of normalised text in one chunk (default {@value SentenceSplitter#DEFAULT_MAX_CHUNK_LENGTH}). */
        public Builder optMaxChunkLength(int maxChunkLength) {
            this.maxChunkLength = maxChunkLength;
            return this;
        }

        /** Replaces the default normaliser of a language (e.g. Persian with diacritics removed). */
        public Builder optNormalizer(Language language, TextNormalizer normalizer) {
            this.normalizers.put(language, normalizer);
            return this;
        }

        public TextFrontEnd build() {
            if (fallback == null) {
                throw new io.mytts.InvalidInputException("the fallback language cannot be null");
            }
            return new TextFrontEnd(this);
        }
    }
}
