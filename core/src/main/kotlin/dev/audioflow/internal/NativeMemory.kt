package dev.audioflow.internal

import sun.misc.Unsafe

/**
 * Copies between float arrays and native memory given by address, for the native backends'
 * realtime callbacks (through [dev.audioflow.spi.FloatRing.readToAddress] and friends).
 *
 * Through `sun.misc.Unsafe.copyMemory`: one `memcpy`, no JNI transition, no allocation; why
 * this and not JNA, a `DirectByteBuffer` or the FFM API is in `docs/performance-notes.md`.
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
internal object NativeMemory {
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

    /** Copies [count] floats from [src] starting at [srcIndex] to native memory at [address]. */
    fun copyToAddress(src: FloatArray, srcIndex: Int, address: Long, count: Int) {
        unsafe!!.copyMemory(src, floatBase + srcIndex.toLong() * Float.SIZE_BYTES, null, address, count.toLong() * Float.SIZE_BYTES)
    }

    /** Copies [count] floats from native memory at [address] into [dst] starting at [dstIndex]. */
    fun copyFromAddress(address: Long, dst: FloatArray, dstIndex: Int, count: Int) {
        unsafe!!.copyMemory(null, address, dst, floatBase + dstIndex.toLong() * Float.SIZE_BYTES, count.toLong() * Float.SIZE_BYTES)
    }

    /**
     * De-interleaves [frames] frames of [channels] channels from [src] (starting at frame
     * [srcFrame]) into one native buffer per channel: channel `c` goes to `addresses[c]`,
     * starting at frame [dstFrame].
     */
    fun scatter(src: FloatArray, srcFrame: Int, channels: Int, addresses: LongArray, dstFrame: Int, frames: Int) {
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

    /** Interleaves [frames] frames from one native buffer per channel (`addresses[c]`, from frame [srcFrame]) into [dst] at frame [dstFrame]. */
    fun gather(addresses: LongArray, srcFrame: Int, dst: FloatArray, dstFrame: Int, channels: Int, frames: Int) {
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

    /** Sets [count] floats at [address] to 0.0f. */
    fun zero(address: Long, count: Int) {
        unsafe!!.setMemory(address, count.toLong() * Float.SIZE_BYTES, 0)
    }
}
