package dev.audioflow.spi.ffm

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.NativeCopy
import java.lang.foreign.MemorySegment
import java.lang.foreign.ValueLayout

/**
 * Backend SPI: the FFM path's [NativeCopy] and memory access, through `java.lang.foreign` alone
 * (no `sun.misc.Unsafe`, so JDK 24+ prints no deprecation warning for it). Every access goes
 * through one preallocated segment spanning the whole address space
 * (`MemorySegment.NULL.reinterpret(Long.MAX_VALUE)`), so an address is an offset in it and no
 * `MemorySegment` is created per call.
 *
 * Copies between a Java array and native memory are loops of single-element segment accesses,
 * or, for an array whose owner prepared a [view] of it (the rings' buffers, a processor's
 * arrays, the array fallback's scratch; see `FloatRing.prepareNativeCopy`), one segment-to-segment `MemorySegment.copy` with a heap segment
 * made once: never `MemorySegment.copy` with the Java array itself: that overload classifies the array with a pattern `switch` (`Utils.BaseAndScale.of` in
 * JDK 25), and the first run of newly JIT-compiled code around it allocates 56 bytes (a `String`
 * and its `byte[]`) on the calling thread: once per compiled caller, at a moment set by
 * invocation counts, so a callback rarely called (JACK MIDI) met it minutes into a stream, and
 * `JackAllocationSpec` failed about one run in six (found with JFR allocation events under
 * `-XX:-UseTLAB`; see docs/reliability.md). The loops cost about 0.2 ns per float once compiled
 * (512 floats read and written: 220 ns against 57 ns for a `memcpy`, measured on Temurin 25),
 * which is why every array copied every cycle has a prepared view.
 *
 * Realtime: nothing allocates, locks or throws. Stateless and thread-safe. Nothing is checked
 * beyond the segment's (unbounded) range: a wrong address crashes the JVM.
 *
 * ```
 * endpoint.processPlanar(inputs, outputs, frames, 0, timeNanos, SegmentCopy)   // on JACK's process thread
 * ```
 */
@DelicateAudioApi
internal object SegmentCopy : NativeCopy {
    private val memory: MemorySegment = MemorySegment.NULL.reinterpret(Long.MAX_VALUE)
    private val float: ValueLayout.OfFloat = ValueLayout.JAVA_FLOAT_UNALIGNED

    override fun readFloats(address: Long, byteOffset: Long, dst: FloatArray, dstIndex: Int, count: Int) {
        var at = address + byteOffset
        for (i in dstIndex until dstIndex + count) {
            dst[i] = memory.get(float, at)
            at += Float.SIZE_BYTES
        }
    }

    override fun writeFloats(address: Long, byteOffset: Long, src: FloatArray, srcIndex: Int, count: Int) {
        var at = address + byteOffset
        for (i in srcIndex until srcIndex + count) {
            memory.set(float, at, src[i])
            at += Float.SIZE_BYTES
        }
    }

    /** A heap segment over [array]: [readFloatsToView] and [writeFloatsFromView] copy it as one `memcpy` (segment to segment, no array type switch). */
    override fun view(array: FloatArray): Any = MemorySegment.ofArray(array)

    override fun readFloatsToView(address: Long, byteOffset: Long, view: Any, dstIndex: Int, count: Int) {
        if (view !is MemorySegment) return readFloats(address, byteOffset, view as FloatArray, dstIndex, count)
        MemorySegment.copy(memory, address + byteOffset, view, dstIndex.toLong() * Float.SIZE_BYTES, count.toLong() * Float.SIZE_BYTES)
    }

    override fun writeFloatsFromView(address: Long, byteOffset: Long, view: Any, srcIndex: Int, count: Int) {
        if (view !is MemorySegment) return writeFloats(address, byteOffset, view as FloatArray, srcIndex, count)
        MemorySegment.copy(view, srcIndex.toLong() * Float.SIZE_BYTES, memory, address + byteOffset, count.toLong() * Float.SIZE_BYTES)
    }

    /** A heap segment over [array], for [readBytesToView] and [writeBytesFromView], as the `FloatArray` [view]. */
    override fun view(array: ByteArray): Any = MemorySegment.ofArray(array)

    override fun readBytesToView(address: Long, byteOffset: Long, view: Any, dstIndex: Int, count: Int) {
        if (view !is MemorySegment) return readBytes(address, byteOffset, view as ByteArray, dstIndex, count)
        MemorySegment.copy(memory, address + byteOffset, view, dstIndex.toLong(), count.toLong())
    }

    override fun writeBytesFromView(address: Long, byteOffset: Long, view: Any, srcIndex: Int, count: Int) {
        if (view !is MemorySegment) return writeBytes(address, byteOffset, view as ByteArray, srcIndex, count)
        MemorySegment.copy(view, srcIndex.toLong(), memory, address + byteOffset, count.toLong())
    }

    override fun readBytes(address: Long, byteOffset: Long, dst: ByteArray, dstIndex: Int, count: Int) {
        val at = address + byteOffset - dstIndex
        for (i in dstIndex until dstIndex + count) dst[i] = memory.get(ValueLayout.JAVA_BYTE, at + i)
    }

    override fun writeBytes(address: Long, byteOffset: Long, src: ByteArray, srcIndex: Int, count: Int) {
        val at = address + byteOffset - srcIndex
        for (i in srcIndex until srcIndex + count) memory.set(ValueLayout.JAVA_BYTE, at + i, src[i])
    }

    override fun readInt(address: Long, byteOffset: Long): Int = memory.get(ValueLayout.JAVA_INT_UNALIGNED, address + byteOffset)

    override fun readLong(address: Long, byteOffset: Long): Long = memory.get(ValueLayout.JAVA_LONG_UNALIGNED, address + byteOffset)

    override fun readDouble(address: Long, byteOffset: Long): Double = memory.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, address + byteOffset)

    override fun scatter(src: FloatArray, srcFrame: Int, channels: Int, addresses: LongArray, dstFrame: Int, frames: Int) {
        for (c in 0 until channels) {
            var i = srcFrame * channels + c
            var address = addresses[c] + dstFrame.toLong() * Float.SIZE_BYTES
            for (f in 0 until frames) {
                memory.set(float, address, src[i])
                i += channels
                address += Float.SIZE_BYTES
            }
        }
    }

    override fun gather(addresses: LongArray, srcFrame: Int, dst: FloatArray, dstFrame: Int, channels: Int, frames: Int) {
        for (c in 0 until channels) {
            var i = dstFrame * channels + c
            var address = addresses[c] + srcFrame.toLong() * Float.SIZE_BYTES
            for (f in 0 until frames) {
                dst[i] = memory.get(float, address)
                i += channels
                address += Float.SIZE_BYTES
            }
        }
    }

    override fun zeroFloats(address: Long, count: Int) {
        var at = address
        for (i in 0 until count) {
            memory.set(float, at, 0f)
            at += Float.SIZE_BYTES
        }
    }

    override fun toString(): String = "SegmentCopy"
}
