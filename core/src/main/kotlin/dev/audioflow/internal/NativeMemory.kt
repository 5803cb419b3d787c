package dev.audioflow.internal

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.NativeCopy
import sun.misc.Unsafe

/**
 * The JNA path's [NativeCopy] ([NativeCopy.unsafe]): copies between arrays and native memory
 * given by address, for the native backends' realtime callbacks (through
 * [dev.audioflow.spi.FloatRing.readToAddress] and friends).
 *
 * Through `sun.misc.Unsafe.copyMemory`: one `memcpy`, no JNI transition, no allocation; why
 * this and not JNA, a `DirectByteBuffer` or the FFM API is in `docs/performance-notes.md`;
 * the FFM path (`audioflow-native-ffm`, JDK 22+) copies through `MemorySegment` instead.
 *
 * **Safety.** Nothing here checks an address: the callers pass buffers that the native library
 * handed to the current callback, with the sizes the callback was told. A wrong address or
 * length corrupts memory or crashes the JVM, which is why the public entry points are
 * `@DelicateAudioApi`. Array bounds are the callers' to check as well.
 *
 * When `Unsafe` cannot be obtained or refuses a trial copy at initialisation (a JDK or security
 * setup that removed or denied it), [isAvailable] is false and backends keep their JNA copy path;
 * no method here may be called then.
 */
@OptIn(DelicateAudioApi::class)
internal object NativeMemory : NativeCopy {
    /** `Unsafe` and the float array base offset, or null when either is unavailable or a trial copy fails. */
    private val access: Pair<Unsafe, Long>? = try {
        val field = Unsafe::class.java.getDeclaredField("theUnsafe")
        field.isAccessible = true
        val u = field.get(null) as Unsafe
        val base = u.arrayBaseOffset(FloatArray::class.java).toLong()
        // A JDK that denies Unsafe's memory access (JEP 471/498) throws here, at class
        // initialisation off the realtime thread, instead of inside a callback.
        val trial = floatArrayOf(1f, 2f)
        u.copyMemory(trial, base, trial, base + Float.SIZE_BYTES, Float.SIZE_BYTES.toLong())
        if (trial[1] == 1f) u to base else null
    } catch (_: Throwable) {
        null
    }

    private val unsafe: Unsafe? = access?.first

    /** True when the copies below can be used. */
    val isAvailable: Boolean = access != null

    private val floatBase: Long = access?.second ?: 0L
    private val byteBase: Long = access?.first?.arrayBaseOffset(ByteArray::class.java)?.toLong() ?: 0L

    override fun writeFloats(address: Long, byteOffset: Long, src: FloatArray, srcIndex: Int, count: Int) {
        unsafe!!.copyMemory(src, floatBase + srcIndex.toLong() * Float.SIZE_BYTES, null, address + byteOffset, count.toLong() * Float.SIZE_BYTES)
    }

    override fun readFloats(address: Long, byteOffset: Long, dst: FloatArray, dstIndex: Int, count: Int) {
        unsafe!!.copyMemory(null, address + byteOffset, dst, floatBase + dstIndex.toLong() * Float.SIZE_BYTES, count.toLong() * Float.SIZE_BYTES)
    }

    override fun readBytes(address: Long, byteOffset: Long, dst: ByteArray, dstIndex: Int, count: Int) {
        unsafe!!.copyMemory(null, address + byteOffset, dst, byteBase + dstIndex, count.toLong())
    }

    override fun writeBytes(address: Long, byteOffset: Long, src: ByteArray, srcIndex: Int, count: Int) {
        unsafe!!.copyMemory(src, byteBase + srcIndex, null, address + byteOffset, count.toLong())
    }

    override fun readInt(address: Long, byteOffset: Long): Int = unsafe!!.getInt(address + byteOffset)

    override fun readLong(address: Long, byteOffset: Long): Long = unsafe!!.getLong(address + byteOffset)

    override fun readDouble(address: Long, byteOffset: Long): Double = unsafe!!.getDouble(address + byteOffset)

    override fun scatter(src: FloatArray, srcFrame: Int, channels: Int, addresses: LongArray, dstFrame: Int, frames: Int) {
        val u = unsafe!!
        for (c in 0 until channels) {
            var i = srcFrame * channels + c
            var address = addresses[c] + dstFrame.toLong() * Float.SIZE_BYTES
            for (f in 0 until frames) {
                u.putFloat(address, src[i])
                i += channels
                address += Float.SIZE_BYTES
            }
        }
    }

    override fun gather(addresses: LongArray, srcFrame: Int, dst: FloatArray, dstFrame: Int, channels: Int, frames: Int) {
        val u = unsafe!!
        for (c in 0 until channels) {
            var i = dstFrame * channels + c
            var address = addresses[c] + srcFrame.toLong() * Float.SIZE_BYTES
            for (f in 0 until frames) {
                dst[i] = u.getFloat(address)
                i += channels
                address += Float.SIZE_BYTES
            }
        }
    }

    override fun zeroFloats(address: Long, count: Int) {
        unsafe!!.setMemory(address, count.toLong() * Float.SIZE_BYTES, 0)
    }
}
