package io.mytts.train;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The losses of one update, by name, as scalar tensors of the step: the total that is
 * backpropagated and the parts it is made of (logged, never read by position).
 *
 * <pre>{@code
 * NamedLosses.of(total).with("mel_loss", mel).with("stop_loss", stop)            // one optimizer
 * NamedLosses.of("discriminator_loss", dTotal).with("d_real", real)           // a GAN's discriminator
 * }</pre>
 *
 * @param totalName the name the total is logged under ({@value #TOTAL} for most models)
 * @param total the scalar the update backpropagates
 * @param parts further scalars by name, in the order they were added
 */
public record NamedLosses(String totalName, NDArray total, Map<String, NDArray> parts) {

    /** The name of the total loss of a model with one optimizer; validation must report it. */
    public static final String TOTAL = "loss";

    public NamedLosses {
        Objects.requireNonNull(totalName, "totalName");
        Objects.requireNonNull(total, "total");
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        if (parts.containsKey(totalName)) {
            throw new IllegalArgumentException("a part is named like the total, '" + totalName + "'");
        }
    }

    /** A total named {@value #TOTAL}, no parts yet. */
    public static NamedLosses of(NDArray total) {
        return of(TOTAL, total);
    }

    public static NamedLosses of(String totalName, NDArray total) {
        return new NamedLosses(totalName, total, Map.of());
    }

    /** These losses and one more part. */
    public NamedLosses with(String name, NDArray part) {
        Map<String, NDArray> m = new LinkedHashMap<>(parts);
        if (m.put(name, part) != null || name.equals(totalName)) {
            throw new IllegalArgumentException("two losses are named '" + name + "'");
        }
        return new NamedLosses(totalName, total, m);
    }

    /** The values, total first: one native read each. */
    public Map<String, Double> values() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put(totalName, (double) total.getFloat());
        parts.forEach((k, a) -> v.put(k, (double) a.getFloat()));
        return v;
    }
}
