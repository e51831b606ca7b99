package io.mytts.forward;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.config.ForwardAlignment;
import io.mytts.config.TTSConfig;
import io.mytts.data.Batch;
import io.mytts.data.FeatureCache;
import io.mytts.data.ProsodyStore;
import io.mytts.model.ModelKind;
import io.mytts.model.SpeakerTable;
import io.mytts.text.SymbolTable;
import io.mytts.train.CacheBatchSource;
import io.mytts.train.Trainer;
import io.mytts.train.Training;
import io.mytts.train.ValidationListener;
import io.mytts.train.WarmStart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a {@link ForwardTTS} on a prepared corpus with durations ({@code prosody.json}; with a
 * learned alignment, its pitch and energy per frame instead), wired
 * together on the shared loop: what {@code mytts train --model forward} runs. The run folder,
 * resume, checkpoints, validation and report are the loop's, as for the autoregressive model.
 */
public final class ForwardTraining {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardTraining.class);

    /** Validation utterances that get plots and audio. */
    static final int VALIDATION_SAMPLES = 2;

    private ForwardTraining() {}

    /**
     * Trains until {@code maxSteps} (0: the config's {@code max_steps}) or an interrupt.
     *
     * @param config the run's config; a missing {@code forward} section takes its defaults
     * @param terminal console bar (true) or log lines (false)
     */
    public static Trainer.Result run(Path data, TTSConfig config, Path runFolder, boolean resume, long maxSteps,
            boolean terminal) throws IOException {
        return run(data, config, runFolder, resume, maxSteps, terminal, null);
    }

    /**
     * As {@link #run(Path, TTSConfig, Path, boolean, long, boolean)}, a new run starting from the
     * parameters of a trained forward model {@code initFrom} (null: from scratch), as
     * {@link Training#run(Path, TTSConfig, Path, boolean, long, boolean, Path)} does for the
     * autoregressive model: a corpus with new pitch variety, or new speakers, starts from a model
     * whose durations and decoder already work. The pitch and energy statistics are the new corpus's.
     */
    public static Trainer.Result run(Path data, TTSConfig config, Path runFolder, boolean resume, long maxSteps,
            boolean terminal, Path initFrom) throws IOException {
        WarmStart.checkNewRun(initFrom, resume, runFolder);
        Path cacheDir = Training.cacheDir(data);
        TTSConfig resolved = config.withForward(config.forwardOrDefault());
        long seed = resolved.train().seed();
        boolean learned = resolved.forward().alignment() == ForwardAlignment.LEARNED;
        try (FeatureCache cache = FeatureCache.open(cacheDir); NDManager manager = NDManager.newBaseManager()) {
            ProsodyStore prosody = readProsody(cache, data, learned);
            Predicate<String> usable = usable(cache, prosody, learned);
            Function<Batch, ForwardBatch> toBatch = learned ? b -> ForwardBatch.unaligned(b, prosody)
                    : b -> ForwardBatch.of(b, prosody);
            try (CacheBatchSource<ForwardBatch> batches = new CacheBatchSource<>(cache, resolved.train(), 1, usable,
                    toBatch)) {
                SymbolTable symbols = SymbolTable.read(cacheDir.resolve(FeatureCache.SYMBOLS));
                Engine.getInstance().setRandomSeed((int) seed);
                try (ForwardTTS model = new ForwardTTS(resolved.model(), resolved.forward(), symbols.size(),
                        cache.nMels(), SpeakerTable.of(cache.speakers()), speakerStats(cache, prosody), manager,
                        seed)) {
                    if (initFrom != null) {
                        WarmStart.start(initFrom, ModelKind.FORWARD, model.parameters(), symbols.symbols(),
                                model.speakerTable(), runFolder);
                    }
                    ForwardTrainee trainee = new ForwardTrainee(model, resolved,
                            cache.textSettings().withSymbols(symbols), cache.dataHash());
                    ValidationListener validation = new ValidationListener(VALIDATION_SAMPLES,
                            GriffinLim.builder().optAudioConfig(cache.audioConfig()).build());
                    return Trainer.builder().setModel(trainee).setData(batches).setConfig(resolved)
                            .setRunFolder(runFolder).optResume(resume).optMaxSteps(maxSteps)
                            .optValidation(validation).optTerminal(terminal).build().run();
                }
            }
        }
    }

    /**
     * The statistics the model keeps for pitch shifts in semitones, one per speaker row: the only
     * speaker's, or each speaker's of a multi-speaker cache in its speaker order (each speaker's pitch
     * is normalised with its own statistics).
     */
    static List<ProsodyStore.SpeakerStats> speakerStats(FeatureCache cache, ProsodyStore prosody) {
        if (cache.speakers().isEmpty()) {
            return List.of(prosody.stats(null));
        }
        return cache.speakers().stream().map(prosody::stats).toList();
    }

    /**
     * Which utterances train: with the teacher's alignment, those with durations; with a learned
     * one, those with frame values and at least a frame per token (monotonic alignment search gives
     * every token a frame).
     */
    static Predicate<String> usable(FeatureCache cache, ProsodyStore prosody, boolean learned) {
        return learned ? id -> prosody.frames(id).isPresent() && cache.frames(id) >= cache.tokens(id)
                : id -> prosody.get(id).isPresent();
    }

    /** The cache's prosody, saying how many utterances have none (or too few frames) and why. */
    static ProsodyStore readProsody(FeatureCache cache, Path data, boolean learned) {
        String make = learned ? "'mytts durations extract --method none --data " + data + "' (no checkpoint needed)"
                : "'mytts durations extract --checkpoint CKPT --data " + data + "'";
        if (!ProsodyStore.exists(cache)) {
            throw new InvalidInputException(cache.dir() + " has no durations (" + ProsodyStore.FILE + "); a forward"
                    + " model trains on them: run " + make + " first");
        }
        ProsodyStore prosody = ProsodyStore.read(cache);
        if (learned && prosody.frameIds().isEmpty()) {
            throw new InvalidInputException(prosody.file() + " has no pitch and energy per frame, which a learned"
                    + " alignment averages over the durations it finds: run " + make);
        }
        if (!learned && prosody.size() == 0 && !prosody.frameIds().isEmpty()) {
            throw new InvalidInputException(prosody.file() + " has frame values but no durations (it was made with"
                    + " --method none): train with \"forward\": {\"alignment\": \"learned\"} in the config,"
                    + " or run " + make);
        }
        Predicate<String> usable = usable(cache, prosody, learned);
        long missing = cache.ids().stream().filter(usable.negate()).count();
        if (missing > 0) {
            long mismatched = prosody.rejected().stream().map(ProsodyStore.Rejected::id).distinct()
                    .filter(id -> cache.contains(id) && !usable.test(id)).count();
            long short_ = learned ? cache.ids().stream().filter(id -> prosody.frames(id).isPresent()
                    && cache.frames(id) < cache.tokens(id)).count() : 0;
            LOG.warn("{} of {} utterances have no usable {} and are left out: {} do not match the cache"
                    + " (listed above), {} have fewer frames than tokens, {} are not in {}", missing,
                    cache.ids().size(), learned ? "frame values" : "durations", mismatched, short_,
                    missing - mismatched - short_, ProsodyStore.FILE);
        }
        LOG.info("{} from {} ({} utterances)", learned ? "frame pitch and energy, durations learned"
                : "durations", prosody.source() == null ? "an unknown source" : prosody.source().method(),
                learned ? prosody.frameIds().size() : prosody.size());
        return prosody;
    }
}
