package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mytts.InvalidInputException;
import io.mytts.config.StrictJson;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.model.SpeakerTable;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.SpeakerEmbedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new run from a trained model's parameters ({@code mytts train --init-from CKPT|VOICE}):
 * a voice for more speakers, or for another language, learns in a fraction of the steps that
 * training from scratch takes, because the attention, decoder and postnet already work.
 *
 * <p>The architecture must be the same: every parameter is copied by name and must have the same
 * shape, except the two tables whose rows the corpus decides. Token embedding rows are copied by
 * symbol (a symbol the source lacks keeps its fresh initialisation); speaker rows by name (a new
 * speaker starts from the mean of the source's rows, or from zero when the source has one speaker
 * and so no table, which makes every new speaker start as the source's voice).
 */
public final class WarmStart {

    /** The token embedding, whose rows follow the symbol table. */
    static final String TOKEN_EMBEDDING = "encoder.embedding.weight";

    private static final Logger LOG = LoggerFactory.getLogger(WarmStart.class);

    private WarmStart() {}

    /**
     * What every training (autoregressive, forward, vocoder) checks before it writes anything, such as
     * a warm start's {@value Training#WARM_START_FILE}: {@code --init-from} is refused on a resumed run,
     * which continues from its own checkpoint, and a new run in a folder that already holds one
     * ({@link Trainer#checkUnused}).
     */
    public static void checkNewRun(Path initFrom, boolean resume, Path runFolder) {
        if (initFrom != null && resume) {
            throw new InvalidInputException("--init-from starts a new run; a resumed run continues from its own"
                    + " checkpoint (drop --init-from)");
        }
        if (!resume) {
            Trainer.checkUnused(runFolder);
        }
    }

    /**
     * A new run's start from {@code checkpointOrVoice} ({@link #apply(Path, ModelKind, ParameterSet,
     * List, SpeakerTable)}), logged and kept in the run folder ({@link #record}).
     */
    public static Report start(Path checkpointOrVoice, ModelKind kind, ParameterSet target, List<String> symbols,
            SpeakerTable speakers, Path runFolder) throws IOException {
        Report report = apply(checkpointOrVoice, kind, target, symbols, speakers);
        LOG.info(report.summary());
        record(report, runFolder);
        return report;
    }

    /** Keeps what a warm start copied (any model's report) as the run folder's {@value Training#WARM_START_FILE}. */
    public static void record(Object report, Path runFolder) throws IOException {
        Files.createDirectories(runFolder);
        StrictJson.write(report, runFolder.resolve(Training.WARM_START_FILE));
    }

    /**
     * What a warm start copied.
     *
     * @param source the checkpoint the parameters came from
     * @param copied parameters copied whole
     * @param symbolsCopied symbols whose embedding row came from the source
     * @param newSymbols symbols the source lacks (fresh rows)
     * @param speakersCopied speakers whose row came from the source
     * @param newSpeakers speakers the source lacks (mean or zero rows)
     * @param keptNeutral parameters newer than the source, which start at their neutral value
     *     ({@link ParameterSet#optionalConstant}) and learn from there
     */
    public record Report(String source, int copied, int symbolsCopied, List<String> newSymbols,
            List<String> speakersCopied, List<String> newSpeakers, List<String> keptNeutral) {

        /** One line for the log. */
        public String summary() {
            return String.format("warm start from %s: %d parameters copied, %d symbols copied, %d new %s,"
                    + " speakers copied %s, new %s, kept neutral %s", source, copied, symbolsCopied, newSymbols.size(),
                    newSymbols, speakersCopied, newSpeakers, keptNeutral);
        }
    }

    /** A checkpoint file, or a voice folder's {@code model.zip}. */
    public static Path checkpointFile(Path checkpointOrVoice) {
        Path file = Files.isDirectory(checkpointOrVoice) ? checkpointOrVoice.resolve("model.zip") : checkpointOrVoice;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--init-from " + checkpointOrVoice
                    + ": no checkpoint there; give a model.zip or a voice folder that holds one");
        }
        return file;
    }

    /**
     * Trained parameters to start from, with the symbols and speakers their table rows follow.
     *
     * @param name where they come from, for the report and for errors (a checkpoint file, a voice)
     * @param arrays the parameters by name (any floating-point type)
     */
    public record Source(String name, Map<String, NDArray> arrays, List<String> symbols, SpeakerTable speakers) {}

    /**
     * Copies the parameters of a checkpoint (or a voice folder's) into {@code target}, whose rows
     * follow {@code symbols} and {@code speakers}.
     */
    public static Report apply(Path checkpointOrVoice, ParameterSet target, List<String> symbols,
            SpeakerTable speakers) {
        return apply(checkpointOrVoice, ModelKind.AUTOREGRESSIVE, target, symbols, speakers);
    }

    /**
     * As {@link #apply(Path, ParameterSet, List, SpeakerTable)} for a model of {@code kind}: a
     * checkpoint of the other kind is refused before any parameter is compared, since none of its
     * names would match.
     */
    public static Report apply(Path checkpointOrVoice, ModelKind kind, ParameterSet target, List<String> symbols,
            SpeakerTable speakers) {
        Path file = checkpointFile(checkpointOrVoice);
        Checkpoint checkpoint = Checkpoint.read(file);
        if (checkpoint.kind() != kind) {
            throw new InvalidInputException("--init-from " + checkpointOrVoice + " holds a " + checkpoint.kind()
                    + " model, but this run trains a " + kind + " one; start from a checkpoint or voice of the"
                    + " same kind");
        }
        try (NDManager scope = target.getManager().getParentManager().newSubManager()) {
            Source source = new Source(file.toAbsolutePath().normalize().toString(), checkpoint.parameterArrays(scope),
                    checkpoint.symbols(), checkpoint.speakers());
            return copy(source, target, symbols, speakers);
        }
    }

    /** Copies {@code source} into {@code target}, whose rows follow {@code symbols} and {@code speakers}. */
    public static Report copy(Source source, ParameterSet target, List<String> symbols, SpeakerTable speakers) {
        String where = source.name();
        Map<String, NDArray> saved = source.arrays();
        try (NDManager scope = target.getManager().getParentManager().newSubManager()) {
            List<String> unknown = new ArrayList<>(saved.keySet());
            unknown.removeAll(target.arrays().keySet());
            unknown.remove(SpeakerEmbedding.PARAMETER); // a one-speaker corpus drops the table
            if (!unknown.isEmpty()) {
                throw new InvalidInputException(where + " has parameters this model lacks: " + unknown
                        + "; a warm start needs the same model configuration (compare 'mytts config show')");
            }
            Map<String, NDArray> values = new LinkedHashMap<>();
            List<String> keptNeutral = new ArrayList<>();
            for (Map.Entry<String, NDArray> e : target.arrays().entrySet()) {
                String name = e.getKey();
                if (name.equals(TOKEN_EMBEDDING) || name.equals(SpeakerEmbedding.PARAMETER)) {
                    continue;
                }
                NDArray value = saved.get(name);
                if (value == null) {
                    if (target.isOptional(name)) {
                        keptNeutral.add(name);
                        continue;
                    }
                    throw new InvalidInputException(where + " lacks parameter " + name
                            + "; a warm start needs the same model configuration (compare 'mytts config show')");
                }
                if (!value.getShape().equals(e.getValue().getShape())) {
                    throw new InvalidInputException(where + ": parameter " + name + " has shape " + value.getShape()
                            + " but this model's is " + e.getValue().getShape()
                            + "; a warm start needs the same model configuration");
                }
                values.put(name, value);
            }
            int copied = values.size();
            List<String> newSymbols = new ArrayList<>();
            values.put(TOKEN_EMBEDDING, rowsByName(target.get(TOKEN_EMBEDDING), saved.get(TOKEN_EMBEDDING),
                    symbols, source.symbols(), false, newSymbols, scope));
            int symbolsCopied = symbols.size() - newSymbols.size();
            List<String> newSpeakers = new ArrayList<>();
            List<String> speakersCopied = List.of();
            NDArray speakerTable = target.arrays().get(SpeakerEmbedding.PARAMETER);
            if (speakerTable != null) {
                List<String> names = speakers.names();
                values.put(SpeakerEmbedding.PARAMETER, rowsByName(speakerTable, saved.get(SpeakerEmbedding.PARAMETER),
                        names, source.speakers().names(), true, newSpeakers, scope));
                speakersCopied = names.stream().filter(n -> !newSpeakers.contains(n)).toList();
            }
            for (Map.Entry<String, NDArray> e : values.entrySet()) {
                target.get(e.getKey()).set(e.getValue().toType(DataType.FLOAT32, false).toFloatArray());
            }
            return new Report(where, copied, symbolsCopied, List.copyOf(newSymbols), speakersCopied,
                    List.copyOf(newSpeakers), List.copyOf(keptNeutral));
        }
    }

    /**
     * A table whose rows follow {@code names}: a row the source has by name is copied; any other row
     * keeps the target's fresh value, or, with {@code meanForNew}, starts from the mean of the
     * source's rows (zero when the source has no table).
     */
    private static NDArray rowsByName(NDArray fresh, NDArray source, List<String> names, List<String> sourceNames,
            boolean meanForNew, List<String> missing, NDManager scope) {
        int width = (int) fresh.getShape().get(1);
        float[] rows = fresh.toType(DataType.FLOAT32, false).toFloatArray();
        float[] from = source == null ? new float[0] : source.toType(DataType.FLOAT32, false).toFloatArray();
        int sourceRows = from.length / width;
        if (source != null && sourceRows != sourceNames.size()) {
            throw new InvalidInputException("--init-from: a table of " + sourceRows + " rows names "
                    + sourceNames.size() + "; the checkpoint is damaged");
        }
        float[] mean = new float[width];
        for (int r = 0; r < sourceRows; r++) {
            for (int j = 0; j < width; j++) {
                mean[j] += from[r * width + j] / sourceRows;
            }
        }
        for (int i = 0; i < names.size(); i++) {
            int r = sourceNames.indexOf(names.get(i));
            if (r >= 0 && r < sourceRows) {
                System.arraycopy(from, r * width, rows, i * width, width);
            } else {
                missing.add(names.get(i));
                if (meanForNew) {
                    System.arraycopy(mean, 0, rows, i * width, width);
                }
            }
        }
        return scope.create(rows, new Shape(names.size(), width));
    }
}
