package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mytts.config.ForwardConfig;
import io.mytts.config.ModelConfig;
import io.mytts.config.Provenance;
import io.mytts.config.StrictJson;
import io.mytts.data.ProsodyStore;
import io.mytts.nn.NamedArrays;
import io.mytts.nn.ParameterSet;
import io.mytts.nn.SpeakerEmbedding;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saved model: one zip file holding
 *
 * <ul>
 *   <li>{@code model.json}: {@code format} ("mytts-checkpoint"), {@code format_version}, the
 *       model {@code config} (snake_case, as config files), {@code vocab_size}, {@code n_mels},
 *       the {@code provenance} ({@link Provenance}: run config, text settings with the symbol
 *       table, dataset hash, seed, versions), and free-form
 *       {@code metadata} (training step and the like), read as strictly as every JSON file
 *       ({@link StrictJson}); a forward model's checkpoint adds its {@code kind} ({@link ModelKind},
 *       absent from, and so {@code autoregressive} in, every other), its {@code forward} config
 *       section and the statistics its pitch and energy are normalised with: a single-speaker
 *       model's as {@code speaker_stats}, a multi-speaker model's per speaker name as
 *       {@code speaker_stats_by_speaker} (files written before that have one {@code speaker_stats}
 *       for all speakers, and still load with it for each);</li>
 *   <li>{@code parameters.safetensors}: every parameter keyed by its name (readable with the
 *       safetensors tools or NumPy);</li>
 *   <li>optionally more named array groups, {@code NAME.safetensors} (optimizer state, ...).</li>
 * </ul>
 *
 * <p>Parameters load by name, not position: a checkpoint written before an optional parameter
 * existed loads with that parameter at its neutral value, which reproduces the old behaviour;
 * config keys absent from an older file take their old defaults. Files are written to a
 * temporary file and renamed into place, so a crash never leaves half a checkpoint.
 */
public final class Checkpoint {

    public static final String FORMAT = "mytts-checkpoint";
    /**
     * Version 2: the symbol table is in the provenance's text settings. Version 1 kept it beside the
     * provenance as {@code symbols} (opaque strings), and is still read. Raise it when the layout
     * changes; keep reading the old ones.
     */
    public static final int FORMAT_VERSION = 2;
    static final String MODEL_JSON = "model.json";
    static final String PARAMETERS = "parameters";
    private static final String ARRAYS_SUFFIX = ".safetensors";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private final Path source;
    private final int formatVersion;
    private final ModelConfig config;
    private final int vocabSize;
    private final int nMels;
    private final List<String> symbols;
    private final Provenance provenance;
    private final JsonNode metadata;
    private final Map<String, byte[]> arrayGroups;
    private final ModelKind kind;
    private final ForwardConfig forward;
    private final List<ProsodyStore.SpeakerStats> speakerStats;
    private final SpeakerTable speakers;

    private Checkpoint(Path source, ModelJson json, Map<String, byte[]> arrayGroups) {
        this.source = source;
        this.formatVersion = json.formatVersion();
        this.config = json.config();
        this.vocabSize = json.vocabSize();
        this.nMels = json.nMels();
        this.provenance = json.provenance() == null ? Provenance.NONE : json.provenance();
        this.symbols = json.symbolsIn(provenance);
        this.metadata = json.metadata() == null ? StrictJson.toTree(Map.of()) : json.metadata();
        this.arrayGroups = arrayGroups;
        this.kind = json.kind() == null ? ModelKind.AUTOREGRESSIVE : json.kind();
        this.forward = json.forward();
        this.speakers = SpeakerTable.of(json.speakers());
        this.speakerStats = json.speakerStatsByRow(speakers, source);
    }

