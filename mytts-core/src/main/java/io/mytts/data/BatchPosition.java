package io.mytts.data;

/**
 * Where a stream of batches stands: the batch {@code index} of {@code epoch} is the next one to
 * come. Saved with a checkpoint, it resumes training on exactly the batches that would have followed.
 */
public record BatchPosition(int epoch, int index) {

    public BatchPosition {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("epoch and index must be 0 or more: " + epoch + ", " + index);
        }
    }

    public static final BatchPosition START = new BatchPosition(0, 0);
}
