package io.mytts.synth;

import io.mytts.ssml.SsmlDocument;
import io.mytts.ssml.Style;
import io.mytts.text.Language;
import io.mytts.text.LanguageDetector;
import io.mytts.text.PhonemeTokenizer;
import io.mytts.text.SentenceSplitter;
import io.mytts.text.TextFrontEnd;
import io.mytts.text.Tokenizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A document's parts as the chunks a model says, made as they are needed: the text of a run of
 * parts is cut into sentences at once (cheap), but normalised and tokenized
 * {@value #SENTENCES_PER_STEP} sentences at a time, so that a text of any length starts speaking
 * at once and holds only a few sentences' ids. Each chunk carries the silence before it (an SSML
 * break's, the sentence pause, or none inside a sentence) and the marks just before it.
 */
final class SpeechPlan implements Iterator<SpeechPlan.Planned> {

    /** Sentences front-ended together: enough for phoneme batching, few enough to start at once. */
    static final int SENTENCES_PER_STEP = 16;

    /**
     * A chunk to say, in its style, after {@code pauseBefore} seconds of silence and these marks;
     * {@code breakBefore} when that silence is an SSML break's rather than the usual pause.
     */
    record Planned(TextFrontEnd.Chunk chunk, Style style, double pauseBefore, boolean breakBefore,
            List<String> marksBefore, double frontendMillis) {}

    private static final SentenceSplitter SENTENCES = SentenceSplitter.create();

    private final List<SsmlDocument.Part> parts;
    private final Function<Style, TextFrontEnd> frontEnds;
    private final Tokenizer tokenizer;
    private final double sentencePause;
    private final Language voiceLanguage;
    /** The only language the voice reads, or null when it reads any. */
    private final Language fixedLanguage;
    private final LanguageDetector detector = new LanguageDetector();

    private int nextPart;
    private final Deque<Planned> ready = new ArrayDeque<>();
    /** The sentences of the current run not yet front-ended, and its style. */
    private final Deque<String> pendingSentences = new ArrayDeque<>();
    private Style runStyle;
    private boolean runContinues;
    private boolean runStarted;

    private Double pause;
    private List<String> marks = new ArrayList<>();
    private boolean anyChunk;
    private double frontendMillis;

    SpeechPlan(SsmlDocument document, Function<Style, TextFrontEnd> frontEnds, Tokenizer tokenizer,
            double sentencePause, Language voiceLanguage) {
        this.voiceLanguage = voiceLanguage != null ? voiceLanguage : Language.EN;
        this.fixedLanguage = voiceLanguage;
        this.parts = document.parts();
        this.frontEnds = frontEnds;
        this.tokenizer = tokenizer;
        this.sentencePause = sentencePause;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public Planned next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Silence after the last chunk (breaks at the end); meaningful once the plan is used up. */
    double trailingPause() {
        return pause == null ? 0 : pause;
    }

    /** Marks after the last chunk; meaningful once the plan is used up. */
    List<String> trailingMarks() {
        return marks;
    }

    /** Whether the document had pauses (so silence is something to say even without text). */
    boolean anyChunk() {
        return anyChunk;
    }

    /** Normalisation, splitting and tokenization so far. */
    double frontendMillis() {
        return frontendMillis;
    }

    private void fill() {
        while (ready.isEmpty()) {
            if (!pendingSentences.isEmpty()) {
                frontEndSome();
            } else if (nextPart < parts.size()) {
                takePart();
            } else {
                return;
            }
        }
    }

    private void takePart() {
        SsmlDocument.Part part = parts.get(nextPart++);
        if (part instanceof SsmlDocument.Pause p) {
            pause = (pause == null ? 0 : pause) + p.seconds();
        } else if (part instanceof SsmlDocument.Mark m) {
            marks.add(m.name());
        } else if (part instanceof SsmlDocument.Text t) {
            boolean phonemeVoice = tokenizer instanceof PhonemeTokenizer;
            if (t.phonemes() != null && phonemeVoice) {
                long t0 = System.nanoTime();
                int[] ids = ((PhonemeTokenizer) tokenizer).encodePhonemes(t.phonemes());
                double millis = (System.nanoTime() - t0) / 1e6;
                frontendMillis += millis;
                if (ids.length > 1) {
                    Style s = t.style();
                    add(new TextFrontEnd.Chunk(s.language() != null ? s.language() : voiceLanguage, t.text(), ids),
                            s, t.continuesSentence(), millis);
                }
                return;
            }
            StringBuilder run = new StringBuilder(t.text());
            // Parts that go on the same sentence in the same style are said in one go.
            while (nextPart < parts.size() && parts.get(nextPart) instanceof SsmlDocument.Text u
                    && u.continuesSentence() && u.style().equals(t.style()) && (u.phonemes() == null || !phonemeVoice)) {
                run.append(' ').append(u.text());
                nextPart++;
            }
            pendingSentences.addAll(SENTENCES.sentences(run.toString()));
            runStyle = t.style();
            runContinues = t.continuesSentence();
            runStarted = false;
        }
    }

    private void frontEndSome() {
        List<String> some = new ArrayList<>();
        while (!pendingSentences.isEmpty() && some.size() < SENTENCES_PER_STEP) {
            String sentence = pendingSentences.poll();
            refuseOtherLanguage(sentence);
            some.add(sentence);
        }
        long t0 = System.nanoTime();
        List<TextFrontEnd.Chunk> chunks = new ArrayList<>();
        for (TextFrontEnd.Chunk c : frontEnds.apply(runStyle).process(String.join("\n", some))) {
            if (c.ids().length > 1) { // more than the end-of-sequence id
                chunks.add(c);
            }
        }
        double millis = (System.nanoTime() - t0) / 1e6;
        frontendMillis += millis;
        for (TextFrontEnd.Chunk c : chunks) {
            add(c, runStyle, runContinues && !runStarted, millis / chunks.size());
            runStarted = true;
        }
    }

    /**
     * A voice of one language cannot say a sentence written in another: its letters are not in the
     * voice's symbol table, and what came out was a fraction of a second of noise. Refused, so that
     * the caller can say so or send the text to a voice that speaks it.
     */
    private void refuseOtherLanguage(String sentence) {
        if (fixedLanguage == null) {
            return;
        }
        Language written = detector.detect(sentence, fixedLanguage);
        if (written != fixedLanguage) {
            throw new LanguageMismatchException(fixedLanguage, written, sentence);
        }
    }

    private void add(TextFrontEnd.Chunk chunk, Style style, boolean continuesSentence, double millis) {
        double before;
        if (pause != null) {
            before = pause;
        } else if (!anyChunk || continuesSentence) {
            before = 0;
        } else {
            before = sentencePause;
        }
        ready.add(new Planned(chunk, style, before, pause != null, marks, millis));
        pause = null;
        marks = new ArrayList<>();
        anyChunk = true;
    }
}
