package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mytts.model.Checkpoint;
import io.mytts.model.GenerationOptions;
import io.mytts.model.GenerationResult;
import io.mytts.model.TransformerTTS;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@link TransformerTTS} as the trainer sees it. Its part of a checkpoint folder is
 * {@code model.zip} in the model's own checkpoint format (symbols, config, parameters by name,
 * provenance), so the file loads for synthesis as it is.
 */
public final class TtsModelAdapter implements TeacherForcedTts {

    static final String MODEL_FILE = "model.zip";

    private final TransformerTTS model;
    private final List<String> symbols;
    private final Long seed;
    private final String datasetHash;

    /**
     * @param model the model to train; its parameters are switched to recording gradients
     * @param symbols the symbol table, in id order (one per vocabulary entry)
     * @param seed the run's seed, for provenance
     * @param datasetHash the prepared data's hash, for provenance
     */
    public TtsModelAdapter(TransformerTTS model, List<String> symbols, long seed, String datasetHash) {
        if (symbols.size() != model.vocabSize()) {
            throw new IllegalArgumentException("the symbol table has " + symbols.size()
                    + " symbols but the model's vocabulary " + model.vocabSize());
        }
        this.model = model;
        this.symbols = List.copyOf(symbols);
        this.seed = seed;
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
        // The model puts its results in the manager of the token ids, which is the step's.
        io.mytts.model.ForwardOutput out = model.forward(tokens, tokenLengths, mels, melLengths, training);
        return new ForwardOutput(out.melBefore(), out.melAfter(), out.stopLogits(), out.crossAttention());
    }

    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        Checkpoint.writer(model).setSymbols(symbols)
                .optProvenance(io.mytts.model.Provenance.current(seed, datasetHash))
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
        GenerationResult r = model.greedyGenerateFast(tokens,
                GenerationOptions.builder().optMaxSteps(maxSteps).optSeed(seed).build());
        return new FreeRun(r.mel(), r.alignment(), r.stopped());
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }
}
