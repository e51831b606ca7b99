package io.mytts.audio;

import java.util.Arrays;

/**
 * A float32 array as NumPy stores it: the values in C (row-major) order and the shape.
 *
 * @param data the values, row-major; its length is the product of the shape
 * @param shape the dimensions (one or two of them)
 */
public record NpyArray(float[] data, int[] shape) {

    public NpyArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    /** A 1-D array. */
    public static NpyArray of(float[] values) {
        return new NpyArray(values, new int[] {values.length});
    }

    /** A 2-D array of the rows, which must all have the same length (0 columns when there are no rows). */
    public static NpyArray of(float[][] rows) {
        return of(rows, rows.length == 0 ? 0 : rows[0].length);
    }

    /** A 2-D array of shape (rows, cols); every row must have {@code cols} values (keeps the shape of no rows). */
    public static NpyArray of(float[][] rows, int cols) {
        float[] data = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("ragged rows: row 0 has " + cols + " values, row " + r
                        + " has " + rows[r].length);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new NpyArray(data, new int[] {rows.length, cols});
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The 2-D array as rows; fails for another rank. */
    public float[][] toMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("not a 2-D array: shape " + Arrays.toString(shape));
        }
        float[][] m = new float[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(data, r * shape[1], m[r], 0, shape[1]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && Arrays.equals(data, a.data) && Arrays.equals(shape, a.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[float32, shape " + Arrays.toString(shape) + "]";
    }
}
