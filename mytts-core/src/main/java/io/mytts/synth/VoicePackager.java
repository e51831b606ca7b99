package io.mytts.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.config.CrossWindow;
import io.mytts.model.Checkpoint;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a voice folder (see {@link Voice}) from a trained checkpoint or a model in memory: the
 * model (as float16 by default, half the size; computation stays float32), {@code voice.json}
 * and a model card (the one given, or a skeleton to fill in). Files are written under temporary
 * names and renamed into place.
 *
 * <pre>{@code
 * VoicePackager.builder().setName("slt").setTextSettings(TextSettings.englishCharacters())
 *         .optModelCard(card).build().fromCheckpoint(Path.of("run/checkpoints/model.zip"), Path.of("voices/slt"));
 * }</pre>
 */
public final class VoicePackager {

    static final String MODEL_FILE = "model.zip";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final TextSettings text;
    private final AudioConfig audio;
    private final VocoderSettings vocoder;
    private final CrossWindow crossWindow;
    private final boolean halfPrecision;
    private final String modelCard;

    private VoicePackager(Builder b) {
        this.name = b.name;
        this.text = b.text;
        this.audio = b.audio;
        this.vocoder = b.vocoder;
        this.crossWindow = b.crossWindow;
        this.halfPrecision = b.halfPrecision;
        this.modelCard = b.modelCard;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A voice folder from a checkpoint zip written by training ({@link Checkpoint}). */
    public Path fromCheckpoint(Path checkpointFile, Path folder) {
        Checkpoint checkpoint = Checkpoint.read(checkpointFile); // validates before anything is written
        if (checkpoint.nMels() != audio.nMels()) {
            throw new InvalidInputException(checkpointFile + ": the model makes " + checkpoint.nMels()
                    + " mel bands but the audio config has " + audio.nMels() + "; give the training run's audio config");
        }
        try {
            Files.createDirectories(folder);
            Path modelTmp = folder.resolve("." + MODEL_FILE + ".tmp");
            if (halfPrecision) {
                HalfPrecision.convert(checkpointFile, modelTmp);
            } else {
                Files.copy(checkpointFile, modelTmp, StandardCopyOption.REPLACE_EXISTING);
            }
            move(modelTmp, folder.resolve(MODEL_FILE));
            writeDescription(folder, checkpoint);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write voice " + folder, e);
        }
    }

    /** A voice folder from a model in memory and the symbol table its ids come from. */
    public Path fromModel(TransformerTTS model, SymbolTable symbols, Path folder) {
        try {
            Files.createDirectories(folder);
            Path raw = Files.createTempFile(folder, ".checkpoint", ".zip");
            try {
                Checkpoint.writer(model).setSymbols(symbols.symbols()).write(raw);
                return fromCheckpoint(raw, folder);
            } finally {
                Files.deleteIfExists(raw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write voice " + folder, e);
        }
    }

    private void writeDescription(Path folder, Checkpoint checkpoint) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", Voice.FORMAT);
        json.put("format_version", Voice.FORMAT_VERSION);
        json.put("name", name);
        json.put("model", MODEL_FILE);
        json.put("precision", halfPrecision ? "float16" : "float32");
        json.put("text", text.toJsonMap());
        json.put("audio", audio.toJsonMap());
        json.put("vocoder", vocoder.toJsonMap());
        if (crossWindow != null) {
            json.put("decoding", crossWindow.toJsonMap());
        }
        writeAtomically(folder.resolve(Voice.VOICE_JSON), JSON.writeValueAsString(json) + "\n");
        Path card = folder.resolve(Voice.MODEL_CARD);
        if (modelCard != null) {
            writeAtomically(card, modelCard);
        } else if (!Files.exists(card)) {
            writeAtomically(card, skeletonCard(checkpoint, Files.size(folder.resolve(MODEL_FILE))));
        }
    }

    private String skeletonCard(Checkpoint checkpoint, long bytes) throws IOException {
        var c = checkpoint.config();
        var p = checkpoint.provenance();
        return String.format(Locale.ROOT, """
                # Voice: %s

                ## Model
                - TransformerTTS: %d layers, d_model %d, %d heads, dff %d, %s, %s, reduction factor %d
                - Vocabulary: %d symbols (%s, %s); %d mel bands at %d Hz
                - Stored as %s: %.1f MB
                - Provenance: git commit %s, seed %s, dataset hash %s, DJL %s, PyTorch %s, written %s

                ## Data
                (Which corpus, which speaker, how many hours, which ids were held out.)

                ## Training
                %s(Machine, the command that trained it.)

                ## Measurements
                (`./mytts eval --voice voices/%s --texts FILE`: WER against the teacher voice's own audio,
                alignment failures, real-time factor and time to first audio, with the machine.)
                """, name, c.numLayers(), c.dModel(), c.numHeads(), c.dff(), c.activation().jsonName(),
                c.posEncodingType().jsonName(), c.reductionFactor(), checkpoint.vocabSize(), text.tokenizer().jsonName(),
                text.language() == null ? "language detected per sentence" : text.language().code(),
                checkpoint.nMels(), audio.sampleRate(), halfPrecision ? "float16" : "float32", bytes / 1e6,
                p.gitCommit(), p.seed(), p.datasetHash(), p.djlVersion(), p.pytorchVersion(), p.created(),
                trainingFacts(checkpoint.metadata(), audio), name);
    }

    /** The line the trainer's checkpoint facts (step, frames, seconds) give, or nothing without them. */
    static String trainingFacts(JsonNode facts, AudioConfig audio) {
        if (!facts.has("step")) {
            return "";
        }
        double audioHours = facts.path("frames").asDouble() * audio.hopLength() / audio.sampleRate() / 3600;
        return String.format(Locale.ROOT, "- %,d steps, %,d mel frames seen (%.1f h of audio), %.1f h of training%n",
                facts.path("step").asLong(), facts.path("frames").asLong(), audioHours,
                facts.path("training_seconds").asDouble() / 3600);
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        move(tmp, file);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Options; the name and the text settings are required. */
    public static final class Builder {
        private String name;
        private TextSettings text;
        private AudioConfig audio = AudioConfig.DEFAULT;
        private VocoderSettings vocoder = VocoderSettings.DEFAULT;
        private CrossWindow crossWindow;
        private boolean halfPrecision = true;
        private String modelCard;

        private Builder() {}

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** How the model reads text: the settings it was trained with. */
        public Builder setTextSettings(TextSettings text) {
            this.text = text;
            return this;
        }

        /** The audio config the model was trained with (default: the reference convention). */
        public Builder optAudioConfig(AudioConfig audio) {
            this.audio = audio;
            return this;
        }

        public Builder optVocoder(VocoderSettings vocoder) {
            this.vocoder = vocoder;
            return this;
        }

        /**
         * The cross-attention window the voice generates with, instead of the model's (default: the
         * model's). It only steers generation, so it can be tuned after training.
         */
        public Builder optCrossWindow(CrossWindow crossWindow) {
            this.crossWindow = crossWindow;
            return this;
        }

        /** Store parameters as float16 (default true): half the size, outputs within float16 rounding. */
        public Builder optHalfPrecision(boolean halfPrecision) {
            this.halfPrecision = halfPrecision;
            return this;
        }

        /** The model card's Markdown; without one a skeleton listing what is known is written. */
        public Builder optModelCard(String markdown) {
            this.modelCard = markdown;
            return this;
        }

        public VoicePackager build() {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("a voice needs a name");
            }
            if (text == null) {
                throw new InvalidInputException("a voice needs its text settings (tokenizer and language)");
            }
            if (audio == null || vocoder == null) {
                throw new InvalidInputException("the audio config and vocoder settings cannot be null");
            }
            return new VoicePackager(this);
        }
    }
}
