package io.mytts.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation on the held-out batches: teacher-forced losses, without gradients. */
public class Validator {

    /** Mean losses over the validation batches. */
    public record Report(double loss, double melBefore, double melAfter, double stop,
            double guidedAttention, double diagonality) {

        Map<String, Object> toRecord(long step) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("step", step);
            r.put("split", "validation");
            r.put("val_loss", loss);
            r.put("val_mel_loss_before", melBefore);
            r.put("val_mel_loss_after", melAfter);
            r.put("val_stop_loss", stop);
            r.put("val_guided_attn_loss", guidedAttention);
            r.put("val_diagonality", diagonality);
            return r;
        }
    }

    Report validate(NDManager base, TrainableModel model, List<TrainBatch> batches, TtsLoss loss,
            long step, Path runFolder) throws IOException {
        double[] sums = new double[5];
        int n = 0;
        for (TrainBatch batch : batches) {
            try (NDManager sm = base.newSubManager()) {
                PaddedBatch p = PaddedBatch.of(sm, batch, model.reductionFactor());
                ForwardOutput out = model.forward(sm, p.tokens(), p.tokenLengths(), p.mels(),
                        p.melLengths(), false);
                double[] v = loss.compute(out, p, step).values();
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += v[i];
                }
                n++;
            }
        }
        n = Math.max(1, n);
        return new Report(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n, Double.NaN);
    }
}
