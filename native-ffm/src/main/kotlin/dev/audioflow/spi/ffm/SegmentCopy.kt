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
 * `MemorySegment` is created per call: array copies are `MemorySegment.copy` with the unaligned
 * layouts (a `memcpy` once compiled), struct fields and per-channel frames single segment
 * accesses, zero filling a copy from a shared zero array.
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
    private const val ZERO_CHUNK = 1024
    private val zeros = FloatArray(ZERO_CHUNK)

    override fun readFloats(address: Long, byteOffset: Long, dst: FloatArray, dstIndex: Int, count: Int) {
        MemorySegment.copy(memory, float, address + byteOffset, dst, dstIndex, count)
    }

    override fun writeFloats(address: Long, byteOffset: Long, src: FloatArray, srcIndex: Int, count: Int) {
        MemorySegment.copy(src, srcIndex, memory, float, address + byteOffset, count)
    }

    override fun readBytes(address: Long, byteOffset: Long, dst: ByteArray, dstIndex: Int, count: Int) {
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, address + byteOffset, dst, dstIndex, count)
    }

    override fun writeBytes(address: Long, byteOffset: Long, src: ByteArray, srcIndex: Int, count: Int) {
        MemorySegment.copy(src, srcIndex, memory, ValueLayout.JAVA_BYTE, address + byteOffset, count)
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
        var done = 0
        while (done < count) {
            val n = minOf(count - done, ZERO_CHUNK)
            MemorySegment.copy(zeros, 0, memory, float, address + done.toLong() * Float.SIZE_BYTES, n)
            done += n
        }
    }

    override fun toString(): String = "SegmentCopy"
}
