package io.mytts.synth;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.mytts.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies a checkpoint zip with its float32 parameters stored as float16: half the size on disk.
 * The model package's loader reads parameters by name and converts them to float32, so the copy
 * loads as any checkpoint does; every other entry is copied unchanged. Optimizer state and other
 * array groups are dropped (a voice is for inference).
 */
final class HalfPrecision {

    static final String PARAMETERS_ENTRY = "parameters.safetensors";

    private HalfPrecision() {}

    static void convert(Path checkpoint, Path target) throws IOException {
        try (InputStream raw = Files.newInputStream(checkpoint); ZipInputStream in = new ZipInputStream(raw);
                OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            boolean sawParameters = false;
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(PARAMETERS_ENTRY)) {
                    bytes = toFloat16(bytes);
                    sawParameters = true;
                } else if (e.getName().endsWith(".safetensors")) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
            if (!sawParameters) {
                throw new InvalidInputException(checkpoint + " holds no " + PARAMETERS_ENTRY + "; is it a MyTTS checkpoint?");
            }
        }
    }

    private static byte[] toFloat16(byte[] safetensors) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList converted = new NDList();
            for (NDArray a : NDList.decode(m, safetensors)) {
                NDArray half = a.getDataType() == DataType.FLOAT32 ? a.toType(DataType.FLOAT16, false) : a;
                half.setName(a.getName());
                converted.add(half);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            converted.encode(bytes, NDList.Encoding.SAFETENSORS);
            return bytes.toByteArray();
        }
    }
}
