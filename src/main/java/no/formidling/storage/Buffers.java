package no.formidling.storage;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The copy pipeline's large buffers, kept for the next copy instead of made anew for each. A resumable upload copies
 * one chunk a request, and making its buffers per request cost more CPU than copying its bytes: on a small heap a
 * 1 MiB array is a humongous object to G1, and a direct buffer is freed only by a garbage collection, which the JDK
 * forces (System.gc) once the direct memory limit, the heap's size by default, is reached. A buffer is given back
 * only when nothing can use it any more; at most a few are kept, and the rest are left to the garbage collector.
 */
final class Buffers {
    private static final int KEPT_ARRAYS = 32;
    private static final int KEPT_DIRECT = 8;
    private static final BlockingQueue<byte[]> ARRAYS = new ArrayBlockingQueue<>(KEPT_ARRAYS);
    private static final BlockingQueue<ByteBuffer> DIRECT = new ArrayBlockingQueue<>(KEPT_DIRECT);

    private Buffers() {
    }

    /** A {@link DigestingCopier#CHUNK}-byte array, with whatever a copy before left in it. */
    static byte[] array() {
        byte[] kept = ARRAYS.poll();
        return kept != null ? kept : new byte[DigestingCopier.CHUNK];
    }

    static void giveBack(byte[] array) {
        if (array.length == DigestingCopier.CHUNK) {
            ARRAYS.offer(array);
        }
    }

    /** A direct buffer of {@code capacity} bytes, cleared. */
    static ByteBuffer direct(int capacity) {
        ByteBuffer kept = DIRECT.poll();
        return kept != null && kept.capacity() == capacity ? kept.clear() : ByteBuffer.allocateDirect(capacity);
    }

    static void giveBack(ByteBuffer direct) {
        DIRECT.offer(direct);
    }
}
