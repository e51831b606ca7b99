package io.mytts.cli;

import io.mytts.text.CharacterTokenizer;
import io.mytts.text.EspeakPhonemizer;
import io.mytts.text.Language;
import io.mytts.text.PersianNormalizer;
import io.mytts.text.PhonemeTokenizer;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextFrontEnd;
import io.mytts.text.Tokenizer;
import io.mytts.text.TokenizerKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mytts text normalize|phonemize|tokens|bench}: the text front end on its own. */
@Command(name = "text", mixinStandardHelpOptions = true,
        description = "The text front end: normalise, phonemize and tokenize text (English and Persian).",
        subcommands = {TextCommand.Normalize.class, TextCommand.Phonemize.class, TextCommand.Tokens.class,
            TextBenchCommand.class})
final class TextCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The text to work on and how to read it; shared by the subcommands. */
    static final class TextOptions {
        @Parameters(arity = "0..1", paramLabel = "TEXT",
                description = "The text; read from standard input when absent or '-'.")
        String text;

        @Option(names = "--lang", defaultValue = "auto",
                description = "en, fa, or auto: detected per sentence from the script (default: ${DEFAULT-VALUE}).")
        String lang;

        @Option(names = "--remove-diacritics", description = "Persian: remove short-vowel diacritics (not shadda).")
        boolean removeDiacritics;

        @Option(names = "--max-chunk", defaultValue = "200",
                description = "Most characters of normalised text in one chunk (default: ${DEFAULT-VALUE}).")
        int maxChunk;

        String read() throws IOException {
            if (text != null && !text.equals("-")) {
                return text;
            }
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }

        /** The language, or null for detection. */
        Language language() {
            return lang.equalsIgnoreCase("auto") ? null : Language.fromCode(lang);
        }

        TextFrontEnd frontEnd(Tokenizer tokenizer) {
            TextFrontEnd.Builder b = TextFrontEnd.builder().optLanguage(language()).optMaxChunkLength(maxChunk)
                    .optTokenizer(tokenizer);
            if (language() != null) {
                b.optFallbackLanguage(language());
            }
            if (removeDiacritics) {
                b.optNormalizer(Language.FA, PersianNormalizer.builder().optRemoveDiacritics(true).build());
            }
            return b.build();
        }
    }

    @Command(name = "normalize", mixinStandardHelpOptions = true,
            description = "Print the normalised text: one chunk (sentence, or part of a long one) a line.")
    static final class Normalize implements Callable<Integer> {
        @Mixin
        TextOptions options;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            for (TextFrontEnd.Chunk c : options.frontEnd(null).process(options.read())) {
                out.println(c.text());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "phonemize", mixinStandardHelpOptions = true,
            description = "Print the IPA phonemes (from espeak-ng) of the normalised text, one chunk a line.")
    static final class Phonemize implements Callable<Integer> {
        @Mixin
        TextOptions options;

        @Option(names = "--espeak", defaultValue = EspeakPhonemizer.DEFAULT_EXECUTABLE,
                description = "The espeak-ng program (default: ${DEFAULT-VALUE}).")
        String espeak;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<TextFrontEnd.Chunk> chunks = options.frontEnd(null).process(options.read());
            EspeakPhonemizer phonemizer = EspeakPhonemizer.builder().optExecutable(espeak).build();
            List<String> ipa = new ArrayList<>(chunks.size());
            chunks.forEach(c -> ipa.add(null));
            for (Language l : Language.values()) { // one espeak-ng call per language
                List<Integer> where = new ArrayList<>();
                for (int i = 0; i < chunks.size(); i++) {
                    if (chunks.get(i).language() == l) {
                        where.add(i);
                    }
                }
                if (!where.isEmpty()) {
                    List<String> got = phonemizer.phonemize(where.stream().map(i -> chunks.get(i).text()).toList(), l);
                    for (int k = 0; k < where.size(); k++) {
                        ipa.set(where.get(k), got.get(k));
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            ipa.forEach(out::println);
            out.flush();
            return 0;
        }
    }

    @Command(name = "tokens", mixinStandardHelpOptions = true,
            description = "Print the token ids of the normalised text, one chunk a line (end-of-sequence id last).")
    static final class Tokens implements Callable<Integer> {
        @Mixin
        TextOptions options;

        @Option(names = "--tokenizer", defaultValue = "characters",
                description = "characters (or chars) or phonemes (default: ${DEFAULT-VALUE}).")
        TokenizerKind kind;

        @Option(names = "--symbols", paramLabel = "FILE",
                description = "Use this symbol table (JSON), e.g. a model's, instead of the default one.")
        Path symbolsFile;

        @Option(names = "--save-symbols", paramLabel = "FILE", description = "Write the symbol table used to FILE (JSON).")
        Path saveSymbols;

        @Option(names = "--show", description = "Also print each chunk's symbols, separated by '|'.")
        boolean show;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Language language = options.language();
            SymbolTable table = symbolsFile != null ? SymbolTable.read(symbolsFile) : null;
            Tokenizer tokenizer = switch (kind) {
                case CHARACTERS -> new CharacterTokenizer(table != null ? table
                        : language != null ? SymbolTable.characters(language) : SymbolTable.characters());
                case PHONEMES -> PhonemeTokenizer.builder().optLanguage(language != null ? language : Language.EN)
                        .optSymbols(table).build();
            };
            if (saveSymbols != null) {
                tokenizer.symbols().write(saveSymbols);
            }
            PrintWriter out = spec.commandLine().getOut();
            for (TextFrontEnd.Chunk c : options.frontEnd(tokenizer).process(options.read())) {
                out.println(java.util.Arrays.stream(c.ids()).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
                if (show) {
                    out.println(java.util.Arrays.stream(c.ids()).mapToObj(id -> tokenizer.symbols().symbol(id))
                            .collect(Collectors.joining("|")));
                }
            }
            if (tokenizer.droppedSymbolCount() > 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "mytts: %d unknown symbol(s) were dropped%n",
                        tokenizer.droppedSymbolCount());
            }
            out.flush();
            return 0;
        }
    }
}
