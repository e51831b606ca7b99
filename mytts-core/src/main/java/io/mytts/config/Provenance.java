package io.mytts.config;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.mytts.text.TextSettings;
import java.time.Instant;

/**
 * Where a model came from: one record, written once inside every checkpoint ({@code provenance}
 * in its {@code model.json}) and so inside every voice, whose {@code model.zip} is a checkpoint.
 * With it a checkpoint describes itself: packing it into a voice needs nothing else.
 *
 * <p>Keys left unknown are left out when writing, and read as null; checkpoints written before a key existed read
 * it as null (they have {@code seed}, {@code git_commit}, {@code dataset_hash}, the Java, DJL
 * and PyTorch versions and {@code created}, but no config, text settings or version; those written
 * before checkpoint format 2 have text settings without the symbol table).
 *
 * @param config the resolved run config (model, audio, train), or null when the model was not made by a run
 * @param text how the training transcripts were read and the model's symbol table (tokenizer, language,
 *     symbols); checkpoints written before it held the symbols keep them outside, as {@code symbols}
 *     (see {@code Checkpoint#symbols()})
 * @param datasetHash the prepared corpus's hash, or null
 * @param seed the run's seed, or null
 * @param myttsVersion the MyTTS version that wrote it
 * @param gitCommit the commit that MyTTS was built from, recorded at build time ({@code -dirty} after it
 *     when tracked files had uncommitted changes), or {@code unknown}
 * @param javaVersion the JVM's version
 * @param djlVersion DJL's version
 * @param pytorchVersion the PyTorch engine's version, or null when it could not be loaded
 * @param created when it was written (ISO-8601 instant)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        TTSConfig config,
        TextSettings text,
        String datasetHash,
        Long seed,
        String myttsVersion,
        String gitCommit,
        String javaVersion,
        String djlVersion,
        String pytorchVersion,
        String created) {

    /** A record of nothing: what a checkpoint without provenance reads as. */
    public static final Provenance NONE = new Provenance(null, null, null, null, null, null, null, null, null, null);

    /**
     * The provenance of something made now, in this JVM, by a run with {@code config} on a corpus
     * read with {@code text} whose hash is {@code datasetHash}; any of them may be null, but a
     * checkpoint needs {@code text} with its model's symbol table ({@link TextSettings#withSymbols}).
     */
    public static Provenance current(TTSConfig config, TextSettings text, String datasetHash) {
        String pytorch;
        try {
            pytorch = Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException e) {
            pytorch = null;
        }
        return new Provenance(config, text, datasetHash, config == null ? null : config.train().seed(),
                BuildInfo.version(), BuildInfo.gitCommit(), System.getProperty("java.version"),
                Engine.getDjlVersion(), pytorch, Instant.now().toString());
    }

    /** Whether the record tells how to read text and the audio settings: enough to pack a voice. */
    public boolean describesTheModel() {
        return config != null && text != null;
    }
}
