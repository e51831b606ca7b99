package io.mytts.synth;

import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.MelProsody;
import io.mytts.audio.Vocoder;
import io.mytts.model.GenerationResult;
import io.mytts.align.Alignments;
import io.mytts.align.DecodingFailures;
import io.mytts.align.FailureCriteria;
import io.mytts.ssml.SsmlDocument;
import io.mytts.ssml.Style;
import io.mytts.text.Language;
import io.mytts.text.TextFrontEnd;
import io.mytts.text.TextSettings;
import io.mytts.text.Tokenizer;
import io.mytts.text.TokenizerKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text to speech with one voice: normalise, split into sentences (long ones into chunks), tokenize,
 * decode with the voice's acoustic model ({@link AcousticDecoder}, by the voice's kind: the
 * autoregressive one, greedy or with beam search and alignment repair as {@link SynthesisOptions}
 * ask ({@link SentenceDecoder}), or one parallel pass of a forward model) (the first sentence
 * alone, the rest in batches), vocode each sentence and join them with short pauses. Plain text
 * and SSML documents
 * ({@link SsmlDocument}) take the same path: plain text is a document of one part. A part's style
 * reaches the audio as the voice allows: on a forward voice its rate and pitch go into the model's
 * durations and pitch (with the request's speed and pitch), on an autoregressive voice through
 * {@link MelProsody} on the mel before the vocoder (and speed or pitch options are refused); volume
 * is a gain on the samples; a break replaces the pause before the next
 * sentence; a mark takes the time of the speech after it ({@link SynthesisResult#timeline()}).
 * The text is normalised a few sentences at a time as decoding needs them, and
 * {@link #stream} hands the audio on as it is made, so that a text of any length runs in flat
 * memory. With
 * {@link SynthesisOptions#overlapVocoder()} vocoding runs on a worker thread of the request, one
 * sentence at a time in order, while the next batch decodes.
 *
 * <p>Thread-safe: any number of threads may call {@link #synthesize} on one instance (and one
 * loaded {@link Voice}). Each call switches PyTorch's per-thread grad mode off while it runs,
 * and every decoding runs in native memory of its own that is freed before the call returns
 * (the model creates and closes a manager per generation), so a long text holds at most one
 * batch's tensors at a time, and at most two batches' mels.
 */
public final class Synthesizer {

    private static final Logger LOG = LoggerFactory.getLogger(Synthesizer.class);
    /**
     * The failure detectors on word-level alignments: a return to the previous word is a repeat
     * once the next word held the attention for two steps (a one-step flicker at the boundary is not).
     */
    static final FailureCriteria WORD_FAILURES = FailureCriteria.builder().optStopThreshold(0.5)
            .optMinBacktrack(1).optMinDwell(2).build();
    /**
     * The same detectors on a forward voice's alignment, one row a frame: stuck after as long as an
     * autoregressive voice of 3 frames a step (50 steps, 1.7 s), not after 50 frames, which one
     * long word lasts.
     */
    static final FailureCriteria FORWARD_WORD_FAILURES = FailureCriteria.builder().optStopThreshold(0.5)
            .optMinBacktrack(1).optMinDwell(2).optStuckSteps(3 * WORD_FAILURES.stuckSteps()).build();

    private final Voice voice;
    private final Vocoder vocoder;
    private final Map<FrontEndKey, TextFrontEnd> frontEnds = new ConcurrentHashMap<>();
    private final Tokenizer tokenizer;
    private final AcousticDecoder decoder;
    /** Whether a multi-speaker voice asked for no speaker has said once which one it speaks as. */
    private final java.util.concurrent.atomic.AtomicBoolean toldDefaultSpeaker =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Synthesizer(Builder b) {
        this.voice = b.voice;
        this.vocoder = b.vocoder != null ? b.vocoder : voice.vocoder();
        this.tokenizer = voice.tokenizer();
        this.decoder = switch (voice.kind()) {
            case AUTOREGRESSIVE -> new AutoregressiveDecoder(voice.model(), voice.crossWindow(), tokenizer.symbols(),
                    WORD_FAILURES);
            case FORWARD -> new ForwardDecoder(voice.forwardModel(), tokenizer.symbols(), FORWARD_WORD_FAILURES);
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A synthesizer with the voice's own vocoder (its neural one if it carries one, else Griffin-Lim). */
    public static Synthesizer of(Voice voice) {
        return builder().setVoice(voice).build();
    }

    public Voice voice() {
        return voice;
    }

    public int sampleRate() {
        return vocoder.sampleRate();
    }

    public SynthesisResult synthesize(String text) {
        return synthesize(text, SynthesisOptions.defaults(), null);
    }

    public SynthesisResult synthesize(String text, SynthesisOptions options) {
        return synthesize(text, options, null);
    }

    /**
     * Speaks {@code text}.
     *
     * @param listener gets each sentence's audio as soon as it is ready; may be null
     * @throws InvalidInputException when the text is empty or has nothing this voice can say
     */
    public SynthesisResult synthesize(String text, SynthesisOptions options, SentenceListener listener) {
        return synthesize(document(text), options, listener);
    }

    public SynthesisResult synthesize(SsmlDocument document, SynthesisOptions options) {
        return synthesize(document, options, null);
    }

    /**
     * Speaks an SSML document (see {@link SsmlDocument#parse}): its text in its styles, its breaks
     * as silence, its marks reported in {@link SynthesisResult#timeline()}.
     *
     * @param listener gets each sentence's audio as soon as it is ready; may be null
     * @throws InvalidInputException when the document has nothing this voice can say
     */
    public SynthesisResult synthesize(SsmlDocument document, SynthesisOptions options, SentenceListener listener) {
        AudioBuffer audio = new AudioBuffer();
        SynthesisResult r = run(document, options, listener, audio, false);
        return r.withAudio(new AudioClip(audio.toArray(), vocoder.sampleRate()));
    }

    /**
     * Speaks a document into {@code sink} as it is made, silences included, and keeps none of the
     * audio, so memory stays flat however long the text (a WAV file of hours, written sentence
     * by sentence). The result's {@link SynthesisResult#audio()} is empty; its timeline and
     * sentences describe what was written.
     */
    public SynthesisResult stream(SsmlDocument document, SynthesisOptions options, SentenceListener listener,
            AudioSink sink) {
        return run(document, options, listener, java.util.Objects.requireNonNull(sink, "sink"), true);
    }

    /**
     * Refuses options this voice cannot honour: speed and pitch on a voice whose model has no
     * such controls (an autoregressive one).
     *
     * @throws InvalidInputException saying that only forward voices have them
     */
    public void checkOptions(SynthesisOptions options) {
        if (options.changesProsody() && !decoder.controlsProsody()) {
            throw new InvalidInputException("voice " + voice.name() + " is " + voice.kind() + ": only forward voices"
                    + " have speed and pitch control (--speed, --pitch); use a forward voice, or SSML"
                    + " <prosody rate=\"...\" pitch=\"...\">, which time-scales and shifts this voice's mel");
        }
    }

    private static SsmlDocument document(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("nothing to say: the text is empty");
        }
        return SsmlDocument.ofText(text);
    }

    private SynthesisResult run(SsmlDocument document, SynthesisOptions options, SentenceListener listener,
            AudioSink sink, boolean streamed) {
        long start = System.nanoTime();
        checkOptions(options);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return new Request(document, options, listener, sink, streamed, start).run();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The front end for a chunk cap and a language, made once (normalisers are costly to build). */
    private TextFrontEnd frontEnd(int maxChunkLength, Language language) {
        // A chunk must fit the model's max_length in tokens; phonemes can outnumber characters.
        int limit = decoder.maxTokens();
        if (voice.textSettings().tokenizer() == TokenizerKind.PHONEMES) {
            limit = limit * 2 / 3;
        }
        int cap = Math.max(10, Math.min(maxChunkLength, limit));
        Language l = voice.textSettings().language() != null ? voice.textSettings().language() : language;
        return frontEnds.computeIfAbsent(new FrontEndKey(cap, l), k -> TextFrontEnd.builder()
                .optLanguage(k.language())
                .optTokenizer(tokenizer)
                .optMaxChunkLength(k.cap())
                .build());
    }

    private record FrontEndKey(int cap, Language language) {}

    /** The state of one call. */
    private final class Request {
        private final SsmlDocument document;
        private final SynthesisOptions options;
        private final SentenceListener listener;
        private final AudioSink sink;
        /** Whether the audio goes to the caller's sink (a text of any length) rather than into memory. */
        private final boolean streamed;
        private final long start;
        private final int rate = vocoder.sampleRate();
        /** Every sentence, or with {@link SynthesisOptions#keepSentences()} off those worth reporting. */
        private final List<SentenceResult> sentences = new ArrayList<>();
        private SentenceTally tally = SentenceTally.NONE;
        /** Sentence and word times, kept with {@link SynthesisOptions#keepSentences()}. */
        private final List<Timeline.Span> sentenceSpans = new ArrayList<>();
        private final List<Timeline.Span> wordSpans = new ArrayList<>();
        private final List<Timeline.MarkTime> marks = new ArrayList<>();
        private final Set<String> warnings = new LinkedHashSet<>();
        private long written;
        /** The quiet end of the last sentence, not yet written. */
        private float[] heldQuiet = new float[0];
        private double decodeMillis;
        private double vocoderMillis;
        private double firstAudioMillis = Double.NaN;
        /** The speaker row of text no SSML voice element names a speaker for. */
        private final int defaultSpeaker;

        Request(SsmlDocument document, SynthesisOptions options, SentenceListener listener, AudioSink sink,
                boolean streamed, long start) {
            this.streamed = streamed;
            this.document = document;
            this.options = options;
            this.listener = listener;
            this.sink = sink;
            this.start = start;
            this.defaultSpeaker = voice.speakerIndex(options.speaker()); // an unknown name fails before any work
            if (options.speaker() == null && voice.speakers().isMultiSpeaker()
                    && toldDefaultSpeaker.compareAndSet(false, true)) {
                warn("voice " + voice.name() + " has " + voice.speakers().size() + " speakers ("
                        + String.join(", ", voice.speakers().names()) + "); speaking as " + voice.speakers().name(0)
                        + ": choose one with --speaker NAME");
            }
            document.warnings().forEach(this::warn);
        }

        /** The speaker row of a style: its SSML speaker on a multi-speaker voice, else the request's. */
        private int speakerOf(Style style) {
            if (style.speaker() == null || !voice.speakers().isMultiSpeaker()) {
                return defaultSpeaker;
            }
            return voice.speakerIndex(style.speaker());
        }

        SynthesisResult run() {
            SpeechPlan plan = new SpeechPlan(document, this::frontEndFor, tokenizer, options.sentencePauseSeconds(),
                    voice.textSettings().language());
            ExecutorService vocoding = options.overlapVocoder() ? Executors.newSingleThreadExecutor(VOCODER_THREADS) : null;
            try {
                // The first chunk alone (cut after a clause when long), so that the first audio comes early.
                Deque<SpeechPlan.Planned> carry = new ArrayDeque<>();
                if (plan.hasNext()) {
                    SpeechPlan.Planned first = plan.next();
                    carry.addAll(options.firstChunkLength() > 0
                            ? splitAtClause(first, options.firstChunkLength(), options.sentencePauseSeconds())
                            : List.of(first));
                }
                List<Future<?>> previous = List.of();
                int next = 0;
                while (!carry.isEmpty() || plan.hasNext()) {
                    int size = next == 0 ? 1 : options.batchSize();
                    List<SpeechPlan.Planned> batch = new ArrayList<>();
                    while (batch.size() < size && (!carry.isEmpty() || plan.hasNext())) {
                        batch.add(carry.isEmpty() ? plan.next() : carry.poll());
                    }
                    previous = decodeBatch(batch, next, vocoding, previous);
                    next += batch.size();
                    if (streamed) {
                        NativeHeap.trimAtMostEvery(TRIM_INTERVAL_NANOS); // flat memory however long the text
                    }
                }
                await(previous);
            } finally {
                if (vocoding != null) {
                    vocoding.shutdownNow();
                }
            }
            if (tally.sentences() == 0 && written == 0 && plan.trailingPause() == 0) {
                throw new InvalidInputException("nothing to say: after normalisation the text has no symbols this voice"
                        + " knows (" + abbreviate(describe(document)) + ")");
            }
            if (plan.trailingPause() > 0) {
                dropHeldQuiet();
            } else {
                releaseHeldQuiet();
            }
            silence(plan.trailingPause());
            double end = written / (double) rate;
            plan.trailingMarks().forEach(m -> marks.add(new Timeline.MarkTime(m, end)));
            Timeline timeline = new Timeline(end, sentenceSpans, wordSpans, marks);
            return new SynthesisResult(new AudioClip(new float[0], rate), sentences, tally, plan.frontendMillis(),
                    decodeMillis, vocoderMillis, millisSince(start), firstAudioMillis, timeline, List.copyOf(warnings));
        }

        /** The front end of a style's language; a voice of one language reads every style in it. */
        private TextFrontEnd frontEndFor(Style style) {
            Language fixed = voice.textSettings().language();
            if (style.language() != null && fixed != null && style.language() != fixed) {
                warn("voice " + voice.name() + " reads only " + fixed.code() + "; text marked "
                        + style.language().code() + " is read as " + fixed.code());
            }
            if (style.voice() != null && !style.voice().equals(voice.name())) {
                warn("voice '" + style.voice() + "' is not loaded; speaking with voice " + voice.name());
            }
            if (style.speaker() != null && !voice.speakers().isMultiSpeaker()) {
                warn("voice " + voice.name() + " has one speaker; speaker " + style.speaker() + " is ignored");
            } else if (style.speaker() != null) {
                voice.speakerIndex(style.speaker()); // an unknown speaker is refused as the text is read
            }
            return frontEnd(options.maxChunkLength(), style.language());
        }

        private void warn(String message) {
            if (warnings.add(message)) {
                LOG.warn("{}", message);
            }
        }

        /**
         * Decodes a batch and vocodes it; with a vocoding executor, waits until the previous batch is
         * vocoded (so at most two batches are in memory) and queues this one's vocoding, which then
         * overlaps the next batch's decoding.
         */
        private List<Future<?>> decodeBatch(List<SpeechPlan.Planned> batch, int firstIndex,
                ExecutorService vocoding, List<Future<?>> previous) {
            List<AcousticDecoder.Input> chunks = new ArrayList<>();
            for (SpeechPlan.Planned p : batch) {
                chunks.add(new AcousticDecoder.Input(p.chunk().ids(), p.style(), speakerOf(p.style())));
            }
            long t0 = System.nanoTime();
            AcousticDecoder.Decoded decoded = decoder.decode(chunks, options);
            decoded.warnings().forEach(this::warn);
            List<DecodedSentence> results = decoded.sentences();
            int cap = decoded.stepCap();
            double batchMillis = millisSince(t0);
            decodeMillis += batchMillis;
            await(previous);
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                SpeechPlan.Planned planned = batch.get(i);
                DecodedSentence result = results.get(i);
                int index = firstIndex + i;
                if (vocoding != null) {
                    queued.add(vocoding.submit(() -> {
                        JniUtils.setGradMode(false); // a neural vocoder runs PyTorch on this thread
                        finish(planned, result, index, cap, batchMillis, batch.size());
                    }));
                } else {
                    finish(planned, result, index, cap, batchMillis, batch.size());
                }
            }
            return queued;
        }

        private void finish(SpeechPlan.Planned planned, DecodedSentence decoded, int index, int cap,
                double batchMillis, int batchSize) {
            GenerationResult result = decoded.result();
            TextFrontEnd.Chunk chunk = planned.chunk();
            Style style = planned.style();
            long t0 = System.nanoTime();
            float[][] mel = result.mel();
            if (!style.neutralProsody() && !decoder.controlsProsody()) {
                mel = MelProsody.shiftPitch(MelProsody.timeScale(mel, style.rate()), style.pitchSemitones(),
                        voice.audio());
            }
            float[] samples = vocoder.synthesize(mel);
            if (style.gain() == 0) {
                java.util.Arrays.fill(samples, 0f); // not -0.0 from negative samples
            } else if (style.gain() != 1.0) {
                for (int i = 0; i < samples.length; i++) {
                    samples[i] *= (float) style.gain();
                }
            }
            double vocMillis = millisSince(t0);
            vocoderMillis += vocMillis;

            float[][] alignment = result.alignment();
            int tokens = chunk.ids().length;
            double score = Alignments.diagonality(alignment, alignment.length, tokens);
            int r = decoder.framesPerStep();
            int[] wordOfToken = decoded.wordOfToken();
            float[][] byWord = decoded.byWord();
            DecodingFailures failures = decoded.failures();
            if (decoded.repair() != null) {
                if (decoded.repair().resolved()) {
                    LOG.info("sentence {} {}: {}", index + 1, decoded.repair().summary(), abbreviate(chunk.text()));
                } else {
                    LOG.warn("sentence {} {}; still: {}: {}", index + 1, decoded.repair().summary(), failures.summary(),
                            abbreviate(chunk.text()));
                }
            }
            if (!result.stopped()) {
                LOG.warn("sentence {} reached the step cap of {} decoder steps without the stop token and was cut"
                        + " there: {}", index + 1, cap, abbreviate(chunk.text()));
            }
            // Around a break the voice's own quiet is cut, so that the silence is the break's length.
            int lead = 0;
            if (planned.breakBefore()) {
                dropHeldQuiet();
                lead = QuietEdges.leading(samples, rate);
            } else {
                releaseHeldQuiet();
            }
            silence(planned.pauseBefore());
            double begin = written / (double) rate;
            double seconds = samples.length / (double) rate;
            planned.marksBefore().forEach(m -> marks.add(new Timeline.MarkTime(m, begin)));
            if (options.keepSentences()) {
                sentenceSpans.add(new Timeline.Span(chunk.text(), begin,
                        begin + (samples.length - lead) / (double) rate, index));
                for (Timeline.Span w : WordTimes.spans(chunk.text(), wordOfToken, byWord, byWord.length, r,
                        result.frames(), seconds, begin - lead / (double) rate, index)) {
                    wordSpans.add(new Timeline.Span(w.text(), Math.max(begin, w.start()), Math.max(begin, w.end()),
                            index));
                }
            }
            // The quiet end is held back until it is known whether a break follows.
            int tail = Math.min(QuietEdges.trailing(samples, rate), samples.length - lead);
            sink.write(java.util.Arrays.copyOfRange(samples, lead, samples.length - tail));
            written += samples.length - lead - tail;
            heldQuiet = java.util.Arrays.copyOfRange(samples, samples.length - tail, samples.length);
            SentenceResult sentence = new SentenceResult(index, chunk.text(), chunk.language().code(), tokens,
                    result.frames(), seconds, score, result.stopped(), cap, failures,
                    new SentenceResult.Timings(planned.frontendMillis(), batchMillis, vocMillis), batchSize,
                    decoded.repair());
            tally = tally.plus(sentence);
            if (options.keepSentences()
                    || SentenceTally.notable(sentence) && sentences.size() < SynthesisResult.MAX_REPORTED_SENTENCES) {
                sentences.add(sentence);
            }
            if (Double.isNaN(firstAudioMillis)) {
                firstAudioMillis = millisSince(start);
            }
            if (listener != null) {
                listener.onAlignment(sentence, alignment);
                listener.onSentence(sentence, samples);
            }
        }

        /** Writes the quiet end of the previous sentence: no break follows it. */
        private void releaseHeldQuiet() {
            if (heldQuiet.length > 0) {
                sink.write(heldQuiet);
                written += heldQuiet.length;
                heldQuiet = new float[0];
            }
        }

        /** Drops the quiet end of the previous sentence, which a break replaces, and ends its spans there. */
        private void dropHeldQuiet() {
            if (heldQuiet.length == 0) {
                return;
            }
            heldQuiet = new float[0];
            if (sentenceSpans.isEmpty()) {
                return; // times not kept
            }
            double end = written / (double) rate;
            int last = sentenceSpans.size() - 1;
            Timeline.Span s = sentenceSpans.get(last);
            sentenceSpans.set(last, new Timeline.Span(s.text(), s.start(), end, s.sentence()));
            for (int i = wordSpans.size() - 1; i >= 0 && wordSpans.get(i).sentence() == s.sentence(); i--) {
                Timeline.Span w = wordSpans.get(i);
                wordSpans.set(i, new Timeline.Span(w.text(), Math.min(w.start(), end), Math.min(w.end(), end),
                        w.sentence()));
            }
        }

        private void silence(double seconds) {
            int n = (int) Math.round(seconds * rate);
            if (n > 0) {
                float[] zeros = new float[n];
                sink.write(zeros);
                written += n;
            }
        }
    }

    /** The document's text, for error messages. */
    private static String describe(SsmlDocument document) {
        StringBuilder out = new StringBuilder();
        for (SsmlDocument.Part p : document.parts()) {
            if (p instanceof SsmlDocument.Text t) {
                out.append(out.length() > 0 ? " " : "").append(t.text());
            }
        }
        return out.toString();
    }

    /**
     * The first chunk, cut after the last clause mark (, ; : and the Persian ones) followed by a
     * space within its first {@code limit} characters, so that the first audio comes sooner; the
     * chunk itself when it is short or has no such mark (it is never cut inside a clause).
     */
    private List<SpeechPlan.Planned> splitAtClause(SpeechPlan.Planned planned, int limit, double tailPause) {
        TextFrontEnd.Chunk chunk = planned.chunk();
        String t = chunk.text();
        if (t.length() <= limit) {
            return List.of(planned);
        }
        int cut = -1;
        for (int i = MIN_FIRST_CLAUSE; i < limit && i + 1 < t.length(); i++) {
            if (",;:\u060C\u061B".indexOf(t.charAt(i)) >= 0 && t.charAt(i + 1) == ' ') {
                cut = i;
            }
        }
        if (cut < 0) {
            return List.of(planned);
        }
        String head = t.substring(0, cut + 1);
        String tail = t.substring(cut + 1).strip();
        int[] headIds = tokenizer.encode(head, chunk.language());
        int[] tailIds = tokenizer.encode(tail, chunk.language());
        if (headIds.length <= 1 || tailIds.length <= 1) {
            return List.of(planned);
        }
        double half = planned.frontendMillis() / 2;
        return List.of(
                new SpeechPlan.Planned(new TextFrontEnd.Chunk(chunk.language(), head, headIds), planned.style(),
                        planned.pauseBefore(), planned.breakBefore(), planned.marksBefore(), half),
                new SpeechPlan.Planned(new TextFrontEnd.Chunk(chunk.language(), tail, tailIds), planned.style(),
                        tailPause, false, List.of(), half));
    }

    /** How often a streamed request hands free native memory back (see {@link NativeHeap}). */
    private static final long TRIM_INTERVAL_NANOS = 10_000_000_000L;

    /** The shortest first piece worth cutting off, in characters. */
    static final int MIN_FIRST_CLAUSE = 10;

    /** Waits for vocoding tasks; their failures surface here, on the caller's thread. */
    private static void await(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while vocoding", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static final ThreadFactory VOCODER_THREADS = r -> {
        Thread t = new Thread(r, "mytts-vocoder");
        t.setDaemon(true);
        return t;
    };

    /** The highest stop probability among each decoder step's frames. */
    static float[] perStep(float[] frameStops, int steps, int r) {
        float[] out = new float[steps];
        for (int s = 0; s < steps; s++) {
            float max = 0;
            for (int f = s * r; f < Math.min(frameStops.length, (s + 1) * r); f++) {
                max = Math.max(max, frameStops[f]);
            }
            out[s] = max;
        }
        return out;
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return "'" + (one.length() <= 60 ? one : one.substring(0, 57) + "...") + "'";
    }

    /** A growing array of samples. */
    private static final class AudioBuffer implements AudioSink {
        private float[] data = new float[1 << 16];
        private int size;

        @Override
        public void write(float[] samples) {
            ensure(samples.length);
            System.arraycopy(samples, 0, data, size, samples.length);
            size += samples.length;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    /** Options: the voice is required; the vocoder defaults to the voice's own ({@link Voice#vocoder()}). */
    public static final class Builder {
        private Voice voice;
        private Vocoder vocoder;

        private Builder() {}

        public Builder setVoice(Voice voice) {
            this.voice = voice;
            return this;
        }

        /** Another vocoder (a neural one); it must make audio at the voice's sample rate from its mels. */
        public Builder optVocoder(Vocoder vocoder) {
            this.vocoder = vocoder;
            return this;
        }

        public Synthesizer build() {
            if (voice == null) {
                throw new InvalidInputException("a synthesizer needs a voice");
            }
            if (vocoder != null && vocoder.sampleRate() != voice.audio().sampleRate()) {
                throw new InvalidInputException("the vocoder makes " + vocoder.sampleRate() + " Hz audio but voice "
                        + voice.name() + " is " + voice.audio().sampleRate() + " Hz");
            }
            return new Synthesizer(this);
        }
    }
}
