package io.mytts.synth;

import com.fasterxml.jackson.databind.JsonNode;
import io.mytts.InvalidInputException;
import io.mytts.config.AudioConfig;
import io.mytts.config.CrossWindow;
import io.mytts.config.Provenance;
import io.mytts.config.StrictJson;
import io.mytts.forward.ForwardTTS;
import io.mytts.model.Checkpoint;
import io.mytts.model.ModelKind;
import io.mytts.model.TransformerTTS;
import io.mytts.text.SymbolTable;
import io.mytts.text.TextSettings;
import io.mytts.vocoder.NeuralVocoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes a voice folder (see {@link Voice}) from a trained checkpoint or a model in memory: the
 * model (as float16 by default, half the size; computation stays float32), {@code voice.json}
 * and a model card (the one given, or a skeleton to fill in). Files are written under temporary
 * names and renamed into place.
 *
 * <p>A checkpoint describes itself: its {@link Provenance} holds the text settings and the audio
 * config it was trained with, so packing it needs only a name. Autoregressive and forward checkpoints
 * pack alike (the checkpoint says its kind); a cross-attention window fits only an autoregressive one. Settings given here must agree with
 * the provenance; they are needed only for checkpoints written before provenance recorded them.
 *
 * <pre>{@code
 * VoicePackager.builder().setName("slt").optModelCard(card).build()
 *         .fromCheckpoint(Path.of("run/checkpoints/step-1000/model.zip"), Path.of("voices/slt"));
 * }</pre>
 */
public final class VoicePackager {

    static final String MODEL_FILE = "model.zip";

    private final String name;
    private final TextSettings text;
    private final AudioConfig audio;
    private final VocoderSettings vocoder;
    private final CrossWindow crossWindow;
    private final boolean halfPrecision;
    private final String modelCard;
    private final Path neuralVocoder;
    private final boolean neuralByDefault;

    /** Where a packed neural vocoder goes inside the voice folder. */
    static final String VOCODER_FOLDER = "vocoder";