    /**
     * The keys of {@code model.json}.
     *
     * @param symbols format 1's symbol table, beside the provenance; empty in later formats, which
     *     keep it in the provenance's text settings
     * @param metadata free-form: whatever the writer kept there
     * @param kind null (autoregressive) or {@code forward}
     * @param forward a forward model's own config section, else null
     * @param speakerStats the statistics a single-speaker forward model's pitch and energy are
     *     normalised with (and, in files written before {@code speakerStatsBySpeaker}, a multi-speaker
     *     one's for every speaker), else null
     * @param speakers the {@link SpeakerTable}'s names in embedding-row order; absent (one unnamed
     *     speaker) in every checkpoint written before speakers existed
     * @param speakerStatsBySpeaker a multi-speaker forward model's statistics by speaker name, in
     *     row order, else empty
     */
    record ModelJson(String format, int formatVersion, ModelConfig config, int vocabSize, int nMels,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> symbols, Provenance provenance, JsonNode metadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) ModelKind kind,
            @JsonInclude(JsonInclude.Include.NON_NULL) ForwardConfig forward,
            @JsonInclude(JsonInclude.Include.NON_NULL) ProsodyStore.SpeakerStats speakerStats,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> speakers,
            @JsonInclude(JsonInclude.Include.NON_EMPTY)
            Map<String, ProsodyStore.SpeakerStats> speakerStatsBySpeaker) {
        ModelJson {
            symbols = symbols == null ? List.of() : List.copyOf(symbols);
            speakers = speakers == null ? List.of() : List.copyOf(speakers);
            speakerStatsBySpeaker = speakerStatsBySpeaker == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(speakerStatsBySpeaker));
        }

        /**
         * The statistics of each speaker row of {@code table}: by name where the file has them per
         * speaker, else its one {@code speaker_stats} for every row (said once for a multi-speaker
         * model); empty when it has none (an autoregressive checkpoint).
         */
        List<ProsodyStore.SpeakerStats> speakerStatsByRow(SpeakerTable table, Path source) {
            if (speakerStatsBySpeaker.isEmpty()) {
                if (speakerStats == null) {
                    return List.of();
                }
                if (table.isMultiSpeaker()) {
                    LOG.warn("{} keeps one set of pitch and energy statistics for its {} speakers (written before"
                            + " they were kept per speaker); a pitch shift uses it for every speaker", source,
                            table.size());
                }
                return Collections.nCopies(table.size(), speakerStats);
            }
            if (speakerStats != null || !speakerStatsBySpeaker.keySet().equals(new HashSet<>(table.names()))) {
                throw new InvalidInputException("its speaker_stats_by_speaker names " + speakerStatsBySpeaker.keySet()
                        + (speakerStats != null ? " beside a speaker_stats" : "") + ", but its speakers are "
                        + table.names() + "; the checkpoint is damaged");
            }
            return table.names().stream().map(speakerStatsBySpeaker::get).toList();
        }

        /** The symbols: the provenance's, else (format 1) the ones beside it; both must agree. */
        List<String> symbolsIn(Provenance provenance) {
            if (provenance.text() == null || provenance.text().symbols() == null) {
                return symbols;
            }
            List<String> recorded = provenance.text().symbols().symbols();
            if (!symbols.isEmpty() && !symbols.equals(recorded)) {
                throw new InvalidInputException("the symbols beside the provenance " + symbols
                        + " differ from the provenance's " + recorded + "; the checkpoint is damaged");
            }
            return recorded;
        }
    }

    /** Starts writing a checkpoint of {@code model}. */
    public static Writer writer(TransformerTTS model) {
        return new Writer(model.config(), model.vocabSize(), model.nMels(), model.parameters())
                .optSpeakers(model.speakerTable());
    }

    /**
     * Starts writing a checkpoint of a model other than {@link TransformerTTS} (a forward model):
     * its model section, sizes and parameters; say what it is with {@link Writer#optForward}.
     */
    public static Writer writer(ModelConfig config, int vocabSize, int nMels, ParameterSet parameters) {
        return new Writer(config, vocabSize, nMels, parameters);
    }

    /** Reads a checkpoint file; throws {@link InvalidInputException} when it is not one or is too new. */
    public static Checkpoint read(Path file) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        byte[] json = entries.remove(MODEL_JSON);
        if (json == null) {
            throw new InvalidInputException(file + " is not a MyTTS checkpoint (no " + MODEL_JSON
                    + " inside); give the .zip file written by training");
        }
        String source = file + " (" + MODEL_JSON + ")";
        JsonNode tree = StrictJson.parseTree(json, source);
        if (!FORMAT.equals(tree.path("format").asText())) {
            throw new InvalidInputException(file + " is not a MyTTS checkpoint (format '"
                    + tree.path("format").asText() + "')");
        }
        int version = tree.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new InvalidInputException(file + " has checkpoint format " + version + ", but this MyTTS reads "
                    + "formats 1 to " + FORMAT_VERSION + "; update MyTTS to load it");
        }
        Map<String, byte[]> groups = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(ARRAYS_SUFFIX)) {
                groups.put(name.substring(0, name.length() - ARRAYS_SUFFIX.length()), bytes);
            }
        });
        if (!groups.containsKey(PARAMETERS)) {
            throw new InvalidInputException(file + " holds no parameters (" + PARAMETERS + ARRAYS_SUFFIX + ")");
        }
        ModelJson keys = StrictJson.convert(tree, ModelJson.class, source);
        if (keys.config() == null) {
            throw new InvalidInputException(source + " has no model \"config\"; the checkpoint is damaged");
        }
        try {
            return new Checkpoint(file, keys, groups);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + e.getMessage(), e);
        }
    }

    public int formatVersion() {
        return formatVersion;
    }

    public ModelConfig config() {
        return config;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int nMels() {
        return nMels;
    }

    /**
     * The symbol table's symbols, in id order: the provenance's text settings' (format 2 on), else
     * those a format 1 checkpoint kept beside the provenance (opaque strings there).
     */
    public List<String> symbols() {
        return symbols;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** Free-form metadata saved by the writer (an empty object node if none). */
    public JsonNode metadata() {
        return metadata;
    }

    /** Which model the checkpoint holds. */
    public ModelKind kind() {
        return kind;
    }

    /** A forward model's own config section (null in an autoregressive checkpoint). */
    public ForwardConfig forwardConfig() {
        return forward;
    }

    /**
     * The statistics a forward model's pitch and energy were normalised with, one per speaker row in
     * {@link #speakers()} order (an older multi-speaker checkpoint's one for every row); empty in an
     * autoregressive checkpoint.
     */
    public List<ProsodyStore.SpeakerStats> speakerStats() {
        return speakerStats;
    }

    /** The speakers of the model, in embedding-row order ({@link SpeakerTable#NONE} when none were recorded). */
    public SpeakerTable speakers() {
        return speakers;
    }

    /** Builds the model with these parameters; its arrays live in a sub-manager of {@code manager}. */
    public TransformerTTS createModel(NDManager manager) {
        if (kind != ModelKind.AUTOREGRESSIVE) {
            throw new InvalidInputException("checkpoint " + source + " holds a " + kind
                    + " model, not an autoregressive one; load it with its own model class");
        }
        TransformerTTS model = new TransformerTTS(config, vocabSize, nMels, speakers, manager, 0);
        try {
            copyParametersInto(model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * Copies the saved parameters into {@code model} by name. A parameter the model marks optional
     * and the file lacks keeps its neutral value; any other mismatch is an error that names it.
     */
    public void copyParametersInto(TransformerTTS model) {
        copyParametersInto(model.parameters());
    }

    /** As {@link #copyParametersInto(TransformerTTS)}, into any model's parameters. */
    public void copyParametersInto(ParameterSet parameters) {
        try (NDManager scope = parameters.getManager().getParentManager().newSubManager()) {
            parameters.copyFrom(arrays(PARAMETERS, scope), "checkpoint " + source);
        }
    }

    /** The saved model parameters by name, created in {@code manager} (as stored: float16 in a voice). */
    public Map<String, NDArray> parameterArrays(NDManager manager) {
        return arrays(PARAMETERS, manager);
    }

    /** Names of the saved array groups ({@code parameters} and any extra). */
    public List<String> arrayGroups() {
        return List.copyOf(arrayGroups.keySet());
    }

    /** A saved array group by array name, created in {@code manager}. */
    public Map<String, NDArray> arrays(String group, NDManager manager) {
        byte[] bytes = arrayGroups.get(group);
        if (bytes == null) {
            throw new IllegalArgumentException("checkpoint " + source + " holds no array group " + group);
        }
        return NamedArrays.decode(manager, bytes);
    }

    /** Collects what goes into a checkpoint; {@link #write} writes it atomically. */
    public static final class Writer {
        private final ModelConfig config;
        private final int vocabSize;
        private final int nMels;
        private final ParameterSet parameters;
        private ModelKind kind;
        private ForwardConfig forward;
        private List<ProsodyStore.SpeakerStats> speakerStats = List.of();
        private SpeakerTable speakers = SpeakerTable.NONE;
        private Provenance provenance;
        private Map<String, Object> metadata = Map.of();
        private final Map<String, Map<String, NDArray>> extra = new LinkedHashMap<>();

        private Writer(ModelConfig config, int vocabSize, int nMels, ParameterSet parameters) {
            this.config = config;
            this.vocabSize = vocabSize;
            this.nMels = nMels;
            this.parameters = parameters;
        }

        /**
         * Marks the checkpoint as a forward model's, with its own config section and the statistics
         * of each speaker row ({@link #optSpeakers} order; one for a single-speaker model).
         */
        public Writer optForward(ForwardConfig forward, List<ProsodyStore.SpeakerStats> speakerStats) {
            this.kind = ModelKind.FORWARD;
            this.forward = java.util.Objects.requireNonNull(forward, "forward");
            this.speakerStats = List.copyOf(speakerStats);
            return this;
        }

        /**
         * The model's speakers in embedding-row order; a model with an embedding needs one name per row,
         * a single-speaker model may name its one speaker.
         */
        public Writer optSpeakers(SpeakerTable speakers) {
            this.speakers = java.util.Objects.requireNonNull(speakers, "speakers");
            return this;
        }

        /**
         * Where the model came from ({@link Provenance#current}); its text settings must hold the
         * model's symbol table, one symbol per vocabulary entry.
         */
        public Writer setProvenance(Provenance provenance) {
            this.provenance = provenance;
            return this;
        }

        /** JSON-serialisable values (numbers, strings, lists, maps) kept under {@code metadata}. */
        public Writer optMetadata(Map<String, Object> metadata) {
            this.metadata = new LinkedHashMap<>(metadata);
            return this;
        }

        /** An extra group of named arrays, such as optimizer state. */
        public Writer optArrays(String group, Map<String, NDArray> arrays) {
            if (PARAMETERS.equals(group) || !group.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("bad array group name " + group);
            }
            extra.put(group, new LinkedHashMap<>(arrays));
            return this;
        }

        public void write(Path file) throws IOException {
            if (provenance == null || provenance.text() == null || provenance.text().symbols() == null) {
                throw new IllegalStateException("a checkpoint needs its provenance with the text settings and"
                        + " symbol table: setProvenance(Provenance.current(config, text.withSymbols(table), hash))");
            }
            int symbols = provenance.text().symbols().size();
            if (symbols != vocabSize) {
                throw new IllegalStateException("symbol table has " + symbols
                        + " symbols but the model's vocabulary has " + vocabSize);
            }
            NDArray embedding = parameters.arrays().get(SpeakerEmbedding.PARAMETER);
            int rows = embedding == null ? 1 : (int) embedding.getShape().get(0);
            if (rows > 1 ? speakers.names().size() != rows : speakers.names().size() > 1) {
                throw new IllegalStateException("the speaker table names " + speakers.names().size()
                        + " speakers but the model has " + rows + " speaker embedding row(s)");
            }
            Map<String, ProsodyStore.SpeakerStats> statsBySpeaker = speakerStatsBySpeaker(rows);
            ModelJson json = new ModelJson(FORMAT, FORMAT_VERSION, config, vocabSize, nMels, List.of(), provenance,
                    StrictJson.toTree(metadata), kind, forward, kind == ModelKind.FORWARD && rows == 1
                            ? speakerStats.get(0) : null, speakers.names(), statsBySpeaker);

            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Beside the target (same file system, so the rename is atomic), with the usual permissions.
            Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE); ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry(MODEL_JSON));
                    zip.write(StrictJson.write(json).getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                    writeArrays(zip, PARAMETERS, parameters.arrays());
                    for (Map.Entry<String, Map<String, NDArray>> e : extra.entrySet()) {
                        writeArrays(zip, e.getKey(), e.getValue());
                    }
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        /** A multi-speaker forward model's statistics by speaker name (empty otherwise, kept as {@code speaker_stats}). */
        private Map<String, ProsodyStore.SpeakerStats> speakerStatsBySpeaker(int rows) {
            if (kind != ModelKind.FORWARD) {
                return Map.of();
            }
            if (speakerStats.size() != rows) {
                throw new IllegalStateException("a forward model of " + rows + " speaker row(s) needs statistics for"
                        + " each, got " + speakerStats.size());
            }
            Map<String, ProsodyStore.SpeakerStats> byName = new LinkedHashMap<>();
            if (rows > 1) {
                for (int i = 0; i < rows; i++) {
                    byName.put(speakers.name(i), speakerStats.get(i));
                }
            }
            return byName;
        }

        private static void writeArrays(ZipOutputStream zip, String group, Map<String, NDArray> arrays)
                throws IOException {
            zip.putNextEntry(new ZipEntry(group + ARRAYS_SUFFIX));
            zip.write(NamedArrays.encode(arrays));
            zip.closeEntry();
        }
    }

}
