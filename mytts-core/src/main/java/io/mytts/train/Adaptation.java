package io.mytts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.config.LrSchedule;
import io.mytts.config.Presets;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import io.mytts.data.Dataset;
import io.mytts.data.DatasetReader;
import io.mytts.data.FeatureCache;
import io.mytts.data.FeaturePreparer;
import io.mytts.data.FrontEndEncoder;
import io.mytts.model.Checkpoint;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.nn.SpeakerEmbedding;
import io.mytts.synth.Voice;
import io.mytts.text.SymbolTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained voice fine-tuned on a small corpus of a new speaker ({@code mytts adapt}): the speaker
 * table gains a row for the newcomer, initialised from the mean of the existing rows (zero for a
 * single-speaker voice, whose one speaker then keeps a zero row and speaks as before), and the
 * shared training loop trains first that embedding alone ({@code RUN/speaker}), then, when asked,
 * the embedding with the decoder and postnet ({@code RUN/decoder}); every other parameter stays
 * frozen. Each phase is a run folder of its own, resumable as training is.
 *
 * <p>The corpus (a dataset folder or file list of one speaker) is prepared into {@code RUN/cache}
 * with the voice's audio settings and text front end: audio at another sample rate is resampled
 * there, and a corpus of less than {@link #MIN_SECONDS} seconds is refused with the amount found.
 * The last phase's {@code model.zip} is a checkpoint that {@code voice pack} makes a voice of,
 * with the new speaker.
 */
public final class Adaptation {

    private static final Logger LOG = LoggerFactory.getLogger(Adaptation.class);

    /** The least audio a new speaker is learned from. */
    public static final double MIN_SECONDS = 60;
    /** The run folder of the first phase (the new embedding only) and of the second (with the decoder). */
    public static final String SPEAKER_PHASE = "speaker";
    public static final String DECODER_PHASE = "decoder";
    static final String CACHE = "cache";

    private final Path voiceDir;
    private final Path data;
    private final Path run;
    private final String speaker;
    private final long steps;
    private final long decoderSteps;
    private final boolean alsoDecoder;
    private final boolean resume;
    private final boolean terminal;
    private final Double learningRate;

    private Adaptation(Builder b) {
        voiceDir = b.voice;
        data = b.data;
        run = b.run;
        speaker = b.speaker;
        steps = b.steps;
        decoderSteps = b.decoderSteps > 0 ? b.decoderSteps : b.steps;
        alsoDecoder = b.alsoDecoder;
        resume = b.resume;
        terminal = b.terminal;
        learningRate = b.learningRate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What an adaptation made.
     *
     * @param speaker the new speaker's name
     * @param speakers the adapted model's speaker table
     * @param seconds the audio the speaker was learned from
     * @param checkpoint the last phase's model checkpoint ({@code model.zip}), for {@code voice pack}
     * @param interrupted whether a phase was stopped before its last step
     */
    public record Result(String speaker, SpeakerTable speakers, double seconds, Path checkpoint, boolean interrupted) {}

    /** Runs the phases not yet done (all of them without resume). */
    public Result run() throws IOException {
        try (Voice voice = Voice.load(voiceDir)) {
            Dataset dataset = new DatasetReader().read(data);
            String name = speakerName(dataset);
            TTSConfig base = baseConfig(voice);
            long voiceStep = voice.metadata().path("step").asLong(0);
            Path cacheDir = prepare(voice, dataset, base);
            try (FeatureCache cache = FeatureCache.open(cacheDir)) {
                double seconds = checkEnough(cache, maxFrames(base));
                checkSymbols(cache, voice);
                SpeakerTable speakers = voice.speakers().plus(name);
                int row = speakers.size() - 1;
                LOG.info("adapting voice {} to speaker {} (row {} of {}) on {} s of audio", voice.name(), name, row,
                        speakers.size(), String.format(Locale.ROOT, "%.0f", seconds));
                Path speakerRun = run.resolve(SPEAKER_PHASE);
                Trainer.Result first;
                try (NDManager m = NDManager.newBaseManager(); TransformerTTS model = widened(voice, speakers, m)) {
                    first = phase(model, cache, voice, config(base, cache, steps, false, voiceStep), speakerRun, row,
                            Adaptation::isSpeakerEmbedding);
                }
                if (!alsoDecoder || first.interrupted()) {
                    return new Result(name, speakers, seconds, modelFile(first), first.interrupted());
                }
                Path decoderRun = run.resolve(DECODER_PHASE);
                Trainer.Result second;
                try (NDManager m = NDManager.newBaseManager();
                        TransformerTTS model = Checkpoint.read(modelFile(first)).createModel(m)) {
                    second = phase(model, cache, voice, config(base, cache, decoderSteps, true, voiceStep), decoderRun, row,
                            Adaptation::isDecoderOrSpeaker);
                }
                return new Result(name, speakers, seconds, modelFile(second), second.interrupted());
            }
        }
    }

    /** The first phase: only the speaker table (of which only the new row gets gradients). */
    static boolean isSpeakerEmbedding(String parameter) {
        return parameter.equals(SpeakerEmbedding.PARAMETER);
    }

    /** The second phase: the speaker table, the decoder (prenet, layers, heads) and the postnet. */
    static boolean isDecoderOrSpeaker(String parameter) {
        return isSpeakerEmbedding(parameter) || parameter.startsWith("decoder.") || parameter.startsWith("postnet.");
    }

    private Trainer.Result phase(TransformerTTS model, FeatureCache cache, Voice voice, TTSConfig config, Path folder,
            int row, Predicate<String> trainable) throws IOException {
        boolean resumeThis = resume && new CheckpointManager(folder, 1).latest().isPresent();
        Engine.getInstance().setRandomSeed((int) config.train().seed());
        int freeSteps = Math.min(config.model().maxLength(),
                Math.max(10, (int) (1.5 * config.train().maxFrames() / config.model().reductionFactor())));
        TtsModelAdapter adapter = new TtsModelAdapter(model, voice.symbols().symbols(), config, voice.textSettings(),
                cache.dataHash());
        TtsTrainee trainee = new TtsTrainee(adapter, config, freeSteps, trainable);
        try (CacheBatchSource<TrainBatch> batches = new CacheBatchSource<>(cache, config.train(),
                config.model().reductionFactor(), id -> true, b -> asSpeaker(CacheBatchSource.toTrainBatch(b), row))) {
            ValidationListener validation = new ValidationListener(Training.VALIDATION_SAMPLES,
                    GriffinLim.builder().optAudioConfig(voice.audio()).build());
            return Trainer.builder().setModel(trainee).setData(batches).setConfig(config).setRunFolder(folder)
                    .optResume(resumeThis).optMaxSteps(config.train().maxSteps()).optValidation(validation)
                    .optTerminal(terminal).build().run();
        }
    }

    private static Path modelFile(Trainer.Result r) {
        return r.lastCheckpoint().resolve(TtsModelAdapter.MODEL_FILE);
    }

    /** Every utterance of the corpus as the new speaker's (the cache numbers its own speakers). */
    static TrainBatch asSpeaker(TrainBatch b, int row) {
        int[] speakers = new int[b.size()];
        Arrays.fill(speakers, row);
        return new TrainBatch(b.tokens(), b.mels(), b.tokenLengths(), b.melLengths(), speakers);
    }

    /**
     * The voice's model with one more speaker row: every parameter copied, the new row the mean of the
     * existing rows, or zero for a single-speaker voice ({@link WarmStart}).
     */
    static TransformerTTS widened(Voice voice, SpeakerTable speakers, NDManager manager) {
        TransformerTTS old = voice.model();
        TransformerTTS model = new TransformerTTS(old.config(), old.vocabSize(), old.nMels(), speakers, manager, 0);
        try {
            List<String> symbols = voice.symbols().symbols();
            WarmStart.copy(new WarmStart.Source("voice " + voice.name(), old.parameters().arrays(), symbols,
                    voice.speakers()), model.parameters(), symbols, speakers);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private String speakerName(Dataset dataset) {
        if (dataset.speakers().size() > 1 && speaker == null) {
            throw new InvalidInputException(data + " has " + dataset.speakers().size() + " speakers ("
                    + String.join(", ", dataset.speakers()) + "); adaptation learns one new speaker: give a corpus of"
                    + " one, or name it with --speaker");
        }
        if (speaker != null) {
            return speaker;
        }
        if (dataset.speakers().size() == 1) {
            return dataset.speakers().get(0);
        }
        Path file = data.toAbsolutePath().normalize().getFileName();
        return file == null ? "new" : file.toString().replaceFirst("\\.[A-Za-z0-9]+$", "");
    }

    /** The voice's training config (its provenance), else the small preset with the voice's model and audio. */
    private static TTSConfig baseConfig(Voice voice) {
        TTSConfig recorded = voice.provenance().config();
        TTSConfig base = recorded != null ? recorded : Presets.config("small");
        return new TTSConfig(voice.model().config(), voice.audio(), base.train());
    }

    /**
     * A phase's config: constant learning rate after a short warm-up, no weight decay (it would
     * shrink the other speakers' rows, which get no gradient), guided attention at the weight the
     * voice's training had reached, validation sized to the small corpus.
     */
    private TTSConfig config(TTSConfig base, FeatureCache cache, long phaseSteps, boolean decoder, long voiceStep) {
        TrainConfig t = base.train();
        int every = (int) Math.max(1, Math.min(500, phaseSteps / 4));
        TrainConfig.Builder b = t.toBuilder().optMaxSteps((int) phaseSteps).optWeightDecay(0)
                .optLrSchedule(LrSchedule.CONSTANT).optWarmupSteps((int) Math.min(100, Math.max(1, phaseSteps / 10)))
                .optLearningRate(learningRate != null ? learningRate : decoder ? 1e-4 : 3e-3)
                .optGuidedAttnWeight(t.guidedAttnWeightAt(voiceStep))
                .optValSize(Math.max(1, Math.min(8, cache.ids().size() / 10)))
                // No target longer than the model can attend over.
                .optMaxFrames(maxFrames(base))
                .optCheckpointEvery(every).optValidateEvery(every).optLogEvery(Math.max(1, Math.min(t.logEvery(), every)));
        return base.withTrain(b.build());
    }

    /** The longest utterance a phase trains on: the config's max_frames, no more than the model attends over. */
    private static int maxFrames(TTSConfig base) {
        return Math.min(base.train().maxFrames(), base.model().maxLength() * base.model().reductionFactor());
    }

    private Path prepare(Voice voice, Dataset dataset, TTSConfig base) {
        Path cacheDir = run.resolve(CACHE);
        var text = voice.textSettings();
        FeaturePreparer.Result r = FeaturePreparer.builder().setDataset(dataset).setCacheDir(cacheDir)
                .setTextEncoder(new FrontEndEncoder(text.tokenizer(), text.language())).optAudioConfig(voice.audio())
                .build().prepare();
        if (r.report().resampled() > 0) {
            LOG.info("{} of {} recordings were resampled to the voice's {} Hz", r.report().resampled(),
                    r.report().kept(), voice.audio().sampleRate());
        }
        return cacheDir;
    }

    /**
     * The corpus's audio in seconds, of recordings no longer than {@code maxFrames}; refused under
     * {@link #MIN_SECONDS}.
     */
    static double checkEnough(FeatureCache cache, int maxFrames) {
        long frames = 0;
        int usable = 0;
        for (String id : cache.ids()) {
            if (cache.frames(id) <= maxFrames) {
                frames += cache.frames(id);
                usable++;
            }
        }
        double seconds = frames * (double) cache.audioConfig().hopLength() / cache.audioConfig().sampleRate();
        if (seconds < MIN_SECONDS) {
            int tooLong = cache.ids().size() - usable;
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: %.1f s of usable audio in %d recordings%s;"
                    + " adaptation needs at least %.0f s (ten minutes is the aim): record more", cache.dir(), seconds,
                    usable, tooLong == 0 ? "" : " (" + tooLong + " more are longer than the " + maxFrames
                            + " frames the model takes)", MIN_SECONDS));
        }
        return seconds;
    }

    private static void checkSymbols(FeatureCache cache, Voice voice) {
        SymbolTable symbols = SymbolTable.read(cache.dir().resolve(FeatureCache.SYMBOLS));
        if (!symbols.symbols().equals(voice.symbols().symbols())) {
            throw new InvalidInputException(cache.dir() + ": the corpus's symbols differ from voice " + voice.name()
                    + "'s; its text front end does not match the voice's");
        }
    }

    /** The voice, the corpus and the run folder are required. */
    public static final class Builder {
        private Path voice;
        private Path data;
        private Path run;
        private String speaker;
        private long steps = 1000;
        private long decoderSteps;
        private boolean alsoDecoder;
        private boolean resume;
        private boolean terminal;
        private Double learningRate;

        private Builder() {}

        public Builder setVoice(Path v) { voice = v; return this; }
        public Builder setData(Path v) { data = v; return this; }
        public Builder setRunFolder(Path v) { run = v; return this; }
        /** The new speaker's name (default: the corpus's one speaker, else its folder's name). */
        public Builder optSpeaker(String v) { speaker = v == null || v.isBlank() ? null : v.strip(); return this; }
        /** Steps of the embedding phase (default 1000). */
        public Builder optSteps(long v) { steps = v; return this; }
        /** Steps of the decoder phase (default: as many as the embedding phase). */
        public Builder optDecoderSteps(long v) { decoderSteps = v; return this; }
        /** Also fine-tune the decoder and postnet, after the embedding. */
        public Builder optAlsoDecoder(boolean v) { alsoDecoder = v; return this; }
        /** Continue the phases from their latest checkpoints. */
        public Builder optResume(boolean v) { resume = v; return this; }
        /** A progress bar (true) or log lines. */
        public Builder optTerminal(boolean v) { terminal = v; return this; }
        /** The learning rate of both phases (default 3e-3 for the embedding, 1e-4 with the decoder). */
        public Builder optLearningRate(Double v) { learningRate = v; return this; }

        public Adaptation build() {
            if (voice == null || data == null || run == null) {
                throw new IllegalStateException("setVoice, setData and setRunFolder are required");
            }
            if (steps < 1 || decoderSteps < 0) {
                throw new InvalidInputException("--steps must be at least 1, not " + steps);
            }
            if (learningRate != null && !(learningRate > 0)) {
                throw new InvalidInputException("the learning rate must be positive, not " + learningRate);
            }
            if (resume && !Files.isDirectory(run.resolve(SPEAKER_PHASE))) {
                throw new InvalidInputException("--resume: " + run + " holds no adaptation (no " + SPEAKER_PHASE
                        + "/ folder); start without --resume");
            }
            return new Adaptation(this);
        }
    }
}
