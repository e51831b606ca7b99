package io.mytts.synth;

import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.audio.AudioClip;
import io.mytts.audio.Vocoder;
import io.mytts.model.GenerationOptions;
import io.mytts.model.GenerationResult;
import io.mytts.model.TransformerTTS;
import io.mytts.monitor.Alignments;
import io.mytts.monitor.DecodingFailures;
import io.mytts.monitor.FailureCriteria;
import io.mytts.text.TextFrontEnd;
import io.mytts.text.TextSettings;
import io.mytts.text.Tokenizer;
import io.mytts.text.TokenizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * decode with {@link TransformerTTS#greedyGenerateFast} (the first sentence alone, the rest in
 * batches), vocode each sentence and join them with short pauses. With
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

    private final Voice voice;
    private final Vocoder vocoder;
    private final Map<Integer, TextFrontEnd> frontEnds = new ConcurrentHashMap<>();
    private final Tokenizer tokenizer;

    private Synthesizer(Builder b) {
        this.voice = b.voice;
        this.vocoder = b.vocoder != null ? b.vocoder : voice.vocoder();
        this.tokenizer = voice.tokenizer();
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
        long start = System.nanoTime();
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("nothing to say: the text is empty");
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return new Request(text, options, listener, start).run();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The front end for a chunk cap, made once (normalisers are costly to build). */
    private TextFrontEnd frontEnd(int maxChunkLength) {
        // A chunk must fit the model's max_length in tokens; phonemes can outnumber characters.
        int limit = voice.model().config().maxLength() - 1;
        if (voice.textSettings().tokenizer() == TokenizerKind.PHONEMES) {
            limit = limit * 2 / 3;
        }
        int cap = Math.max(10, Math.min(maxChunkLength, limit));
        return frontEnds.computeIfAbsent(cap, c -> TextFrontEnd.builder()
                .optLanguage(voice.textSettings().language())
                .optTokenizer(tokenizer)
                .optMaxChunkLength(c)
                .build());
    }

    /** The state of one call. */
    private final class Request {
        private final String text;
        private final SynthesisOptions options;
        private final SentenceListener listener;
        private final long start;
        private final int rate = vocoder.sampleRate();
        private final int pause;
        private final AudioBuffer audio = new AudioBuffer();
        private final List<SentenceResult> sentences = new ArrayList<>();
        private double decodeMillis;
        private double vocoderMillis;
        private double firstAudioMillis = Double.NaN;

        Request(String text, SynthesisOptions options, SentenceListener listener, long start) {
            this.text = text;
            this.options = options;
            this.listener = listener;
            this.start = start;
            this.pause = (int) Math.round(options.sentencePauseSeconds() * rate);
        }

        SynthesisResult run() {
            long t0 = System.nanoTime();
            List<TextFrontEnd.Chunk> chunks = new ArrayList<>();
            for (TextFrontEnd.Chunk c : frontEnd(options.maxChunkLength()).process(text)) {
                if (c.ids().length > 1) { // more than the end-of-sequence id
                    chunks.add(c);
                }
            }
            if (!chunks.isEmpty() && options.firstChunkLength() > 0) {
                chunks.addAll(0, splitAtClause(chunks.remove(0), options.firstChunkLength()));
            }
            double frontendMillis = millisSince(t0);
            if (chunks.isEmpty()) {
                throw new InvalidInputException("nothing to say: after normalisation the text has no symbols this voice"
                        + " knows (" + abbreviate(text) + ")");
            }
            double frontendShare = frontendMillis / chunks.size();
            ExecutorService vocoding = options.overlapVocoder() ? Executors.newSingleThreadExecutor(VOCODER_THREADS) : null;
            try {
                List<Future<?>> previous = List.of();
                int next = 0;
                while (next < chunks.size()) {
                    int size = next == 0 ? 1 : Math.min(options.batchSize(), chunks.size() - next);
                    List<Future<?>> current = decodeBatch(chunks.subList(next, next + size), next, frontendShare,
                            vocoding, previous);
                    previous = current;
                    next += size;
                }
                await(previous);
            } finally {
                if (vocoding != null) {
                    vocoding.shutdownNow();
                }
            }
            return new SynthesisResult(new AudioClip(audio.toArray(), rate), sentences, frontendMillis,
                    decodeMillis, vocoderMillis, millisSince(start), firstAudioMillis);
        }

        /**
         * Decodes a batch and vocodes it; with a vocoding executor, waits until the previous batch is
         * vocoded (so at most two batches are in memory) and queues this one's vocoding, which then
         * overlaps the next batch's decoding.
         */
        private List<Future<?>> decodeBatch(List<TextFrontEnd.Chunk> batch, int firstIndex, double frontendShare,
                ExecutorService vocoding, List<Future<?>> previous) {
            List<int[]> ids = new ArrayList<>();
            int longest = 0;
            for (TextFrontEnd.Chunk c : batch) {
                ids.add(c.ids());
                longest = Math.max(longest, c.ids().length);
            }
            TransformerTTS model = voice.model();
            int cap = stepCap(longest, model);
            GenerationOptions.Builder g = GenerationOptions.builder().optMaxSteps(cap)
                    .optTemperature(options.temperature()).optSeed(options.seed());
            g.optCrossWindow(options.crossWindow() != null ? options.crossWindow() : voice.crossWindow());
            long t0 = System.nanoTime();
            List<GenerationResult> results = model.greedyGenerateFast(ids, g.build());
            double batchMillis = millisSince(t0);
            decodeMillis += batchMillis;
            await(previous);
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                TextFrontEnd.Chunk chunk = batch.get(i);
                GenerationResult result = results.get(i);
                int index = firstIndex + i;
                if (vocoding != null) {
                    queued.add(vocoding.submit(() -> {
                        JniUtils.setGradMode(false); // a neural vocoder runs PyTorch on this thread
                        finish(chunk, result, index, cap, frontendShare, batchMillis, batch.size());
                    }));
                } else {
                    finish(chunk, result, index, cap, frontendShare, batchMillis, batch.size());
                }
            }
            return queued;
        }

        private int stepCap(int tokens, TransformerTTS model) {
            int maxLength = model.config().maxLength();
            if (options.maxSteps() != null) {
                return options.maxSteps();
            }
            int r = model.config().reductionFactor();
            long auto = (long) Math.ceil(tokens * options.framesPerToken() / r) + SynthesisOptions.EXTRA_STEPS;
            return (int) Math.min(maxLength, auto);
        }

        private void finish(TextFrontEnd.Chunk chunk, GenerationResult result, int index, int cap,
                double frontendShare, double batchMillis, int batchSize) {
            long t0 = System.nanoTime();
            float[] samples = vocoder.synthesize(result.mel());
            double vocMillis = millisSince(t0);
            vocoderMillis += vocMillis;

            float[][] alignment = result.alignment();
            int tokens = chunk.ids().length;
            double score = Alignments.diagonality(alignment, alignment.length, tokens);
            float[] stepStops = perStep(result.stopProbabilities(), alignment.length,
                    voice.model().config().reductionFactor());
            // Words, not letters: a focused attention hops over letters it still speaks.
            int[] wordOfToken = tokenizer.symbols().wordIndices(chunk.ids());
            float[][] byWord = Alignments.mergeColumns(alignment, alignment.length, wordOfToken);
            DecodingFailures failures = Alignments.detectFailures(byWord, byWord.length,
                    wordOfToken[wordOfToken.length - 1] + 1, stepStops, WORD_FAILURES);
            if (!result.stopped()) {
                LOG.warn("sentence {} reached the step cap of {} decoder steps without the stop token and was cut"
                        + " there: {}", index + 1, cap, abbreviate(chunk.text()));
            }
            if (index > 0) {
                audio.silence(pause);
            }
            audio.append(samples);
            SentenceResult sentence = new SentenceResult(index, chunk.text(), chunk.language().code(), tokens,
                    result.frames(), samples.length / (double) rate, score, result.stopped(), cap, failures,
                    new SentenceResult.Timings(frontendShare, batchMillis, vocMillis), batchSize);
            sentences.add(sentence);
            if (Double.isNaN(firstAudioMillis)) {
                firstAudioMillis = millisSince(start);
            }
            if (listener != null) {
                listener.onAlignment(sentence, alignment);
                listener.onSentence(sentence, samples);
            }
        }
    }

    /**
     * The first chunk, cut after the last clause mark (, ; : and the Persian ones) followed by a
     * space within its first {@code limit} characters, so that the first audio comes sooner; the
     * chunk itself when it is short or has no such mark (it is never cut inside a clause).
     */
    private List<TextFrontEnd.Chunk> splitAtClause(TextFrontEnd.Chunk chunk, int limit) {
        String t = chunk.text();
        if (t.length() <= limit) {
            return List.of(chunk);
        }
        int cut = -1;
        for (int i = MIN_FIRST_CLAUSE; i < limit && i + 1 < t.length(); i++) {
            if (",;:\u060C\u061B".indexOf(t.charAt(i)) >= 0 && t.charAt(i + 1) == ' ') {
                cut = i;
            }
        }
        if (cut < 0) {
            return List.of(chunk);
        }
        String head = t.substring(0, cut + 1);
        String tail = t.substring(cut + 1).strip();
        int[] headIds = tokenizer.encode(head, chunk.language());
        int[] tailIds = tokenizer.encode(tail, chunk.language());
        if (headIds.length <= 1 || tailIds.length <= 1) {
            return List.of(chunk);
        }
        return List.of(new TextFrontEnd.Chunk(chunk.language(), head, headIds),
                new TextFrontEnd.Chunk(chunk.language(), tail, tailIds));
    }

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
    private static final class AudioBuffer {
        private float[] data = new float[1 << 16];
        private int size;

        void append(float[] samples) {
            ensure(samples.length);
            System.arraycopy(samples, 0, data, size, samples.length);
            size += samples.length;
        }

        void silence(int samples) {
            ensure(samples);
            size += samples; // new capacity is zero already
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
