package io.mytts.forward;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.config.TTSConfig;
import io.mytts.data.FeatureCache;
import io.mytts.data.ProsodyStore;
import io.mytts.text.SymbolTable;
import io.mytts.train.CacheBatchSource;
import io.mytts.train.Trainer;
import io.mytts.train.Training;
import io.mytts.train.ValidationListener;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training a {@link ForwardTTS} on a prepared corpus with durations ({@code prosody.json}), wired
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
        Path cacheDir = Training.cacheDir(data);
        TTSConfig resolved = config.withForward(config.forwardOrDefault());
        long seed = resolved.train().seed();
        try (FeatureCache cache = FeatureCache.open(cacheDir); NDManager manager = NDManager.newBaseManager()) {
            ProsodyStore prosody = readProsody(cache, data);
            try (CacheBatchSource<ForwardBatch> batches = new CacheBatchSource<>(cache, resolved.train(), 1,
                    id -> prosody.get(id).isPresent(), b -> ForwardBatch.of(b, prosody))) {
                SymbolTable symbols = SymbolTable.read(cacheDir.resolve(FeatureCache.SYMBOLS));
                Engine.getInstance().setRandomSeed((int) seed);
                try (ForwardTTS model = new ForwardTTS(resolved.model(), resolved.forward(), symbols.size(),
                        cache.nMels(), prosody.stats(null), manager, seed)) {
                    ForwardTrainee trainee = new ForwardTrainee(model, symbols.symbols(), resolved,
                            cache.textSettings(), cache.dataHash());
                    ValidationListener validation = new ValidationListener(VALIDATION_SAMPLES,
                            GriffinLim.builder().optAudioConfig(cache.audioConfig()).build());
                    return Trainer.builder().setModel(trainee).setData(batches).setConfig(resolved)
                            .setRunFolder(runFolder).optResume(resume).optMaxSteps(maxSteps)
                            .optValidation(validation).optTerminal(terminal).build().run();
                }
            }
        }
    }

    /** The cache's durations, saying how many utterances have none and why. */
    static ProsodyStore readProsody(FeatureCache cache, Path data) {
        if (!ProsodyStore.exists(cache)) {
            throw new InvalidInputException(cache.dir() + " has no durations (" + ProsodyStore.FILE + "); a forward"
                    + " model trains on them: run 'mytts durations extract --checkpoint CKPT --data " + data
                    + "' first");
        }
        ProsodyStore prosody = ProsodyStore.read(cache);
        long missing = cache.ids().stream().filter(id -> prosody.get(id).isEmpty()).count();
        if (missing > 0) {
            long mismatched = prosody.rejected().stream().map(ProsodyStore.Rejected::id).distinct()
                    .filter(id -> cache.contains(id) && prosody.get(id).isEmpty()).count();
            LOG.warn("{} of {} utterances have no usable durations and are left out: {} do not match the cache"
                    + " (listed above), {} are not in {}", missing, cache.ids().size(), mismatched,
                    missing - mismatched, ProsodyStore.FILE);
        }
        LOG.info("durations from {} ({} utterances)", prosody.source() == null ? "an unknown source"
                : prosody.source().method(), prosody.size());
        return prosody;
    }
}
