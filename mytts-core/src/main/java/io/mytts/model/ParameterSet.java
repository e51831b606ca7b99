package io.mytts.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The trainable arrays of a model, by stable readable name ("decoder.layers.2.cross_attn.wq.weight"),
 * in creation order. The set owns the manager that holds them; closing the set frees them.
 *
 * <p>Initial values are drawn in Java from a seeded generator, so that the same seed gives the
 * same model on every machine and engine thread count.
 */
public final class ParameterSet implements AutoCloseable {

    private final NDManager manager;
    private final SplittableRandom random;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final java.util.Set<String> optional = new java.util.HashSet<>();

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

    public NDArray normal(String name, Shape shape, double std) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (nextGaussian() * std);
        }
        return add(name, v, shape);
    }

    public NDArray constant(String name, Shape shape, float value) {
        float[] v = new float[Math.toIntExact(shape.size())];
        java.util.Arrays.fill(v, value);
        return add(name, v, shape);
    }

    /**
     * A parameter added after the first checkpoint format: its initial value must reproduce the
     * behaviour of models saved without it, since those load with it left at that value.
     */
    NDArray optionalConstant(String name, Shape shape, float neutralValue) {
        NDArray a = constant(name, shape, neutralValue);
        optional.add(name);
        return a;
    }

    /** Whether a checkpoint may lack this parameter (it then keeps its neutral initial value). */
    public boolean isOptional(String name) {
        return optional.contains(name);
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
