package io.mytts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A test data source: its batches in a fixed cycle, the first one for validation; resumable by call count. */
class CyclingBatches<B> implements BatchSource<B> {

    protected final List<B> batches = new ArrayList<>();
    private int position;
    /** Replaces the batch of a call (1-based), e.g. to inject NaN. */
    IntFunction<B> override = i -> null;

    @Override
    public B next() {
        position++;
        B o = override.apply(position);
        return o != null ? o : batches.get((position - 1) % batches.size());
    }

    @Override
    public JsonNode position() {
        return IntNode.valueOf(position);
    }

    @Override
    public void seek(JsonNode p) {
        position = p.asInt();
    }

    @Override
    public List<B> validation() {
        return batches.subList(0, 1);
    }

    @Override
    public Path manifest() {
        return null;
    }

    B batch(int i) {
        return batches.get(i);
    }
}
