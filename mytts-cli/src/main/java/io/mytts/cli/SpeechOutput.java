package io.mytts.cli;

import io.mytts.InvalidInputException;
import io.mytts.audio.StreamingWavWriter;
import io.mytts.ssml.SsmlDocument;
import io.mytts.synth.SentenceResult;
import io.mytts.synth.SynthesisOptions;
import io.mytts.synth.SynthesisResult;
import io.mytts.synth.Synthesizer;
import io.mytts.synth.Timeline;
import io.mytts.synth.Voice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What say and synthesize share: text or SSML from an argument, a file or standard input; speech
 * streamed into a WAV file sentence by sentence (the header fixed at the end, so memory does not
 * grow with the length); timestamps as WebVTT or JSON; warnings.
 */
final class SpeechOutput {

    /** The name that stands for standard input. */
    static final String STDIN = "-";

    private SpeechOutput() {}

    /** A strict UTF-8 reader of standard input (bad bytes are an error, not replacement characters). */
    static BufferedReader stdinReader() {
        return reader(System.in);
    }

    static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** All of standard input as text. */
    static String readStdin() {
        try (BufferedReader r = stdinReader()) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[1 << 16];
            for (int n; (n = r.read(buffer)) >= 0; ) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("standard input is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("reading standard input failed", e);
        }
    }

    /** A whole UTF-8 file as text. */
    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The document to speak: SSML parsed in the voice's language, or plain text as one part. */
    static SsmlDocument document(String text, boolean ssml, Voice voice) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("nothing to say: the text is empty");
        }
        return ssml ? SsmlDocument.parse(text, voice.textSettings().language()) : SsmlDocument.ofText(text);
    }

    /**
     * Speaks into {@code wav} as the audio comes; the file is complete (header fixed) when this
     * returns, and also when the process is interrupted (Ctrl-C): then it holds what was said so far.
     * The file is created with the first audio: a request refused before it (an unknown speaker,
     * text in another language) leaves no file, or the one that was there untouched.
     */
    static SynthesisResult speakInto(Path wav, Synthesizer synth, SsmlDocument document, SynthesisOptions options) {
        WavOnFirstWrite writer = new WavOnFirstWrite(wav, synth.sampleRate());
        Thread onInterrupt = new Thread(writer::close, "mytts-wav-close");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            SynthesisResult r = synth.stream(document, options, null, writer::write);
            writer.open(); // a request that made no samples still leaves a (valid, empty) WAV
            return r;
        } finally {
            writer.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // shutting down already: the hook closes the file (again, harmlessly)
            }
        }
    }

    /**
     * A WAV file opened when the first samples come, so that nothing is created or truncated by a
     * request that fails before them. Thread-safe: a shutdown hook may close it while it is written.
     */
    private static final class WavOnFirstWrite {
        private final Path file;
        private final int sampleRate;
        private StreamingWavWriter writer;
        private boolean closed;

        WavOnFirstWrite(Path file, int sampleRate) {
            this.file = file;
            this.sampleRate = sampleRate;
        }

        synchronized void write(float[] samples) {
            open().write(samples);
        }

        synchronized StreamingWavWriter open() {
            if (closed) {
                throw new IllegalStateException(file + " is closed");
            }
            if (writer == null) {
                writer = new StreamingWavWriter(file, sampleRate);
            }
            return writer;
        }

        /** Fixes the header of what was written; nothing when nothing was. */
        synchronized void close() {
            closed = true;
            if (writer != null) {
                writer.close();
            }
        }
    }

    /** Writes the timeline: WebVTT subtitles for a .vtt file, JSON otherwise. */
    static void writeTimestamps(Path file, Timeline timeline) {
        boolean vtt = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vtt");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, vtt ? timeline.toWebVtt() : timeline.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot write timestamps to " + file + ": " + e.getMessage(), e);
        }
    }

    static void printWarnings(SynthesisResult r, PrintWriter err) {
        r.warnings().forEach(w -> err.println("warning: " + w));
    }

    /** One line for each sentence decoded again after an alignment failure (--repair). */
    static void printRepairs(SynthesisResult r, PrintWriter out) {
        long printed = 0;
        for (SentenceResult s : r.sentences()) {
            if (s.repaired()) {
                out.printf(Locale.ROOT, "sentence %d %s%n", s.index() + 1, s.repair().summary());
                printed++;
            }
        }
        if (r.repairedSentences() > printed) { // a long text's result lists only some of them
            out.printf(Locale.ROOT, "... and %d more sentence(s) decoded again (see the log)%n",
                    r.repairedSentences() - printed);
        }
    }
}
