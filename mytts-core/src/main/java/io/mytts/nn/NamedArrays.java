package io.mytts.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arrays keyed by name, as safetensors bytes (readable by the safetensors tools and NumPy). Names,
 * not positions, identify the arrays, so a file written before an array existed still loads (DJL's
 * own {@code Block.saveParameters} is positional: see DJL-NOTES.md).
 */
public final class NamedArrays {

    private NamedArrays() {}

    /** The arrays in map order, each under its key (which also becomes its name). */
    public static byte[] encode(Map<String, NDArray> arrays) {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            list.encode(bytes, NDList.Encoding.SAFETENSORS);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    /** Name to array, in file order, created in {@code manager}. */
    public static Map<String, NDArray> decode(NDManager manager, byte[] bytes) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (NDArray a : NDList.decode(manager, bytes)) {
            m.put(a.getName(), a);
        }
        return m;
    }
}
