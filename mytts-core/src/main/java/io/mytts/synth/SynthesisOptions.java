package io.mytts.synth;

import io.mytts.InvalidInputException;
import io.mytts.config.CrossWindow;
import io.mytts.forward.ForwardControls;
import io.mytts.text.SentenceSplitter;

/**
 * Options of one synthesis request; every one has a default.
 *
 * <ul>
 *   <li>{@code temperature} (1.0): 1.0 is greedy; above 1.0 adds seeded noise to fed-back frames.</li>
 *   <li>{@code seed} (0): the same text, seed and voice give the same audio.</li>
 *   <li>{@code crossWindow}: overrides the model's cross-attention window (a share of the
 *       sentence, a number of tokens, or off); not set: the voice's ({@link Voice#crossWindow()}).</li>
 *   <li>{@code maxSteps}: the decoder step cap of a sentence; not set: {@code framesPerToken}
 *       ({@value #FRAMES_PER_TOKEN}, about twice LJ Speech's rate) frames per input token plus
 *       {@value #EXTRA_STEPS} steps, at most the model's max_length; a batch runs to the cap of its
 *       longest sentence.
 *       A sentence that reaches it is cut there and a warning is logged.</li>
 *   <li>{@code maxChunkLength} ({@value SentenceSplitter#DEFAULT_MAX_CHUNK_LENGTH}): longer sentences are split
 *       at clause marks, then spaces.</li>
 *   <li>{@code sentencePauseSeconds} (0.25): silence between sentences; an SSML break takes its
 *       place, and pieces of one sentence in different styles follow each other without one.</li>
 *   <li>{@code batchSize} (4): sentences decoded together after the first, which is decoded
 *       alone so that the first audio comes early. Batched decoding costs little more per step than
 *       one sentence on a CPU, which is bound by per-op overhead.</li>
 *   <li>{@code firstChunkLength} (80): a first sentence longer than this is cut after its last
 *       clause mark (comma, semicolon, colon) within that many characters, so the first audio comes
 *       sooner; never inside a clause. 0 turns it off.</li>
 *   <li>{@code temperature}, {@code seed}, {@code crossWindow}, {@code maxSteps} and
 *       {@code framesPerToken} steer autoregressive decoding; a forward voice, which makes every
 *       frame in one pass from its durations, does not use them.</li>
 *   <li>{@code speed} (1.0): a forward voice's length scale, 0.5 to 2.0: its durations are divided
 *       by it, so 1.5 speaks in 1/1.5 of the time. An autoregressive voice refuses any other
 *       value (it has no durations to scale; SSML's prosody rate time-scales its mel instead).</li>
 *   <li>{@code pitchSemitones} (0): a forward voice's pitch shift, -12 to 12 semitones, added to its
 *       predicted pitch; an autoregressive voice refuses any other value.</li>
 *   <li>{@code overlapVocoder} (false): vocode a batch on a worker thread while the next one
 *       decodes. On a busy 2-core machine it gained at most a few percent of total time and made
 *       the first audio 0.2–0.6 s later (the first sentence's vocoding competes with the next
 *       batch's decoding); turn it on where cores are idle.</li>
 *   <li>{@code beam} (1): hypotheses of each sentence decoded together (beam search); 1 is greedy
 *       decoding. Hypothesis 0 is the greedy one; the others differ by their seeds (see
 *       {@link SentenceDecoder}). The best by {@link io.mytts.align.DecodingScore} is spoken.</li>
 *   <li>{@code repair} (0): how many times a sentence in which the failure detectors find a
 *       skipped, repeated or stuck word (or no stop) is decoded again, each time as
 *       {@value SentenceDecoder#REPAIR_HYPOTHESES} new hypotheses (or {@code beam}, if more), each
 *       attempt one rung up the {@link RepairLadder} (other seeds, the text-aware stop, a
 *       cross-attention window); 0 turns it off. Off by default because a weak voice fails on most
 *       sentences and would decode each up to {@code repair + 1} times; 3 climbs the whole ladder.
 *       A forward voice ignores it, and {@code beam} and {@code textAwareStop}, with a warning.</li>
 *   <li>{@code textAwareStop} (false): the attention peak never moves back and the stop cannot
 *       fire before it has reached the last letter or digit of the sentence
 *       ({@link io.mytts.model.GenerationOptions#textAwareStop()}).</li>
 *   <li>{@code keepSentences} (true): the result keeps every sentence's {@link SentenceResult} and
 *       its sentence and word times ({@link SynthesisResult#timeline()}). False keeps only counts
 *       ({@link SynthesisResult#tally()}), the sentences with something to report and the SSML
 *       marks, so that a text of any length streamed with {@link Synthesizer#stream} holds nothing
 *       per sentence; a {@link SentenceListener} still gets every sentence. {@code say} and
 *       {@code synthesize} keep them only for {@code --timestamps}.</li>
 *   <li>{@code speaker} (null): the speaker of a multi-speaker voice, by name or row number; null is
 *       its first speaker. SSML's {@code <voice speaker="...">} overrides it for its text.</li>
 * </ul>
 */
