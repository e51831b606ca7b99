package io.mytts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mytts.InvalidInputException;
import io.mytts.audio.GriffinLim;
import io.mytts.config.ConfigFiles;
import io.mytts.config.TTSConfig;
import io.mytts.data.FeatureCache;
import io.mytts.model.ModelKind;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Training a {@link TransformerTTS} on a prepared corpus, wired together: what
 * {@code mytts train} runs.
 */
public final class Training {

    /** Validation utterances that get alignment plots and audio. */
    static final int VALIDATION_SAMPLES = 2;

    /** The run folder's record of a warm start ({@link WarmStart.Report}). */
    public static final String WARM_START_FILE = "warm-start.json";

    private Training() {}

    /** The feature cache of a corpus: the folder itself when it holds a manifest, else its {@code cache/}. */
    public static Path cacheDir(Path data) {
        if (Files.isRegularFile(data.resolve(FeatureCache.MANIFEST))) {
            return data;
        }
        Path inner = data.resolve("cache");
        if (Files.isRegularFile(inner.resolve(FeatureCache.MANIFEST))) {
            return inner;
        }
        throw new InvalidInputException(data + " holds no prepared features (no " + FeatureCache.MANIFEST
                + " in it or in its cache/ folder); run 'mytts prepare --data " + data + "' first");
    }

    /** The config a resumed run continues with: the one the run folder was started with. */
    public static TTSConfig savedConfig(Path runFolder) {
        Path file = runFolder.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--resume: " + runFolder + " has no config.json; is it a run folder?");
        }
        return ConfigFiles.read(file);
    }

    /**
     * Trains until {@code maxSteps} (0: the config's {@code max_steps}) or an interrupt.
     *
     * @param terminal console bar (true) or log lines (false)
     */
    public static Trainer.Result run(Path data, TTSConfig config, Path runFolder, boolean resume,
            long maxSteps, boolean terminal) throws IOException {
        return run(data, config, runFolder, resume, maxSteps, terminal, null);
    }

    /**
     * As {@link #run(Path, TTSConfig, Path, boolean, long, boolean)}, a new run starting from the
     * parameters of {@code initFrom} (a checkpoint or voice of the same architecture; null: from
     * scratch). What was copied is logged and kept in the run folder as {@value #WARM_START_FILE}.
     */
    public static Trainer.Result run(Path data, TTSConfig config, Path runFolder, boolean resume,
            long maxSteps, boolean terminal, Path initFrom) throws IOException {
        WarmStart.checkNewRun(initFrom, resume, runFolder);
        Path cacheDir = cacheDir(data);
        long seed = config.train().seed();
        try (FeatureCache cache = FeatureCache.open(cacheDir);
                NDManager manager = NDManager.newBaseManager();
                CacheBatchSource<TrainBatch> batches = CacheBatchSource.tts(cache, config.train(),
                        config.model().reductionFactor())) {
            SymbolTable symbols = SymbolTable.read(cacheDir.resolve(FeatureCache.SYMBOLS));
            Engine.getInstance().setRandomSeed((int) seed);
            try (TransformerTTS model = new TransformerTTS(config.model(), symbols.size(), cache.nMels(),
                    SpeakerTable.of(cache.speakers()), manager, seed)) {
                if (initFrom != null) {
                    WarmStart.start(initFrom, ModelKind.AUTOREGRESSIVE, model.parameters(), symbols.symbols(),
                            model.speakerTable(), runFolder);
                }
                int freeSteps = Math.max(10, (int) (1.5 * config.train().maxFrames() / config.model().reductionFactor()));
                TtsTrainee trainee = new TtsTrainee(
                        new TtsModelAdapter(model, symbols.symbols(), config, cache.textSettings(), cache.dataHash()),
                        config, freeSteps);
                ValidationListener validation = new ValidationListener(VALIDATION_SAMPLES,
                        GriffinLim.builder().optAudioConfig(cache.audioConfig()).build());
                return Trainer.builder().setModel(trainee).setData(batches).setConfig(config)
                        .setRunFolder(runFolder).optResume(resume).optMaxSteps(maxSteps)
                        .optValidation(validation).optTerminal(terminal).build().run();
            }
        }
    }
}
