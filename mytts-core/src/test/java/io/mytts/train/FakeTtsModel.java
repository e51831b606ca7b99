package io.mytts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mytts.nn.Scalars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A minimal attention TTS for testing the loop: token embeddings, one cross-attention head
 * whose scores mix content (previous frame · tokens) and a learnable pull towards the diagonal,
 * a linear mel head, a residual "postnet" and a stop head. Milliseconds a step.
 */
final class FakeTtsModel implements TeacherForcedTts, AutoCloseable {

    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final int vocab;
    private final int dim;
    private final int bins;
    /** Runs the garbage collector at the end of each forward pass, before its backward pass. */
    boolean collectGarbage;

    FakeTtsModel(int vocab, int dim, int bins, long seed) {
        this.manager = NDManager.newBaseManager();
        this.vocab = vocab;
        this.dim = dim;
        this.bins = bins;
        Random r = new Random(seed);
        add("embedding", r, 1.0, vocab, dim);
        add("query", r, 1.0 / Math.sqrt(bins), bins, dim);
        add("mel_out", r, 1.0 / Math.sqrt(dim), dim, bins);
        add("prev_mel", r, 0.1, bins, bins);
        add("postnet", r, 0.1, bins, bins);
        add("stop_w", r, 1.0 / Math.sqrt(dim), dim, 1);
        add("stop_b", r, 0.0, 1);
        add("stop_progress", r, 0.0, 1);
        add("diagonal_pull", r, 0.0, 1);
    }

    private void add(String name, Random r, double scale, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * scale);
        }
        NDArray a = manager.create(v, s);
        a.setRequiresGradient(true);
        params.put(name, a);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return params;
    }

    @Override
    public int reductionFactor() {
        return 1;
    }

    @Override
    public ForwardOutput forward(NDManager m, NDArray tokens, int[] tokenLengths, NDArray mels,
            int[] melLengths, boolean training) {
        int b = (int) tokens.getShape().get(0);
        int n = (int) tokens.getShape().get(1);
        int t = (int) mels.getShape().get(1);
        NDArray oneHot = tokens.toType(DataType.INT32, false).oneHot(vocab).toType(DataType.FLOAT32, false);
        NDArray keys = oneHot.matMul(params.get("embedding")); // [B, N, d]
        NDArray prev = NDArrays.concat(new NDList(m.zeros(new Shape(b, 1, bins)),
                mels.get(":, :-1, :")), 1); // teacher forcing
        NDArray query = prev.matMul(params.get("query")); // [B, T, d]
        NDArray content = Scalars.div(query.matMul(keys.transpose(0, 2, 1)), Math.sqrt(dim));
        float[] dist = new float[b * t * n];
        float[] pad = new float[b * t * n];
        float[] progress = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                progress[i * t + s] = (s + 1f) / Math.max(1, melLengths[i]) - 1f; // 0 at the last frame
                for (int k = 0; k < n; k++) {
                    double d = (k + 0.5) / tokenLengths[i] - (s + 0.5) / Math.max(1, melLengths[i]);
                    dist[(i * t + s) * n + k] = (float) (d * d * 20);
                    pad[(i * t + s) * n + k] = k < tokenLengths[i] ? 0f : -1e9f;
                }
            }
        }
        NDArray pull = params.get("diagonal_pull").exp();
        NDArray scores = content.sub(m.create(dist, new Shape(b, t, n)).mul(pull))
                .add(m.create(pad, new Shape(b, t, n)));
        NDArray attention = scores.softmax(2);
        NDArray context = attention.matMul(keys); // [B, T, d]
        NDArray before = context.matMul(params.get("mel_out")).add(prev.matMul(params.get("prev_mel")));
        NDArray after = before.add(before.matMul(params.get("postnet")));
        // The stop head sees how far through the target it is (teacher forcing knows the length).
        NDArray stop = context.matMul(params.get("stop_w")).squeeze(2).add(params.get("stop_b"))
                .add(m.create(progress, new Shape(b, t)).mul(Scalars.mul(params.get("stop_progress"), 10)));
        if (collectGarbage) {
            ScalarGradientTest.collectGarbageAndReuseItsMemory();
        }
        return new ForwardOutput(before, after, stop, List.of(attention.expandDims(1)));
    }

    @Override
    public void save(Path folder, Map<String, Object> facts) throws IOException {
        List<NDArray> named = new ArrayList<>();
        try (NDManager tmp = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray c = e.getValue().duplicate();
                c.attach(tmp);
                c.setName(e.getKey());
                named.add(c);
            }
            try (OutputStream out = Files.newOutputStream(folder.resolve("model.npz"))) {
                new NDList(named).encode(out, NDList.Encoding.NPZ);
            }
        }
    }

    @Override
    public void load(Path folder) throws IOException {
        try (NDManager tmp = manager.newSubManager();
                InputStream in = Files.newInputStream(folder.resolve("model.npz"))) {
            for (NDArray a : NDList.decode(tmp, in)) {
                a.copyTo(params.get(a.getName()));
            }
        }
    }

    float[] snapshot(String name) {
        return params.get(name).toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
