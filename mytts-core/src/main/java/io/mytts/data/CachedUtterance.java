package io.mytts.data;

/**
 * The features of one utterance as the cache keeps them.
 *
 * @param id the dataset id
 * @param speaker speaker name, empty in a single-speaker dataset
 * @param text the transcript the tokens came from
 * @param fingerprint of the source (audio file size and time, text), to notice changed items
 * @param tokens token ids
 * @param mel log-mel frames, [frames][nMels]
 */
public record CachedUtterance(String id, String speaker, String text, long fingerprint, int[] tokens, float[][] mel) {

    public int frames() {
        return mel.length;
    }
}
