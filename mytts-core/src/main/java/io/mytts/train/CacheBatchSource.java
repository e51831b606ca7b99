package io.mytts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mytts.InvalidInputException;
import io.mytts.config.TrainConfig;
import io.mytts.data.Batch;
import io.mytts.data.BatchPosition;
import io.mytts.data.BatchStream;
import io.mytts.data.DataSplit;
import io.mytts.data.FeatureCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches from a prepared feature cache: a seeded train/validation split, utterances longer than
 * {@code max_frames} left out, a length-bucketed endless training stream that resumes at a
 * saved {@link BatchPosition}, and the validation batches read once.
 *
 * <p>A model that needs more than tokens and mels (a forward model's durations) chooses the
 * utterances it can use and turns each cache batch into its own batch type.
 *
 * @param <B> the model's batch type ({@link TrainBatch} for the attention model: {@link #tts})
 */
public final class CacheBatchSource<B> implements BatchSource<B>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheBatchSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeatureCache cache;
    private final TrainConfig train;
    private final int reductionFactor;
    private final List<String> trainIds;
    private final List<String> validationIds;
    private final Function<Batch, B> toBatch;
    private BatchStream stream;
    private BatchPosition position = BatchPosition.START;
    private List<B> validation;

    /** The attention model's batches: every utterance of the cache within {@code max_frames}. */
    public static CacheBatchSource<TrainBatch> tts(FeatureCache cache, TrainConfig train, int reductionFactor) {
        return new CacheBatchSource<>(cache, train, reductionFactor, id -> true, CacheBatchSource::toTrainBatch);
    }

    /**
     * @param include which of the cache's utterances the model can use (those left out the caller
     *     reports)
     * @param toBatch the model's batch of a padded cache batch
     */
    public CacheBatchSource(FeatureCache cache, TrainConfig train, int reductionFactor, Predicate<String> include,
            Function<Batch, B> toBatch) {
        this.cache = cache;
        this.train = train;
        this.reductionFactor = reductionFactor;
        this.toBatch = toBatch;
        List<String> usable = new ArrayList<>();
        for (String id : cache.ids()) {
            if (cache.frames(id) <= train.maxFrames() && cache.tokens(id) > 0 && include.test(id)) {
                usable.add(id);
            }
        }
        long tooLong = cache.ids().stream().filter(id -> cache.frames(id) > train.maxFrames()).count();
        if (tooLong > 0) {
            LOG.info("{} utterances longer than max_frames {} are left out", tooLong, train.maxFrames());
        }
        if (usable.size() < 2) {
            throw new InvalidInputException(cache.dir() + ": " + usable.size() + " usable utterance(s);"
                    + " training needs at least 2 (raise max_frames or add data)");
        }
        DataSplit split = DataSplit.bySeed(usable, train.valSize(), train.seed());
        this.trainIds = split.train();
        this.validationIds = split.validation();
        LOG.info("{} utterances for training, {} held out for validation", trainIds.size(), validationIds.size());
    }

    @Override
    public B next() {
        if (stream == null) {
            stream = BatchStream.training(cache, trainIds, train.batchFrames(), train.maxBatchSize(),
                    reductionFactor, train.seed(), position);
        }
        Batch b = stream.next();
        position = b.position();
        return toBatch.apply(b);
    }

    /** The cache's padded batch as it is: no unpadding (it is padded once, by the batch stream). */
    public static TrainBatch toTrainBatch(Batch b) {
        return new TrainBatch(b.tokens(), b.mels(), b.tokenLengths(), b.melLengths(), b.speakers());
    }

    @Override
    public JsonNode position() {
        ObjectNode n = JSON.createObjectNode();
        n.put("epoch", position.epoch());
        n.put("index", position.index());
        return n;
    }

    @Override
    public void seek(JsonNode p) {
        if (p == null || !p.has("epoch") || !p.has("index")) {
            throw new InvalidInputException("the checkpoint's data position " + p + " is not {epoch, index}");
        }
        closeStream();
        position = new BatchPosition(p.get("epoch").asInt(), p.get("index").asInt());
    }

    @Override
    public List<String> validationIds() {
        return validationIds;
    }

    @Override
    public List<B> validation() {
        if (validation == null) {
            List<B> list = new ArrayList<>();
            if (!validationIds.isEmpty()) {
                try (BatchStream s = BatchStream.validation(cache, validationIds, train.batchFrames(),
                        train.maxBatchSize(), reductionFactor)) {
                    s.forEachRemaining(b -> list.add(toBatch.apply(b)));
                }
            }
            validation = List.copyOf(list);
        }
        return validation;
    }

    @Override
    public Path manifest() {
        return cache.dir().resolve(FeatureCache.MANIFEST);
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
