package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mytts.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The trainable arrays of a model, by stable readable name ("decoder.layers.2.cross_attn.wq.weight"),
 * in creation order. The set owns the manager that holds them; closing the set frees them. Blocks
 * create their parameters here under the name they are given plus their own suffix, so a model's
 * names are its blocks' path.
 *
 * <p>Initial values are drawn in Java from a seeded generator, so that the same seed gives the
 * same model on every machine and engine thread count. Saving and loading go by name
 * ({@link #save}, {@link #load}, {@link #copyFrom}), never by position.
 */
public final class ParameterSet implements AutoCloseable {

    private final NDManager manager;
    private final SplittableRandom random;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Set<String> optional = new HashSet<>();

    /** An empty set in a new sub-manager of {@code parent}, drawing initial values from {@code seed}. */
    public ParameterSet(NDManager parent, long seed) {
        this.manager = parent.newSubManager();
        this.random = new SplittableRandom(seed);
    }

    /** The manager that owns the parameters; never run ops on its arrays into it per step. */
    public NDManager getManager() {
        return manager;
    }

    /** Name to array, in creation order (read-only view). */
    public Map<String, NDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** Total number of scalar parameters. */
    public long count() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Number of scalar parameters whose name starts with {@code prefix}. */
    public long count(String prefix) {
        return arrays.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().getShape().size()).sum();
    }

    /** Turns gradient recording for every parameter on or off (on for training). */
    public void setRequiresGradient(boolean requires) {
        for (NDArray a : arrays.values()) {
            a.setRequiresGradient(requires);
        }
    }

    /** Glorot/Xavier uniform with the given fan sizes. */
    public NDArray xavier(String name, Shape shape, long fanIn, long fanOut) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return add(name, v, shape);
    }

    /** Gaussian with mean 0 and the given standard deviation. */
    public NDArray normal(String name, Shape shape, double std) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (nextGaussian() * std);
        }
        return add(name, v, shape);
    }

    public NDArray constant(String name, Shape shape, float value) {
        float[] v = new float[Math.toIntExact(shape.size())];
        Arrays.fill(v, value);
        return add(name, v, shape);
    }

    /**
     * A parameter added after the first checkpoint format: its initial value must reproduce the
     * behaviour of models saved without it, since those load with it left at that value.
     */
    public NDArray optionalConstant(String name, Shape shape, float neutralValue) {
        NDArray a = constant(name, shape, neutralValue);
        optional.add(name);
        return a;
    }

    /** Whether a saved set may lack this parameter (it then keeps its neutral initial value). */
    public boolean isOptional(String name) {
        return optional.contains(name);
    }

    /** Writes every parameter under its name, as safetensors. */
    public void save(OutputStream out) throws IOException {
        out.write(NamedArrays.encode(arrays));
    }

    /** Reads safetensors written by {@link #save} and copies them in by name ({@link #copyFrom}). */
    public void load(InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        try (NDManager scope = manager.getParentManager().newSubManager()) {
            copyFrom(NamedArrays.decode(scope, bytes), source);
        }
    }

    /**
     * Copies saved values in by name. A parameter marked optional that {@code saved} lacks keeps its
     * neutral value; a missing, unknown or misshapen parameter is an error naming it and
     * {@code source} (for example "checkpoint run/step-500.zip").
     */
    public void copyFrom(Map<String, NDArray> saved, String source) {
        List<String> unknown = new ArrayList<>(saved.keySet());
        unknown.removeAll(arrays.keySet());
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(source + " has parameters this model lacks: "
                    + abbreviate(unknown) + "; it was written by a newer MyTTS or for another configuration");
        }
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            NDArray value = saved.get(e.getKey());
            if (value == null) {
                if (isOptional(e.getKey())) {
                    continue;
                }
                throw new InvalidInputException(source + " lacks parameter " + e.getKey()
                        + "; it does not match its own config");
            }
            if (!value.getShape().equals(e.getValue().getShape())) {
                throw new InvalidInputException(source + ": parameter " + e.getKey() + " has shape "
                        + value.getShape() + " but the model expects " + e.getValue().getShape());
            }
            e.getValue().set(value.toType(DataType.FLOAT32, false).toFloatArray());
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 5 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    private double nextGaussian() {
        // Box-Muller on the seeded generator (SplittableRandom has no nextGaussian in Java 17).
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private NDArray add(String name, float[] values, Shape shape) {
        if (arrays.containsKey(name)) {
            throw new IllegalStateException("duplicate parameter name " + name);
        }
        NDArray a = manager.create(values, shape);
        a.setName(name);
        arrays.put(name, a);
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
