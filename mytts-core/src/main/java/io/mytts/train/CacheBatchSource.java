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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches from a prepared feature cache: a seeded train/validation split, utterances longer than
 * {@code max_frames} left out, a length-bucketed endless training stream that resumes at a
 * saved {@link BatchPosition}, and the validation batches read once.
 */
public final class CacheBatchSource implements BatchSource<TrainBatch>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheBatchSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeatureCache cache;
    private final TrainConfig train;
    private final int reductionFactor;
    private final List<String> trainIds;
    private final List<String> validationIds;
    private BatchStream stream;
    private BatchPosition position = BatchPosition.START;
    private List<TrainBatch> validation;

    public CacheBatchSource(FeatureCache cache, TrainConfig train, int reductionFactor) {
        this.cache = cache;
        this.train = train;
        this.reductionFactor = reductionFactor;
        List<String> usable = new ArrayList<>();
        for (String id : cache.ids()) {
            if (cache.frames(id) <= train.maxFrames() && cache.tokens(id) > 0) {
                usable.add(id);
            }
        }
        int dropped = cache.ids().size() - usable.size();
        if (dropped > 0) {
            LOG.info("{} utterances longer than max_frames {} are left out", dropped, train.maxFrames());
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
    public TrainBatch next() {
        if (stream == null) {
            stream = BatchStream.training(cache, trainIds, train.batchFrames(), train.maxBatchSize(),
                    reductionFactor, train.seed(), position);
        }
        Batch b = stream.next();
        position = b.position();
        return toTrainBatch(b);
    }

    /** The cache's padded batch as it is: no unpadding (it is padded once, by the batch stream). */
    static TrainBatch toTrainBatch(Batch b) {
        return new TrainBatch(b.tokens(), b.mels(), b.tokenLengths(), b.melLengths());
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
    public List<TrainBatch> validation() {
        if (validation == null) {
            List<TrainBatch> list = new ArrayList<>();
            if (!validationIds.isEmpty()) {
                try (BatchStream s = BatchStream.validation(cache, validationIds, train.batchFrames(),
                        train.maxBatchSize(), reductionFactor)) {
                    s.forEachRemaining(b -> list.add(toTrainBatch(b)));
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