    private VoicePackager(Builder b) {
        this.neuralVocoder = b.neuralVocoder;
        this.neuralByDefault = b.neuralByDefault;
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
        Provenance p = checkpoint.provenance();
        // voice.json says how to read; the symbol table stays in the model's provenance.
        TextSettings text = agreed("text settings", this.text == null ? null : this.text.withoutSymbols(),
                p.text() == null ? null : p.text().withoutSymbols(), checkpointFile);
        if (text == null) {
            throw new InvalidInputException(checkpointFile + " does not record how its model reads text (it was"
                    + " written before checkpoints did); give the tokenizer and language it was trained with"
                    + " (mytts voice pack --tokenizer characters|phonemes --language en|fa|auto)");
        }
        AudioConfig audio = agreed("audio config", this.audio, p.config() == null ? null : p.config().audio(),
                checkpointFile);
        if (audio == null) {
            audio = AudioConfig.DEFAULT; // what checkpoints without a recorded config were trained with
        }
        if (checkpoint.nMels() != audio.nMels()) {
            throw new InvalidInputException(checkpointFile + ": the model makes " + checkpoint.nMels()
                    + " mel bands but the audio config has " + audio.nMels() + "; give the training run's audio config");
        }
        if (crossWindow != null && checkpoint.kind() != ModelKind.AUTOREGRESSIVE) {
            throw new InvalidInputException(checkpointFile + " holds a " + checkpoint.kind() + " model, which has no"
                    + " cross-attention to window; leave out the cross-attention window");
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
            VocoderSettings vocoder = this.vocoder;
            if (neuralVocoder != null) {
                NeuralVocoder.pack(neuralVocoder, folder.resolve(VOCODER_FOLDER), audio, halfPrecision);
                vocoder = vocoder.withNeural(VOCODER_FOLDER, neuralByDefault ? VocoderKind.NEURAL : vocoder.kind());
            }
            writeDescription(folder, checkpoint, text, audio, vocoder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write voice " + folder, e);
        }
    }

    /**
     * A given setting, or the recorded one; both must agree when both are known, or the voice
     * would read text (or make mels) unlike its training data.
     */
    private static <T> T agreed(String what, T given, T recorded, Path checkpointFile) {
        if (given != null && recorded != null && !given.equals(recorded)) {
            throw new InvalidInputException(checkpointFile + " was trained with " + what + " " + StrictJson.write(recorded).strip()
                    + ", not " + StrictJson.write(given).strip() + "; leave them out, the checkpoint knows them");
        }
        return given != null ? given : recorded;
    }

    /**
     * A voice folder from a model in memory and the symbol table its ids come from; the text
     * settings must be given.
     */
    public Path fromModel(TransformerTTS model, SymbolTable symbols, Path folder) {
        return fromWriter(Checkpoint.writer(model), symbols, folder);
    }

    /** As {@link #fromModel(TransformerTTS, SymbolTable, Path)}, for a forward model. */
    public Path fromModel(ForwardTTS model, SymbolTable symbols, Path folder) {
        return fromWriter(model.checkpointWriter(), symbols, folder);
    }

    private Path fromWriter(Checkpoint.Writer writer, SymbolTable symbols, Path folder) {
        if (text == null) {
            throw new InvalidInputException("a voice from a model in memory needs its text settings (tokenizer and language)");
        }
        try {
            Files.createDirectories(folder);
            Path raw = Files.createTempFile(folder, ".checkpoint", ".zip");
            try {
                writer.setProvenance(Provenance.current(null, text.withSymbols(symbols), null)).write(raw);
                return fromCheckpoint(raw, folder);
            } finally {
                Files.deleteIfExists(raw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write voice " + folder, e);
        }
    }

    private void writeDescription(Path folder, Checkpoint checkpoint, TextSettings text, AudioConfig audio,
            VocoderSettings vocoder) throws IOException {
        VoiceJson json = new VoiceJson(Voice.FORMAT, Voice.FORMAT_VERSION, name, MODEL_FILE,
                halfPrecision ? "float16" : "float32", text, audio, vocoder, crossWindow,
                checkpoint.speakers().isMultiSpeaker() ? checkpoint.speakers().names() : List.of());
        StrictJson.write(json, folder.resolve(Voice.VOICE_JSON));
        Path card = folder.resolve(Voice.MODEL_CARD);
        if (modelCard != null) {
            writeAtomically(card, modelCard);
        } else if (!Files.exists(card)) {
            writeAtomically(card, skeletonCard(checkpoint, text, audio, Files.size(folder.resolve(MODEL_FILE))));
        }
    }

    private String skeletonCard(Checkpoint checkpoint, TextSettings text, AudioConfig audio, long bytes) {
        var c = checkpoint.config();
        var p = checkpoint.provenance();
        return String.format(Locale.ROOT, """
                # Voice: %s

                ## Model
                - %s: %d layers, d_model %d, %d heads, dff %d, %s, %s, %s
                - Vocabulary: %d symbols (%s, %s); %d mel bands at %d Hz
                - Stored as %s: %.1f MB
                - Provenance: MyTTS %s (git commit %s), seed %s, dataset hash %s, DJL %s, PyTorch %s, written %s

                ## Data
                (Which corpus, which speaker, how many hours, which ids were held out.)

                ## Training
                %s(Machine, the command that trained it.)

                ## Measurements
                (`./mytts eval --voice voices/%s --texts FILE`: WER against the teacher voice's own audio,
                alignment failures, real-time factor and time to first audio, with the machine.)
                """, name, checkpoint.kind() == ModelKind.FORWARD ? "ForwardTTS" : "TransformerTTS", c.numLayers(), c.dModel(), c.numHeads(), c.dff(), c.activation().jsonName(),
                c.posEncodingType().jsonName(), checkpoint.kind() == ModelKind.FORWARD
                        ? "variance predictors of " + checkpoint.forwardConfig().varianceChannels() + " channels"
                        : "reduction factor " + c.reductionFactor(), checkpoint.vocabSize(), text.tokenizer().jsonName(),
                text.language() == null ? "language detected per sentence" : text.language().code(),
                checkpoint.nMels(), audio.sampleRate(), halfPrecision ? "float16" : "float32", bytes / 1e6,
                p.myttsVersion(), p.gitCommit(), p.seed(), p.datasetHash(), p.djlVersion(), p.pytorchVersion(), p.created(),
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
        private AudioConfig audio;
        private VocoderSettings vocoder = VocoderSettings.DEFAULT;
        private CrossWindow crossWindow;
        private boolean halfPrecision = true;
        private String modelCard;
        private Path neuralVocoder;
        private boolean neuralByDefault = true;

        private Builder() {}

        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /**
         * How the model reads text: the settings it was trained with (default: the checkpoint's
         * provenance; needed for older checkpoints and for models in memory).
         */
        public Builder optTextSettings(TextSettings text) {
            this.text = text;
            return this;
        }

        /**
         * The audio config the model was trained with (default: the checkpoint's provenance, else
         * the reference convention).
         */
        public Builder optAudioConfig(AudioConfig audio) {
            this.audio = audio;
            return this;
        }

        public Builder optVocoder(VocoderSettings vocoder) {
            this.vocoder = vocoder;
            return this;
        }

        /**
         * A neural vocoder folder (or vocoder training checkpoint) to pack into the voice as its
         * default vocoder, in the voice's precision; it must be trained on the voice's audio convention.
         */
        public Builder optNeuralVocoder(Path vocoderFolder) {
            return optNeuralVocoder(vocoderFolder, true);
        }

        /** As {@link #optNeuralVocoder(Path)}; {@code byDefault} false keeps Griffin-Lim the default. */
        public Builder optNeuralVocoder(Path vocoderFolder, boolean byDefault) {
            this.neuralVocoder = vocoderFolder;
            this.neuralByDefault = byDefault;
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
            if (vocoder == null) {
                throw new InvalidInputException("the vocoder settings cannot be null");
            }
            return new VoicePackager(this);
        }
    }
}
