package io.mytts.train;

import ai.djl.ndarray.NDArray;
import io.mytts.config.TTSConfig;
import io.mytts.config.TrainConfig;
import io.mytts.nn.Scalars;
import java.util.List;

/**
 * The total training loss of one forward pass: mel loss before and after the postnet, stop
 * loss, and the guided attention loss on the chosen decoder layers, weighted by the schedule.
 */
final class TtsLoss {

    /** The parts as tensors (for the backward pass) of one batch. */
    record Parts(NDArray total, NDArray melBefore, NDArray melAfter, NDArray stop,
            NDArray guided, double guidedWeight) {

        /** Reads the values to the JVM (one native sync each). */
        double[] values() {
            return new double[] {total.getFloat(), melBefore.getFloat(), melAfter.getFloat(),
                    stop.getFloat(), guided.getFloat()};
        }
    }

    private final TrainConfig train;
    private final double stopPosWeight;

    TtsLoss(TTSConfig config) {
        this.train = config.train();
        this.stopPosWeight = config.model().stopPosWeight();
    }

    /** The weight of the guided attention loss at a step. */
    double guidedWeightAt(long step) {
        return train.guidedAttnWeightAt(step);
    }

    Parts compute(ForwardOutput out, PaddedBatch batch, long step) {
        int frames = batch.paddedFrames();
        NDArray before = trimFrames(out.melBefore(), frames);
        NDArray after = trimFrames(out.melAfter(), frames);
        NDArray melBefore = Losses.maskedMel(before, batch.mels(), batch.melLengths(), train.melLoss());
        NDArray melAfter = Losses.maskedMel(after, batch.mels(), batch.melLengths(), train.melLoss());
        int steps = (int) out.stopLogits().getShape().get(1);
        NDArray stop = Losses.stopBce(out.stopLogits(), batch.stopTargets(steps),
                batch.stopLengths(steps), stopPosWeight);
        NDArray guided = guidedAttention(out.crossAttention(), batch);
        double weight = guidedWeightAt(step);
        NDArray total = melBefore.add(melAfter).add(stop);
        if (weight > 0) {
            total = total.add(Scalars.mul(guided, weight));
        }
        return new Parts(total, melBefore, melAfter, stop, guided, weight);
    }

    private NDArray guidedAttention(List<NDArray> layers, PaddedBatch batch) {
        List<Integer> chosen = train.guidedAttnLayers();
        NDArray sum = null;
        int count = 0;
        for (int i = 0; i < layers.size(); i++) {
            if (!chosen.isEmpty() && !chosen.contains(i)) {
                continue;
            }
            NDArray l = Losses.guidedAttention(layers.get(i), batch.decoderLengths(),
                    batch.tokenLengths(), null, train.guidedAttnSigma());
            sum = sum == null ? l : sum.add(l);
            count++;
        }
        if (sum == null) {
            return batch.mels().getManager().zeros(new ai.djl.ndarray.types.Shape());
        }
        return Scalars.div(sum, count);
    }

    private static NDArray trimFrames(NDArray mel, int frames) {
        return mel.getShape().get(1) == frames ? mel : mel.get(":, :{}, :", frames);
    }
}
