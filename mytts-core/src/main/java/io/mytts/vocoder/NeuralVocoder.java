package io.mytts.vocoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mytts.InvalidInputException;
import io.mytts.audio.Vocoder;
import io.mytts.config.AudioConfig;
import io.mytts.nn.NamedArrays;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained Vocos-style vocoder behind the {@link Vocoder} interface: a folder with
 * {@code vocoder.json} (format, architecture, audio convention, training facts) and
 * {@code generator.safetensors} (the weights by name, float16 or float32).
 *
 * <p>Thread-safe: each call runs in its own NDManager with gradient recording off on the calling
 * thread, and only reads the shared weights.
 */
public final class NeuralVocoder implements Vocoder, AutoCloseable {

    public static final String DESCRIPTOR = "vocoder.json";
    static final String WEIGHTS = "generator.safetensors";
    static final String FORMAT = "mytts-vocoder";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final NDManager manager;
    private final VocosGenerator generator;
    private final Map<String, Object> training;

    private NeuralVocoder(NDManager manager, VocosGenerator generator, Map<String, Object> training) {
        this.manager = manager;
        this.generator = generator;
        this.training = training;
    }

    /** Wraps a generator being trained (for validation audio); closing the vocoder leaves it open. */
    static NeuralVocoder wrap(VocosGenerator generator) {
        return new NeuralVocoder(null, generator, Map.of());
    }

    /** A vocoder with freshly initialised weights (noise out): for tests and as a training start. */
    public static NeuralVocoder untrained(VocoderConfig config, long seed) {
        NDManager manager = NDManager.newBaseManager();
        return new NeuralVocoder(manager, new VocosGenerator(config, manager, seed), Map.of());
    }

    /** Writes this vocoder as a folder that {@link #load} reads, in float16 or float32. */
    public void save(Path dir, boolean half) throws IOException {
        save(dir, generator, training, half);
    }

    /** Whether {@code dir} holds a vocoder (its descriptor). */
    public static boolean isVocoder(Path dir) {
        return Files.isRegularFile(dir.resolve(DESCRIPTOR));
    }

    /** Loads a vocoder folder written by {@link #save}. */
    public static NeuralVocoder load(Path dir) {
        Path descriptor = dir.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(descriptor)) {
            throw new InvalidInputException(dir + " is not a vocoder folder (no " + DESCRIPTOR
                    + "); make one with 'mytts vocoder pack' or train one with 'mytts vocoder train'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(descriptor.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(descriptor + " is not valid JSON: " + e.getMessage());
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt(-1) != VERSION) {
            throw new InvalidInputException(descriptor + " is not a version " + VERSION + " " + FORMAT
                    + " descriptor (format " + root.path("format") + ", version " + root.path("version") + ")");
        }
        VocoderConfig config = VocoderConfig.fromJson(root.get("config"), descriptor.toString());
        NDManager manager = NDManager.newBaseManager();
        try {
            VocosGenerator generator = new VocosGenerator(config, manager, 0);
            copyWeights(Files.readAllBytes(dir.resolve(WEIGHTS)), generator, manager, dir.resolve(WEIGHTS));
            Map<String, Object> training = root.has("training")
                    ? JSON.convertValue(root.get("training"), Map.class) : Map.of();
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = training;
            return new NeuralVocoder(manager, generator, facts);
        } catch (IOException e) {
            manager.close();
            throw new InvalidInputException("cannot read the weights of " + dir + ": " + e.getMessage());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    static void copyWeights(byte[] bytes, VocosGenerator generator, NDManager manager, Path source) {
        try (NDManager tmp = manager.newSubManager()) {
            generator.parameters().copyFrom(NamedArrays.decode(tmp, bytes), source.toString());
        }
    }

    /** The weights by name as safetensors bytes, optionally cast to float16. */
    static byte[] encodeWeights(Map<String, NDArray> arrays, boolean half) {
        if (!half) {
            return NamedArrays.encode(arrays);
        }
        try (NDManager tmp = NDManager.newBaseManager()) {
            Map<String, NDArray> halves = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
                NDArray a = e.getValue().toType(DataType.FLOAT16, true);
                a.attach(tmp);
                halves.put(e.getKey(), a);
            }
            return NamedArrays.encode(halves);
        }
    }

    /**
     * Writes a vocoder folder atomically enough for its user: the weights first, the descriptor
     * last, so a folder with a descriptor is complete.
     */
    static void save(Path dir, VocosGenerator generator, Map<String, Object> trainingFacts, boolean half)
            throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(WEIGHTS), encodeWeights(generator.arrays(), half));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("architecture", "vocos");
        root.put("precision", half ? "float16" : "float32");
        root.put("parameters", generator.parameters().count());
        root.put("config", generator.config().toJsonMap());
        root.put("training", trainingFacts);
        writeAtomically(dir.resolve(DESCRIPTOR), JSON.writeValueAsBytes(root));
    }

    /**
     * Copies a vocoder (a folder or a training checkpoint) to {@code to} with its weights in float16
     * or float32, after checking that it takes mels of {@code audio}.
     */
    public static void pack(Path from, Path to, AudioConfig audio, boolean half) throws IOException {
        try (NeuralVocoder v = load(from)) {
            v.checkCompatible(audio, "the voice");
            save(to, v.generator, v.training, half);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public VocoderConfig config() {
        return generator.config();
    }

    public AudioConfig audioConfig() {
        return generator.config().audio();
    }

    /** Scalar weights of the generator. */
    public long parameterCount() {
        return generator.parameters().count();
    }

    /** What training recorded (step, hours, data), as written in vocoder.json. */
    public Map<String, Object> trainingFacts() {
        return training;
    }

    @Override
    public int sampleRate() {
        return audioConfig().sampleRate();
    }

    /**
     * Refuses an audio convention other than the one the vocoder was trained for, naming both.
     *
     * @param audio the convention of the mels that will be given
     * @param what whose convention it is (a voice, a file), for the message
     */
    public void checkCompatible(AudioConfig audio, String what) {
        AudioConfig own = audioConfig();
        if (!own.equals(audio)) {
            throw new InvalidInputException(what + " uses mels of " + describe(audio)
                    + " but the vocoder was trained on " + describe(own) + "; use a vocoder trained on"
                    + " that convention, or Griffin-Lim (--vocoder griffin-lim)");
        }
    }

    static String describe(AudioConfig a) {
        return a.nMels() + " bands at " + a.sampleRate() + " Hz, hop " + a.hopLength() + ", n_fft " + a.nFft()
                + ", " + a.fMin() + "-" + a.fMax() + " Hz";
    }

    @Override
    public float[] synthesize(float[][] logMel) {
        int mels = audioConfig().nMels();
        if (logMel.length == 0) {
            return new float[0];
        }
        if (logMel[0].length != mels) {
            throw new InvalidInputException("the mel has " + logMel[0].length + " bands but the vocoder was trained on "
                    + mels + " (" + describe(audioConfig()) + ")");
        }
        float[] flat = new float[logMel.length * mels];
        for (int t = 0; t < logMel.length; t++) {
            if (logMel[t].length != mels) {
                throw new InvalidInputException("mel frame " + t + " has " + logMel[t].length + " bands, not " + mels);
            }
            System.arraycopy(logMel[t], 0, flat, t * mels, mels);
        }
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager request = NDManager.newBaseManager()) {
            NDArray mel = request.create(flat, new Shape(1, logMel.length, mels));
            return generator.forward(mel).toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    @Override
    public void close() {
        if (manager != null) {
            generator.close();
            manager.close();
        }
    }
}
