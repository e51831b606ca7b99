package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.text.CharacterTokenizer;
import io.mytts.text.EspeakPhonemizer;
import io.mytts.text.Language;
import io.mytts.text.PhonemeTokenizer;
import io.mytts.text.TextFrontEnd;
import io.mytts.text.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mytts text bench}: throughput of normalise + split + tokenize, in MB of UTF-8 input per
 * second (median of several runs), for the character path and the espeak-ng phoneme path.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure text front-end throughput (normalise + tokenize) in MB/s, medians of several runs.")
final class TextBenchCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE",
            description = "English text to measure (default: the LJ Speech transcripts in ../shared/data/ljspeech).")
    Path input;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--phoneme-kb", defaultValue = "200",
            description = "KB of each text for the phoneme path, which is slower (default: ${DEFAULT-VALUE}).")
    int phonemeKb;

    @Option(names = "--no-phonemes", description = "Skip the espeak-ng phoneme path.")
    boolean noPhonemes;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final String NUMBERS_SENTENCE = "On 12/05/2024 Dr. Smith paid $3.50 for 2 books at 10:30 a.m., "
            + "i.e. 50% off, and came 22nd of 1,234 in 1999! ";
    private static final String PERSIAN_SENTENCE = "در سال ۱۴۰۲ قیمت كتاب‌ها ۳٫۵ درصد بالا رفت، و ۲۱ام شدیم. "
            + "«سلام» خوبی? ";

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || phonemeKb < 1) {
            throw new InvalidInputException("--runs and --phoneme-kb must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        String english = englishText();
        String numbers = NUMBERS_SENTENCE.repeat(1_000_000 / NUMBERS_SENTENCE.length() + 1);
        String persian = PERSIAN_SENTENCE.repeat(1_000_000 / PERSIAN_SENTENCE.getBytes(StandardCharsets.UTF_8).length + 1);

        out.printf(Locale.ROOT, "%-34s %9s %9s %12s %12s%n", "case", "MB", "chunks", "wall MB/s", "cpu MB/s");
        CharacterTokenizer chars = CharacterTokenizer.forLanguages();
        measure(out, "chars, English prose (LJ Speech)", english, Language.EN, chars, runs);
        measure(out, "chars, English numbers/dates", numbers, Language.EN, chars, runs);
        measure(out, "chars, Persian", persian, Language.FA, chars, runs);
        if (!noPhonemes) {
            if (!EspeakPhonemizer.isAvailable()) {
                out.println("phoneme path skipped: espeak-ng is not installed (apt-get install espeak-ng)");
            } else {
                int n = phonemeKb * 1000;
                measure(out, "phonemes, English prose", head(english, n), Language.EN,
                        PhonemeTokenizer.builder().optLanguage(Language.EN).build(), Math.min(runs, 3));
                measure(out, "phonemes, Persian", head(persian, n / 2), Language.FA,
                        PhonemeTokenizer.builder().optLanguage(Language.FA).build(), Math.min(runs, 3));
            }
        }
        out.printf(Locale.ROOT, "(%d run(s) each after one warm-up, medians; %d cores, load average %.1f;"
                        + " cpu MB/s counts this JVM thread only, not espeak-ng)%n", runs,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
        return 0;
    }

    private static void measure(PrintWriter out, String name, String text, Language language, Tokenizer tokenizer,
            int runs) {
        TextFrontEnd fe = TextFrontEnd.builder().optLanguage(language).optTokenizer(tokenizer).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        int chunks = fe.process(text).size(); // warm-up
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            fe.process(text);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        out.printf(Locale.ROOT, "%-34s %9.3f %9d %12.2f %12.2f%n", name, mb, chunks, mb / median(wall), mb / median(cpu));
        out.flush();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String head(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        int end = text.lastIndexOf(' ', chars);
        return text.substring(0, end > 0 ? end : chars);
    }

    /** The text after the '|' of each line of an LJ Speech transcript file, or the file as it is. */
    private String englishText() throws IOException {
        Path file = input;
        if (file == null) {
            Path shared = Path.of(System.getProperty("mytts.shared.dir",
                    Path.of(System.getProperty("mytts.home", "."), "..", "shared").toString()));
            file = shared.resolve("data/ljspeech/transcripts.txt");
            if (!Files.exists(file)) {
                spec.commandLine().getOut().println("(" + file + " not found: measuring a built-in English sample)");
                return "The quick brown fox jumps over the lazy dog, and the dog sleeps on. ".repeat(15_000);
            }
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> line.contains("|") ? line.substring(line.lastIndexOf('|') + 1) : line)
                .collect(Collectors.joining("\n"));
    }
}
