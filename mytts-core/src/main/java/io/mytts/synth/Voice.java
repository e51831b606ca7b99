package io.mytts.synth;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import io.mytts.audio.Vocoder;
import io.mytts.config.AudioConfig;
import io.mytts.config.CrossWindow;
import io.mytts.config.Provenance;
import io.mytts.config.StrictJson;
import io.mytts.config.ModelConfig;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.model.SpeakerTable;
import io.mytts.model.TransformerTTS;
import io.mytts.text.Language;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import io.mytts.text.Tokenizer;
import io.mytts.vocoder.NeuralVocoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voice: a folder that holds everything needed to speak.
 *
 * <pre>
 * voices/NAME/
 *   voice.json     format, name, model file, text settings, audio config, vocoder settings and,
 *                  optionally, "decoding": the cross-attention window to generate with instead of
 *                  the model's ({"cross_win_tokens": 3}, see CrossWindow)
 *   model.zip      the model checkpoint (io.mytts.model.Checkpoint), float16 or float32 parameters: an
 *                  autoregressive TransformerTTS or a forward ForwardTTS, as the checkpoint's kind says
 *   MODEL_CARD.md  data, config, training, measurements
 * </pre>
 *
 * <p>One type for both kinds of acoustic model ({@link #kind()}): an autoregressive voice holds a
 * {@link TransformerTTS} ({@link #model()}), a forward voice a {@link ForwardTTS}
 * ({@link #forwardModel()}); the {@link Synthesizer} decodes each with its own
 * {@link AcousticDecoder}, and {@link #config()} and {@link #parameterCount()} describe either.
 *
 * <p>{@link #load} reads the folder and builds the model once; the loaded voice is shared by any
 * number of threads (the model is only read) and freed by {@link #close()}. Write a voice with
 * {@link VoicePackager}.
 */
public final class Voice implements AutoCloseable {

    public static final String FORMAT = "mytts-voice";
    public static final int FORMAT_VERSION = 1;
    public static final String VOICE_JSON = "voice.json";
    /** The file in a voices folder that names its default voice (see {@link #folders}). */
    public static final String DEFAULT_FILE = "DEFAULT";
    public static final String MODEL_CARD = "MODEL_CARD.md";

    private static final Logger LOG = LoggerFactory.getLogger(Voice.class);

    private final Path folder;
    private final String name;
    private final String precision;
    private final TextSettings textSettings;
    private final AudioConfig audio;
    private final VocoderSettings vocoderSettings;
    private final CrossWindow crossWindow;
    private final SymbolTable symbols;
    private final Provenance provenance;
    private final JsonNode metadata;
    private final NDManager manager;
    private final ModelKind kind;
    private final TransformerTTS model; // null in a forward voice
    private final ForwardTTS forwardModel; // null in an autoregressive voice
    private final NeuralVocoder neuralVocoder; // null unless the voice carries one

    private Voice(Path folder, String name, String precision, TextSettings textSettings, AudioConfig audio,
            VocoderSettings vocoderSettings, CrossWindow crossWindow, Checkpoint checkpoint, SymbolTable symbols,
            NeuralVocoder neuralVocoder) {
        this.neuralVocoder = neuralVocoder;
        this.folder = folder;
        this.name = name;
        this.precision = precision;
        this.textSettings = textSettings;
        this.audio = audio;
        this.vocoderSettings = vocoderSettings;
        this.crossWindow = crossWindow;
        this.symbols = symbols;
        this.provenance = checkpoint.provenance();
        this.metadata = checkpoint.metadata();
        this.manager = NDManager.newBaseManager();
        this.kind = checkpoint.kind();
        try {
            this.model = kind == ModelKind.AUTOREGRESSIVE ? checkpoint.createModel(manager) : null;
            this.forwardModel = kind == ModelKind.FORWARD ? ForwardTTS.fromCheckpoint(checkpoint, manager) : null;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Loads the voice in {@code folder}. Every problem (no such folder, no {@code voice.json}, a
     * missing or damaged model, settings that do not fit the model) is an
     * {@link InvalidInputException} that names the file and says what to do.
     */
    public static Voice load(Path folder) {
        VoiceJson keys = readKeys(folder);
        Path json = folder.resolve(VOICE_JSON);
        Path modelFile = folder.resolve(keys.model());
        if (!Files.isRegularFile(modelFile)) {
            throw new InvalidInputException(json + " names the model " + keys.model() + ", but " + modelFile
                    + " does not exist; copy the checkpoint there or fix \"model\"");
        }
        AudioConfig audio = keys.audio();
        Checkpoint checkpoint = Checkpoint.read(modelFile);
        if (checkpoint.nMels() != audio.nMels()) {
            throw new InvalidInputException(json + ": the audio config has " + audio.nMels()
                    + " mel bands but the model makes " + checkpoint.nMels() + "; the audio section must be"
                    + " the one the model was trained with");
        }
        SymbolTable symbols;
        try {
            symbols = SymbolTable.of(checkpoint.symbols());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(modelFile + ": its symbol table is unusable: " + e.getMessage());
        }
        if (!Files.isRegularFile(folder.resolve(MODEL_CARD))) {
            LOG.warn("voice {} has no {}: say where its data came from and how it was measured", folder, MODEL_CARD);
        }
        String name = nameOf(keys, folder);
        NeuralVocoder neural = loadNeuralVocoder(folder, json, keys.vocoder(), audio);
        try {
            return new Voice(folder, name, keys.precision(), keys.text(), audio, keys.vocoder(),
                    keys.decoding(), checkpoint, symbols, neural);
        } catch (RuntimeException e) {
            if (neural != null) {
                neural.close();
            }
            throw e;
        }
    }

    /** A voice folder's voice.json, checked; every problem names the file and says what to do. */
    private static VoiceJson readKeys(Path folder) {
        if (folder == null) {
            throw new InvalidInputException("no voice folder was given");
        }
        if (!Files.exists(folder)) {
            throw new InvalidInputException("voice folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder + " is not a folder; give the voice's folder (it holds "
                    + VOICE_JSON + ")");
        }
        Path json = folder.resolve(VOICE_JSON);
        if (!Files.isRegularFile(json)) {
            throw new InvalidInputException(folder + " is not a voice: it has no " + VOICE_JSON
                    + " (a voice folder holds voice.json, model.zip and MODEL_CARD.md; see docs/synth.md)");
        }
        JsonNode root = StrictJson.readTree(json);
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new InvalidInputException(json + " is not a voice description (its \"format\" must be \""
                    + FORMAT + "\")");
        }
        int version = root.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new InvalidInputException(json + " has voice format " + version + ", but this MyTTS reads "
                    + "formats 1 to " + FORMAT_VERSION + "; update MyTTS to use this voice");
        }
        VoiceJson keys = StrictJson.convert(root, VoiceJson.class, json.toString());
        if (keys.text() == null) {
            throw new InvalidInputException(json + ": missing \"text\" settings, e.g. "
                    + "{\"tokenizer\": \"characters\", \"language\": \"en\"}");
        }
        return keys;
    }

    /** The voice's neural vocoder, refused when it is missing or made for another audio convention. */
    private static NeuralVocoder loadNeuralVocoder(Path folder, Path json, VocoderSettings settings, AudioConfig audio) {
        if (settings.path() == null) {
            return null;
        }
        Path dir = folder.resolve(settings.path());
        if (!NeuralVocoder.isVocoder(dir)) {
            throw new InvalidInputException(json + " names the neural vocoder " + settings.path() + ", but " + dir
                    + " holds no " + NeuralVocoder.DESCRIPTOR + "; repack the voice with 'voice pack --vocoder DIR'");
        }
        NeuralVocoder v = NeuralVocoder.load(dir);
        try {
            v.checkCompatible(audio, "voice " + folder);
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /**
     * What a voice folder's voice.json says, read without loading the model: enough to choose a voice.
     *
     * @param language the only language it reads, or null when it reads any
     */
    public record Listing(Path folder, String name, Language language) {}

    /** The voices under {@code voicesRoot} (folders holding voice.json), in {@link #folders} order. */
    public static List<Listing> list(Path voicesRoot) {
        if (!Files.isDirectory(voicesRoot)) {
            return List.of();
        }
        List<Listing> out = new ArrayList<>();
        for (Path f : folders(voicesRoot)) {
            VoiceJson keys = readKeys(f);
            out.add(new Listing(f, nameOf(keys, f), keys.text().language()));
        }
        return out;
    }

    private static String nameOf(VoiceJson keys, Path folder) {
        return keys.name() != null ? keys.name()
                : folder.getFileName() == null ? "voice" : folder.getFileName().toString();
    }

    /** The first voice under {@code voicesRoot} in {@link #folders} order (the default), if any. */
    public static Optional<Path> find(Path voicesRoot) {
        return folders(voicesRoot).stream().findFirst();
    }

    /**
     * The voice folders under {@code voicesRoot} (those holding voice.json): the one that the
     * one-line file {@value #DEFAULT_FILE} there names first, then the others by folder name. The
     * file keeps the default voice the default when a voice whose name sorts before it is added.
     */
    public static List<Path> folders(Path voicesRoot) {
        if (!Files.isDirectory(voicesRoot)) {
            return List.of();
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(voicesRoot)) {
            folders = new ArrayList<>(s.filter(d -> Files.isRegularFile(d.resolve(VOICE_JSON))).sorted().toList());
        } catch (IOException e) {
            throw new InvalidInputException("cannot list voices in " + voicesRoot + ": " + e.getMessage());
        }
        Path marker = voicesRoot.resolve(DEFAULT_FILE);
        if (Files.isRegularFile(marker)) {
            String name;
            try {
                name = Files.readString(marker).strip();
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + marker + ": " + e.getMessage());
            }
            Path chosen = voicesRoot.resolve(name);
            if (name.isEmpty() || !folders.remove(chosen)) {
                throw new InvalidInputException(marker + " names '" + name + "', which is not a voice folder there;"
                        + " the voices are " + folders.stream().map(f -> f.getFileName().toString()).toList()
                        + ". Put one of their names in it, or delete it");
            }
            folders.add(0, chosen);
        }
        return List.copyOf(folders);
    }

    public Path folder() {
        return folder;
    }

    public String name() {
        return name;
    }

    /** How the parameters are stored on disk: {@code float16} or {@code float32} (they compute in float32). */
    public String precision() {
        return precision;
    }

    public TextSettings textSettings() {
        return textSettings;
    }

    public AudioConfig audio() {
        return audio;
    }

    public VocoderSettings vocoderSettings() {
        return vocoderSettings;
    }

    /** The voice's default vocoder ({@code type} in voice.json): Griffin-Lim or the neural one it carries. */
    public Vocoder vocoder() {
        return vocoder(vocoderSettings.kind());
    }

    /**
     * The vocoder of a kind: Griffin-Lim (always available, with the voice's settings) or the
     * voice's neural vocoder (shared; the voice closes it).
     */
    public Vocoder vocoder(VocoderKind kind) {
        if (kind == VocoderKind.GRIFFIN_LIM) {
            return vocoderSettings.griffinLim(audio);
        }
        if (neuralVocoder == null) {
            throw new InvalidInputException("voice " + name + " carries no neural vocoder; use --vocoder griffin-lim,"
                    + " or pack one into the voice with 'voice pack --vocoder DIR'");
        }
        return neuralVocoder;
    }

    /**
     * The window this voice generates with: its voice.json's "decoding", else the model's; null on
     * a forward voice, which has no attention over the text to window.
     */
    public CrossWindow crossWindow() {
        if (model == null) {
            return null;
        }
        return crossWindow != null ? crossWindow : model.config().crossWindow();
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /** A new tokenizer over the model's symbols, as the text settings say. */
    public Tokenizer tokenizer() {
        return textSettings.tokenizer(symbols);
    }

    public Provenance provenance() {
        return provenance;
    }

    /** The checkpoint's free-form metadata (training step and the like). */
    public JsonNode metadata() {
        return metadata;
    }

    /** The manager that holds the model's parameters (for leak checks in tests). */
    NDManager manager() {
        return manager;
    }

    /**
     * The acoustic model's speakers by name, in row order, of either kind ({@link SpeakerTable#NONE}
     * for a single unnamed speaker).
     */
    public SpeakerTable speakers() {
        return model != null ? model.speakerTable() : forwardModel.speakerTable();
    }

    /**
     * The speaker row of a name or row number (null: the first).
     *
     * @throws InvalidInputException naming the voice and its known speakers when there is no such speaker
     */
    public int speakerIndex(String nameOrIndex) {
        try {
            return speakers().index(nameOrIndex);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("voice " + name + ": " + e.getMessage(), e);
        }
    }

    /** Which acoustic model the voice speaks with. */
    public ModelKind kind() {
        return kind;
    }

    /** The acoustic model's config (layers, widths, max_length), of either kind. */
    public ModelConfig config() {
        return model != null ? model.config() : forwardModel.config();
    }

    /** The acoustic model's parameter count. */
    public long parameterCount() {
        return model != null ? model.parameters().count() : forwardModel.parameters().count();
    }

    /**
     * The loaded autoregressive model; shared, read only.
     *
     * @throws InvalidInputException on a forward voice, which has none ({@link #forwardModel()})
     */
    public TransformerTTS model() {
        if (model == null) {
            throw new InvalidInputException("voice " + name + " is a " + kind + " voice: it has no autoregressive"
                    + " model (this needs an autoregressive voice)");
        }
        return model;
    }

    /**
     * The loaded forward model; shared, read only.
     *
     * @throws InvalidInputException on an autoregressive voice ({@link #model()})
     */
    public ForwardTTS forwardModel() {
        if (forwardModel == null) {
            throw new InvalidInputException("voice " + name + " is an " + kind + " voice: it has no forward model");
        }
        return forwardModel;
    }

    @Override
    public void close() {
        if (neuralVocoder != null) {
            neuralVocoder.close();
        }
        if (model != null) {
            model.close();
        }
        if (forwardModel != null) {
            forwardModel.close();
        }
        manager.close();
    }

    @Override
    public String toString() {
        return "Voice[" + name + ", " + folder + "]";
    }
}
