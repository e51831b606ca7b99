package io.mytts.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A learnable toy corpus: each token id has a random mel vector and lasts two frames,
 * so a mel sequence is its tokens' vectors in order. Batches cycle in a fixed order.
 */
final class FakeCorpus extends CyclingBatches<TrainBatch> {


    FakeCorpus(int utterances, int perBatch, int vocab, int bins, long seed) {
        Random r = new Random(seed);
        float[][] tokenMel = new float[vocab][bins];
        for (float[] v : tokenMel) {
            for (int k = 0; k < bins; k++) {
                v[k] = (float) r.nextGaussian();
            }
        }
        List<int[]> tokens = new ArrayList<>();
        List<float[][]> mels = new ArrayList<>();
        for (int u = 0; u < utterances; u++) {
            int n = 3 + r.nextInt(3);
            int[] ids = new int[n];
            List<float[]> frames = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids[i] = 1 + r.nextInt(vocab - 1);
                int dur = 2;
                for (int d = 0; d < dur; d++) {
                    frames.add(tokenMel[ids[i]].clone());
                }
            }
            tokens.add(ids);
            mels.add(frames.toArray(new float[0][]));
        }
        for (int i = 0; i < utterances; i += perBatch) {
            int end = Math.min(utterances, i + perBatch);
            batches.add(new TrainBatch(tokens.subList(i, end).toArray(new int[0][]),
                    mels.subList(i, end).toArray(new float[0][][])));
        }
    }
}
