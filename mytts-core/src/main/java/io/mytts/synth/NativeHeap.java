package io.mytts.synth;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Hands the C allocator's free pages back to the system (the JVM's
 * {@code System.trim_native_heap}, glibc's {@code malloc_trim}), at most once an interval. Every
 * decoding allocates tensors of new shapes, and glibc keeps what they free in heaps it rarely
 * returns, so resident memory of a long streamed text climbed about 10 MB a minute with nothing
 * held (the training loop found the same: {@code io.mytts.train.ResidentMemory}). A no-op where
 * the JVM or the system has no such command.
 */
final class NativeHeap {

    private static final AtomicLong LAST_TRIM = new AtomicLong(System.nanoTime());
    private static volatile boolean unavailable;

    private NativeHeap() {}

    /** Trims when {@code intervalNanos} have passed since the last trim (by any thread). */
    static void trimAtMostEvery(long intervalNanos) {
        long now = System.nanoTime();
        long last = LAST_TRIM.get();
        if (unavailable || now - last < intervalNanos || !LAST_TRIM.compareAndSet(last, now)) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            unavailable = true;
        }
    }
}
