package io.mytts.train;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters that one optimizer updates: the whole model for most, the generator and the
 * discriminator apart for a GAN.
 *
 * @param name names the group's optimizer state in a checkpoint and its gradient norms in the log
 * @param parameters live parameter arrays by stable name; they must require gradients
 */
public record ParameterGroup(String name, Map<String, NDArray> parameters) {

    /** The name of a model's only group. */
    public static final String MODEL = "model";

    public ParameterGroup {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a parameter group's name is lower-case letters, digits"
                    + " and '_' (it names files), not '" + name + "'");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