public final class SynthesisOptions {

    static final int FRAMES_PER_TOKEN = 12;
    static final int EXTRA_STEPS = 20;
    static final int MAX_BEAM = 16;
    static final int MAX_REPAIR = 10;

    private final double temperature;
    private final long seed;
    private final CrossWindow crossWindow;
    private final Integer maxSteps;
    private final int maxChunkLength;
    private final double sentencePauseSeconds;
    private final int batchSize;
    private final boolean overlapVocoder;
    private final int firstChunkLength;
    private final double framesPerToken;
    private final int beam;
    private final int repair;
    private final boolean textAwareStop;
    private final String speaker;
    private final boolean keepSentences;
    private final double speed;
    private final double pitchSemitones;

    private SynthesisOptions(Builder b) {
        speaker = b.speaker;
        keepSentences = b.keepSentences;
        speed = b.speed;
        pitchSemitones = b.pitchSemitones;
        framesPerToken = b.framesPerToken;
        firstChunkLength = b.firstChunkLength;
        overlapVocoder = b.overlapVocoder;
        temperature = b.temperature;
        seed = b.seed;
        crossWindow = b.crossWindow;
        maxSteps = b.maxSteps;
        maxChunkLength = b.maxChunkLength;
        sentencePauseSeconds = b.sentencePauseSeconds;
        batchSize = b.batchSize;
        beam = b.beam;
        repair = b.repair;
        textAwareStop = b.textAwareStop;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SynthesisOptions defaults() {
        return builder().build();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.temperature = temperature;
        b.seed = seed;
        b.crossWindow = crossWindow;
        b.maxSteps = maxSteps;
        b.maxChunkLength = maxChunkLength;
        b.sentencePauseSeconds = sentencePauseSeconds;
        b.batchSize = batchSize;
        b.overlapVocoder = overlapVocoder;
        b.firstChunkLength = firstChunkLength;
        b.framesPerToken = framesPerToken;
        b.speed = speed;
        b.pitchSemitones = pitchSemitones;
        b.beam = beam;
        b.repair = repair;
        b.textAwareStop = textAwareStop;
        b.speaker = speaker;
        b.keepSentences = keepSentences;
        return b;
    }

    public double temperature() {
        return temperature;
    }

    public long seed() {
        return seed;
    }

    /** The speaker asked for (name or row number), or null for the voice's first. */
    public String speaker() {
        return speaker;
    }

    /** The cross-attention window instead of the voice's, or null for the voice's own. */
    public CrossWindow crossWindow() {
        return crossWindow;
    }

    /** The step cap, or null for the automatic one. */
    public Integer maxSteps() {
        return maxSteps;
    }

    public int maxChunkLength() {
        return maxChunkLength;
    }

    public double sentencePauseSeconds() {
        return sentencePauseSeconds;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Mel frames per input token of the automatic step cap. */
    public double framesPerToken() {
        return framesPerToken;
    }

    public int firstChunkLength() {
        return firstChunkLength;
    }

    public boolean overlapVocoder() {
        return overlapVocoder;
    }

    /** Hypotheses decoded for each sentence; 1 is greedy. */
    public int beam() {
        return beam;
    }

    /** How many times a failed sentence is decoded again; 0: never. */
    public int repair() {
        return repair;
    }

    /** Whether the attention peak is monotonic and the stop waits for the last spoken token. */
    public boolean textAwareStop() {
        return textAwareStop;
    }

    /** Whether the result keeps every sentence and its times (else counts and what needs reporting). */
    public boolean keepSentences() {
        return keepSentences;
    }

    /** A forward voice's length scale (1: as the model speaks; 2: half the time). */
    public double speed() {
        return speed;
    }

    /** A forward voice's pitch shift in semitones (0: as the model speaks). */
    public double pitchSemitones() {
        return pitchSemitones;
    }

    /** Whether speed or pitch differ from the model's own, which only a forward voice can do. */
    public boolean changesProsody() {
        return speed != 1.0 || pitchSemitones != 0.0;
    }

    public static final class Builder {
        private double temperature = 1.0;
        private long seed;
        private CrossWindow crossWindow;
        private Integer maxSteps;
        private int maxChunkLength = SentenceSplitter.DEFAULT_MAX_CHUNK_LENGTH;
        private double sentencePauseSeconds = 0.25;
        private int batchSize = 4;
        private boolean overlapVocoder;
        private int firstChunkLength = 80;
        private double framesPerToken = FRAMES_PER_TOKEN;
        private int beam = 1;
        private int repair;
        private boolean textAwareStop;
        private String speaker;
        private boolean keepSentences = true;

        private Builder() {}

        /**
         * Whether the result keeps every sentence and its sentence and word times (default true);
         * false: counts, the sentences with something to report and the marks, for texts of any length.
         */
        public Builder optKeepSentences(boolean keep) {
            this.keepSentences = keep;
            return this;
        }

        /** The speaker of a multi-speaker voice, by name or row number (null or blank: the first). */
        public Builder optSpeaker(String speaker) {
            this.speaker = speaker == null || speaker.isBlank() ? null : speaker.strip();
            return this;
        }

        /** Hypotheses per sentence, 1 (greedy) to {@value #MAX_BEAM}. */
        public Builder optBeam(int beam) {
            this.beam = beam;
            return this;
        }

        /** How many times a failed sentence is decoded again, 0 (off) to {@value #MAX_REPAIR}. */
        public Builder optRepair(int repair) {
            this.repair = repair;
            return this;
        }

        /** A monotonic attention peak and no stop before the last letter or digit. */
        public Builder optTextAwareStop(boolean textAwareStop) {
            this.textAwareStop = textAwareStop;
            return this;
        }

        private double speed = 1.0;
        private double pitchSemitones;

        /** A forward voice's length scale, 0.5 to 2.0 (default 1): 1.5 speaks in 1/1.5 of the time. */
        public Builder optSpeed(double speed) {
            this.speed = speed;
            return this;
        }

        /** A forward voice's pitch shift, -12 to 12 semitones (default 0). */
        public Builder optPitchSemitones(double semitones) {
            this.pitchSemitones = semitones;
            return this;
        }

        /** Mel frames per input token of the automatic step cap (default {@value #FRAMES_PER_TOKEN}). */
        public Builder optFramesPerToken(double framesPerToken) {
            this.framesPerToken = framesPerToken;
            return this;
        }

        /** Cut a longer first sentence after a clause mark within this many characters (0: never). */
        public Builder optFirstChunkLength(int length) {
            this.firstChunkLength = length;
            return this;
        }

        public Builder optOverlapVocoder(boolean overlap) {
            this.overlapVocoder = overlap;
            return this;
        }

        public Builder optTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Cross-attention window share in (0, 1], or null for none, instead of the voice's. */
        public Builder optCrossWin(Double crossWin) {
            this.crossWindow = CrossWindow.ofShare(crossWin);
            return this;
        }

        /** Cross-attention window instead of the voice's; null keeps the voice's. */
        public Builder optCrossWindow(CrossWindow crossWindow) {
            this.crossWindow = crossWindow;
            return this;
        }

        public Builder optMaxSteps(int maxSteps) {
            this.maxSteps = maxSteps;
            return this;
        }

        public Builder optMaxChunkLength(int maxChunkLength) {
            this.maxChunkLength = maxChunkLength;
            return this;
        }

        public Builder optSentencePauseSeconds(double seconds) {
            this.sentencePauseSeconds = seconds;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Validates; a bad option is an {@link InvalidInputException} that names it. */
        public SynthesisOptions build() {
            if (!(temperature >= 1.0) || Double.isInfinite(temperature)) {
                throw new InvalidInputException("temperature must be a number of at least 1.0 (1.0 is greedy), not "
                        + temperature);
            }
            if (maxSteps != null && maxSteps < 1) {
                throw new InvalidInputException("max steps must be at least 1, not " + maxSteps);
            }
            if (maxChunkLength < 10) {
                throw new InvalidInputException("max chunk length must be at least 10 characters, not " + maxChunkLength);
            }
            if (!(sentencePauseSeconds >= 0 && sentencePauseSeconds <= 10)) {
                throw new InvalidInputException("sentence pause must be between 0 and 10 seconds, not "
                        + sentencePauseSeconds);
            }
            if (!(framesPerToken >= 1 && framesPerToken <= 100)) {
                throw new InvalidInputException("frames per token must be between 1 and 100, not " + framesPerToken);
            }
            if (firstChunkLength != 0 && firstChunkLength < 20) {
                throw new InvalidInputException("first chunk length must be 0 (off) or at least 20 characters, not "
                        + firstChunkLength);
            }
            if (batchSize < 1 || batchSize > 64) {
                throw new InvalidInputException("batch size must be between 1 and 64, not " + batchSize);
            }
            if (beam < 1 || beam > MAX_BEAM) {
                throw new InvalidInputException("beam must be between 1 (greedy) and " + MAX_BEAM + ", not " + beam);
            }
            if (repair < 0 || repair > MAX_REPAIR) {
                throw new InvalidInputException("repair must be between 0 (off) and " + MAX_REPAIR + " attempts, not "
                        + repair);
            }
            new ForwardControls(speed, pitchSemitones); // the forward model's ranges, checked with its messages
            return new SynthesisOptions(this);
        }
    }
}
