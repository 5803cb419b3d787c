package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import dev.audioflow.internal.NativeMemory

/**
 * Backend SPI: the copy strategy the rings use to move frames straight between their arrays and
 * native buffers ([FloatRing.readToAddress] and its siblings, [RealtimeEndpoint.processNative],
 * [RealtimeEndpoint.processPlanar]): a [NativeBufferAccess] fast enough for every cycle, plus
 * the per-channel forms JACK's one-buffer-per-port layout needs and zero filling.
 *
 * Two implementations exist, and a backend picks one when it starts, with its
 * [dev.audioflow.NativeCallPath]: [unsafe] (`sun.misc.Unsafe.copyMemory`, a HotSpot intrinsic,
 * on the JNA path) and the `MemorySegment` copies of a [ForeignBinding] (on the FFM path, so
 * that JDK 24+ prints no `sun.misc.Unsafe` deprecation warning there).
 *
 * Realtime: every method allocates nothing, takes no lock and does not throw. Implementations
 * are stateless and thread-safe. Nothing is checked: addresses must be valid for what is read or
 * written, or the JVM crashes; array bounds are the caller's to respect.
 *
 * ```
 * val copy: NativeCopy = binding?.copy ?: NativeCopy.unsafe ?: error("no direct copy: use ArrayFallback")
 * endpoint.processNative(input, output, frames, flags, timeNanos, copy)   // on the callback thread
 * ```
 */
@DelicateAudioApi
public interface NativeCopy : NativeBufferAccess {
    /**
     * De-interleaves [frames] frames of [channels] channels from [src] (from frame [srcFrame])
     * into one float32 buffer per channel: channel `c` goes to `addresses[c]` from frame [dstFrame].
     */
    public fun scatter(src: FloatArray, srcFrame: Int, channels: Int, addresses: LongArray, dstFrame: Int, frames: Int)

    /**
     * Interleaves [frames] frames from one float32 buffer per channel (`addresses[c]`, from frame
     * [srcFrame]) into [dst] from frame [dstFrame], [channels] channels per frame.
     */
    public fun gather(addresses: LongArray, srcFrame: Int, dst: FloatArray, dstFrame: Int, channels: Int, frames: Int)

    /** Sets the [count] floats at [address] to 0.0f. */
    public fun zeroFloats(address: Long, count: Int)

    /**
     * A view of [array] that [readFloatsToView] and [writeFloatsFromView] copy through, made once
     * by the array's owner off the realtime path (the FFM path's is a heap `MemorySegment`, which
     * copies as a `memcpy`; by default the array itself). Not realtime: it may allocate.
     */
    public fun view(array: FloatArray): Any = array

    /** [readFloats] into the array behind [view]: one from [view] of this copy, or a plain `FloatArray`. */
    public fun readFloatsToView(address: Long, byteOffset: Long, view: Any, dstIndex: Int, count: Int) {
        readFloats(address, byteOffset, view as FloatArray, dstIndex, count)
    }

    /** [writeFloats] from the array behind [view]: one from [view] of this copy, or a plain `FloatArray`. */
    public fun writeFloatsFromView(address: Long, byteOffset: Long, view: Any, srcIndex: Int, count: Int) {
        writeFloats(address, byteOffset, view as FloatArray, srcIndex, count)
    }

    /**
     * A view of [array] that [readBytesToView] and [writeBytesFromView] copy through, made once
     * by its owner off the realtime path, as the `FloatArray` [view] is (raw sample formats go
     * through byte scratch arrays). Not realtime: it may allocate.
     */
    public fun view(array: ByteArray): Any = array

    /** [readBytes] into the array behind [view]: one from the `ByteArray` [view] of this copy, or a plain `ByteArray`. */
    public fun readBytesToView(address: Long, byteOffset: Long, view: Any, dstIndex: Int, count: Int) {
        readBytes(address, byteOffset, view as ByteArray, dstIndex, count)
    }

    /** [writeBytes] from the array behind [view]: one from the `ByteArray` [view] of this copy, or a plain `ByteArray`. */
    public fun writeBytesFromView(address: Long, byteOffset: Long, view: Any, srcIndex: Int, count: Int) {
        writeBytes(address, byteOffset, view as ByteArray, srcIndex, count)
    }

    public companion object {
        /**
         * The `sun.misc.Unsafe` copies of the JNA path, or null where `Unsafe` is missing or
         * denied (`--sun-misc-unsafe-memory-access=deny`). Reading this the first time tries
         * `Unsafe` once, which on JDK 24+ prints the JDK's deprecation warning: the FFM path
         * never reads it.
         */
        @JvmStatic
        public val unsafe: NativeCopy? get() = NativeMemory.takeIf { it.isAvailable }
    }
}
