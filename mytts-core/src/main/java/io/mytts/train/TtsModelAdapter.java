package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.config.Provenance;
import io.mytts.config.TTSConfig;
import io.mytts.model.Checkpoint;
import io.mytts.model.GenerationOptions;
import io.mytts.model.GenerationResult;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link TransformerTTS} as the trainer sees it. Its part of a checkpoint folder is
 * {@code model.zip} in the model's own checkpoint format (config, parameters by name, provenance
 * with the text settings and symbol table), so the file loads for synthesis as it is.
 */
public final class TtsModelAdapter implements TeacherForcedTts {

    /** The model's file in a checkpoint folder. */
    public static final String MODEL_FILE = "model.zip";

    private final TransformerTTS model;
    private final long seed;
    private final TTSConfig config;
    private final TextSettings text;
    private final String datasetHash;

    /**
     * A model outside a run (tests): its checkpoints' provenance records no run config.
     *
     * @param model the model to train; its parameters are switched to recording gradients
     * @param text how its texts are read, with the symbol table (one symbol per vocabulary entry)
     * @param seed the seed of free-running validation
     * @param datasetHash the prepared data's hash, for provenance
     */
    public TtsModelAdapter(TransformerTTS model, TextSettings text, long seed, String datasetHash) {
        this(model, seed, null, text, datasetHash);
    }

    /**
     * The model of a run: its checkpoints describe themselves ({@link Provenance}), so that
     * packing one into a voice needs nothing else.
     *
     * @param model the model to train; its parameters are switched to recording gradients
     * @param symbols the symbol table, in id order (one per vocabulary entry)
     * @param config the run's resolved config; its seed seeds free-running validation
     * @param text how the corpus's transcripts were read
     * @param datasetHash the prepared data's hash
     */
    public TtsModelAdapter(TransformerTTS model, List<String> symbols, TTSConfig config, TextSettings text,
            String datasetHash) {
        this(model, config.train().seed(), config, text.withSymbols(SymbolTable.of(symbols)), datasetHash);
    }

    private TtsModelAdapter(TransformerTTS model, long seed, TTSConfig config, TextSettings text,
            String datasetHash) {
        if (text.symbols() == null || text.symbols().size() != model.vocabSize()) {
            throw new IllegalArgumentException("the symbol table has "
                    + (text.symbols() == null ? "no" : String.valueOf(text.symbols().size()))
                    + " symbols but the model's vocabulary " + model.vocabSize());
        }
        this.model = model;
        this.seed = seed;
        this.config = config;
        this.text = text;
        this.datasetHash = datasetHash;
        model.parameters().setRequiresGradient(true);
    }

    public TransformerTTS model() {
        return model;
    }

    @Override
    public Map<String, NDArray> parameters() {
        return model.parameters().arrays();
    }

    @Override
    public int reductionFactor() {
        return model.config().reductionFactor();
    }

    @Override
    public ForwardOutput forward(NDManager manager, NDArray tokens, int[] tokenLengths, NDArray mels,
            int[] melLengths, boolean training) {
        return forward(manager, tokens, tokenLengths, null, mels, melLengths, training);
    }

    @Override
    public ForwardOutput forward(NDManager manager, NDArray tokens, int[] tokenLengths, int[] speakers, NDArray mels,
            int[] melLengths, boolean training) {
        // The model puts its results in the manager of the token ids, which is the step's.
        io.mytts.model.ForwardOutput out = model.forward(tokens, tokenLengths, speakers, mels, melLengths, training);
        return new ForwardOutput(out.melBefore(), out.melAfter(), out.stopLogits(), out.crossAttention());
    }

    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        Checkpoint.writer(model).setProvenance(Provenance.current(config, text, datasetHash))
                .optMetadata(facts)
                .write(folder.resolve(MODEL_FILE));
    }

    @Override
    public void load(Path folder) {
        Checkpoint.read(folder.resolve(MODEL_FILE)).copyParametersInto(model);
        model.parameters().setRequiresGradient(true);
    }

    @Override
    public FreeRun generate(int[] tokens, int maxSteps) {
        return generate(tokens, 0, maxSteps);
    }

    @Override
    public FreeRun generate(int[] tokens, int speaker, int maxSteps) {
        GenerationResult r = model.greedyGenerateFast(tokens, speaker,
                GenerationOptions.builder().optMaxSteps(maxSteps).optSeed(seed).build());
        return new FreeRun(r.mel(), r.alignment(), r.stopped());
    }

    @Override
    public List<String> symbols() {
        return text.symbols().symbols();
    }
}
