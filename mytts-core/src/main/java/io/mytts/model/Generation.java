package io.mytts.model;

import io.mytts.text.SymbolTable;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import io.mytts.InvalidInputException;
import io.mytts.align.Alignments;
import io.mytts.config.CrossWindow;
import io.mytts.config.ModelConfig;
import io.mytts.nn.Masks;
import io.mytts.nn.MultiHeadAttention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of greedy autoregressive generation for a batch of texts, cached (per-layer key/value
 * caches; cross-attention keys and values computed once) or uncached (the reference: every step
 * reruns the decoder over all steps so far). Both share the same step logic and random draws.
 *
 * <p>Native memory: the encoder memories and caches live in a generation manager; every step
 * runs in its own sub-manager, closed at the end of the step. Results are copied to Java arrays.
 *
 * <p>The cross-attention window (when on): step {@code t} may attend to tokens from one before
 * the previous step's peak (the argmax of its alignment, averaged over layers and heads) to
 * {@link CrossWindow#ahead} tokens after it; step 0 starts at token 0. With
 * {@link GenerationOptions#textAwareStop()} the peak is the running maximum of the argmax, the
 * window starts at it (nothing behind it can be attended, so the peak never moves back), and an
 * item's stop is ignored until its peak has reached {@link GenerationInput#lastSpokenToken()}.
 */
final class Generation {

    private final TransformerTTS model;
    private final GenerationOptions options;
    private final boolean cached;
    private final ModelConfig config;

    Generation(TransformerTTS model, GenerationOptions options, boolean cached) {
        this.model = model;
        this.options = options;
        this.cached = cached;
        this.config = model.config();
    }

    List<GenerationResult> run(List<GenerationInput> inputs) {
        if (inputs.isEmpty()) {
            throw new InvalidInputException("nothing to generate: no texts given");
        }
        List<int[]> texts = inputs.stream().map(GenerationInput::ids).toList();
        for (int[] t : texts) {
            if (t.length == 0) {
                throw new InvalidInputException("cannot generate speech for an empty token sequence");
            }
            model.config().checkLength("input of " + t.length + " tokens", t.length);
            SymbolTable.checkIds(t, model.vocabSize());
        }
        for (GenerationInput input : inputs) {
            if (input.speaker() >= model.speakers()) {
                throw new InvalidInputException("speaker index " + input.speaker() + " is outside the model's "
                        + model.speakers() + " speaker(s)");
            }
        }
        model.config().checkLength("max steps " + options.maxSteps(), options.maxSteps());
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager generation = NDManager.newBaseManager(model.parameters().getManager().getDevice())) {
            return new Run(inputs, texts, generation).generate();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The state of one generation. */
    private final class Run {
        private final NDManager generation;
        private final int batch;
        private final int[] lengths;
        private final int tokens;
        private final int nMels = model.nMels();
        private final int r = config.reductionFactor();
        private final CrossWindow crossWindow = options.crossWindow(config);
        private final boolean prenetDropout;
        private final int hidden;
        private final List<MultiHeadAttention.Memory> memories = new ArrayList<>();
        private final CachedDecoder decoder;
        private final Item[] items;
        // For the uncached reference: every step's inputs, windows and dropout masks so far.
        private final List<float[]> inputHistory = new ArrayList<>();
        private final List<int[][]> windowHistory = new ArrayList<>();
        private final List<float[][]> maskHistory = new ArrayList<>();

        Run(List<GenerationInput> inputs, List<int[]> texts, NDManager generation) {
            this.generation = generation;
            batch = texts.size();
            lengths = texts.stream().mapToInt(t -> t.length).toArray();
            tokens = Arrays.stream(lengths).max().orElseThrow();
            prenetDropout = options.inferencePrenetDropout(config) && model.decoderPrenet().hasDropout();
            hidden = model.decoderPrenet().hidden();
            items = new Item[batch];
            for (int b = 0; b < batch; b++) {
                items[b] = new Item(inputs.get(b), nMels);
            }
            encode(inputs, texts);
            decoder = cached ? model.cachedDecoder(generation, batch, options.maxSteps(), memories) : null;
        }

        private void encode(List<GenerationInput> inputs, List<int[]> texts) {
            int[] ids = new int[batch * tokens];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(texts.get(b), 0, ids, b * tokens, lengths[b]);
            }
            try (NDManager scope = generation.newSubManager()) {
                int[] speakers = new int[batch];
                for (int b = 0; b < batch; b++) {
                    speakers[b] = inputs.get(b).speaker();
                }
                NDArray encoded = model.encode(scope.create(ids, new Shape(batch, tokens)), lengths, speakers, false);
                for (DecoderLayer layer : model.decoderLayers()) {
                    MultiHeadAttention.Memory memory = layer.memory(encoded);
                    memory.keys().attach(generation);
                    memory.values().attach(generation);
                    memories.add(memory);
                }
            }
        }

        List<GenerationResult> generate() {
            for (int t = 0; t < options.maxSteps() && !allFinished(); t++) {
                step(t);
            }
            List<GenerationResult> results = new ArrayList<>();
            for (Item item : items) {
                results.add(item.result(postnet(item.frames)));
            }
            return results;
        }

        private boolean allFinished() {
            return Arrays.stream(items).allMatch(i -> i.finished);
        }

        private void step(int t) {
            int[][] windows = new int[batch][];
            float[] inputs = new float[batch * nMels];
            float[][] masks = prenetDropout ? new float[2][batch * hidden] : null;
            for (int b = 0; b < batch; b++) {
                windows[b] = items[b].window(crossWindow);
                System.arraycopy(items[b].fedBack, 0, inputs, b * nMels, nMels);
                if (masks != null) {
                    items[b].drawMasks(masks, b, hidden, model.decoderPrenet().rate());
                }
            }
            float[] mel;
            float[] stop;
            float[] alignment;
            try (NDManager step = generation.newSubManager()) {
                List<NDArray> weights;
                if (cached) {
                    List<int[][]> thisStep = java.util.Collections.singletonList(windows);
                    TransformerTTS.Decoded dec = decoder.step(step.create(inputs, new Shape(batch, nMels)), t,
                            crossBias(step, thisStep), stepMasks(step, masks), step);
                    // One copy to Java per step: the mel frames and stop logits side by side.
                    float[] row = dec.hidden().toFloatArray();
                    mel = new float[batch * r * nMels];
                    stop = new float[batch * r];
                    for (int b = 0; b < batch; b++) {
                        int from = b * r * (nMels + 1);
                        System.arraycopy(row, from, mel, b * r * nMels, r * nMels);
                        for (int j = 0; j < r; j++) {
                            stop[b * r + j] = sigmoid(row[from + r * nMels + j]);
                        }
                    }
                    weights = dec.crossWeights();
                } else {
                    inputHistory.add(inputs);
                    windowHistory.add(windows);
                    maskHistory.add(masks);
                    int steps = t + 1;
                    int[] full = new int[batch];
                    Arrays.fill(full, steps);
                    TransformerTTS.Decoded dec = model.decode(
                            step.create(interleave(inputHistory, nMels), new Shape(batch, steps, nMels)), 0,
                            Masks.causal(step, full, steps), memories, crossBias(step, windowHistory),
                            false, maskArrays(step, maskHistory));
                    weights = new ArrayList<>();
                    for (NDArray w : dec.crossWeights()) {
                        weights.add(w.get(new NDIndex(":, :, {}:", t)));
                    }
                    NDArray[] out = model.project(dec.hidden().get(new NDIndex(":, {}:", t)));
                    mel = out[0].toFloatArray();
                    stop = Activation.sigmoid(out[1]).toFloatArray();
                }
                alignment = Alignments.averageLayersAndHeads(weights).toFloatArray(); // [batch·tokens]
            }
            for (int b = 0; b < batch; b++) {
                items[b].accept(t, mel, stop, alignment, b, r, tokens);
            }
        }

        private static float sigmoid(float logit) {
            return (float) (1.0 / (1.0 + Math.exp(-logit)));
        }

        /** {@code [batch, 1, steps, tokens]}: each step's window and the padding; null if they block nothing. */
        private NDArray crossBias(NDManager m, List<int[][]> windowsPerStep) {
            int steps = windowsPerStep.size();
            if (crossWindow.isOff() && !options.textAwareStop() && Arrays.stream(lengths).allMatch(l -> l == tokens)) {
                return null;
            }
            float[] v = new float[batch * steps * tokens];
            Arrays.fill(v, Masks.BLOCKED);
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    int[] w = windowsPerStep.get(s)[b];
                    for (int j = w[0]; j <= w[1]; j++) {
                        v[(b * steps + s) * tokens + j] = 0f;
                    }
                }
            }
            return m.create(v, new Shape(batch, 1, steps, tokens));
        }

        /** This step's two prenet dropout masks {@code [batch, hidden]}, or null. */
        private NDArray[] stepMasks(NDManager m, float[][] masks) {
            return masks == null ? null
                    : new NDArray[] {m.create(masks[0], new Shape(batch, hidden)), m.create(masks[1], new Shape(batch, hidden))};
        }

        /** Two arrays {@code [batch, steps, hidden]} of the prenet dropout masks, or null. */
        private NDArray[] maskArrays(NDManager m, List<float[][]> masksPerStep) {
            if (!prenetDropout) {
                return null;
            }
            int steps = masksPerStep.size();
            NDArray[] arrays = new NDArray[2];
            for (int layer = 0; layer < 2; layer++) {
                List<float[]> rows = new ArrayList<>();
                for (float[][] masks : masksPerStep) {
                    rows.add(masks[layer]);
                }
                arrays[layer] = m.create(interleave(rows, hidden), new Shape(batch, steps, hidden));
            }
            return arrays;
        }

        /** Turns per-step {@code [batch·width]} rows into one {@code [batch, steps, width]} buffer. */
        private float[] interleave(List<float[]> perStep, int width) {
            int steps = perStep.size();
            float[] v = new float[batch * steps * width];
            for (int s = 0; s < steps; s++) {
                float[] row = perStep.get(s);
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(row, b * width, v, (b * steps + s) * width, width);
                }
            }
            return v;
        }

        private float[][] postnet(List<float[]> frames) {
            int n = frames.size();
            float[] flat = new float[n * nMels];
            for (int i = 0; i < n; i++) {
                System.arraycopy(frames.get(i), 0, flat, i * nMels, nMels);
            }
            float[] refined;
            try (NDManager scope = generation.newSubManager()) {
                NDArray mel = scope.create(flat, new Shape(1, n, nMels));
                refined = model.postnet(mel, scope.ones(new Shape(1, n, 1))).toFloatArray();
            }
            float[][] out = new float[n][];
            for (int i = 0; i < n; i++) {
                out[i] = Arrays.copyOfRange(refined, i * nMels, (i + 1) * nMels);
            }
            return out;
        }
    }

    /** Per-text state: its own seeded generator, so batching does not change its draws. */
    private final class Item {
        final int length;
        final SplittableRandom random;
        final double noiseStd;
        final int lastSpokenToken;
        final float[] fedBack;
        final List<float[]> frames = new ArrayList<>();
        final List<Float> stops = new ArrayList<>();
        final List<float[]> alignment = new ArrayList<>();
        int peak;
        boolean finished;
        boolean stopped;

        Item(GenerationInput input, int nMels) {
            this.length = input.ids().length;
            this.random = new SplittableRandom(input.seed());
            this.noiseStd = options.noiseStd() + input.extraNoiseStd();
            this.lastSpokenToken = input.lastSpokenToken();
            this.fedBack = new float[nMels];
        }

        /** The tokens the next step may attend to: around the last peak, or from it on (text-aware). */
        int[] window(CrossWindow window) {
            if (!options.textAwareStop()) {
                return window.range(peak, length);
            }
            int last = window.isOff() ? length - 1 : Math.min(length - 1, peak + window.ahead(length));
            return new int[] {peak, last};
        }

        /** Whether the stop may fire: always, or once the peak has reached the last spoken token. */
        private boolean mayStop() {
            return !options.textAwareStop() || peak >= lastSpokenToken;
        }

        void drawMasks(float[][] masks, int b, int hidden, double rate) {
            float kept = (float) (1.0 / (1.0 - rate));
            for (float[] mask : masks) {
                for (int i = 0; i < hidden; i++) {
                    mask[b * hidden + i] = random.nextDouble() < rate ? 0f : kept;
                }
            }
        }

        void accept(int t, float[] mel, float[] stop, float[] align, int b, int r, int tokens) {
            if (finished) {
                return;
            }
            int nMels = fedBack.length;
            // The peak of the attention that made this step's frames: the stop gate reads it.
            float[] row = Arrays.copyOfRange(align, b * tokens, b * tokens + length);
            alignment.add(row);
            int argmax = 0;
            for (int j = 1; j < length; j++) {
                if (row[j] > row[argmax]) {
                    argmax = j;
                }
            }
            peak = options.textAwareStop() ? Math.max(peak, argmax) : argmax;
            for (int j = 0; j < r; j++) {
                int frame = b * r + j;
                frames.add(Arrays.copyOfRange(mel, frame * nMels, (frame + 1) * nMels));
                float p = stop[frame];
                stops.add(p);
                if (t + 1 >= options.minSteps() && p >= options.stopThreshold() && mayStop()) {
                    finished = true;
                    stopped = true;
                    break;
                }
            }
            int last = b * r + r - 1;
            double std = noiseStd;
            for (int k = 0; k < nMels; k++) {
                fedBack[k] = mel[last * nMels + k] + (std > 0 ? (float) (gaussian() * std) : 0f);
            }
            if (frames.size() >= (long) options.maxSteps() * r) {
                finished = true;
            }
        }

        private double gaussian() {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }

        GenerationResult result(float[][] refined) {
            float[] stopArray = new float[stops.size()];
            for (int i = 0; i < stopArray.length; i++) {
                stopArray[i] = stops.get(i);
            }
            return new GenerationResult(refined, frames.toArray(new float[0][]), stopArray,
                    alignment.toArray(new float[0][]), stopped);
        }
    }
}
