package dev.audioflow.testing

import sun.misc.Unsafe

/**
 * [size] floats of native memory, as a native callback is handed, for tests of the native copy
 * paths: [address] is what a backend's callback would receive; the indexed accessors read and
 * write it with bounds checks. [close] frees it.
 *
 * Not thread-safe beyond what native memory is; allocating blocks only as `malloc` does.
 *
 * ```
 * NativeFloats(2 * 256).use { output ->
 *     endpoint.processNative(0, output.address, 256, 0, 0)
 *     println(output[0])
 * }
 * ```
 *
 * @property size floats allocated.
 */
public class NativeFloats(public val size: Int) : AutoCloseable {
    /** The native address of the first float. */
    public val address: Long = unsafe.allocateMemory(size * 4L)

    /**
     * The float at [index].
     *
     * @throws IllegalArgumentException for an index outside 0 until [size].
     */
    public operator fun get(index: Int): Float = unsafe.getFloat(address + checked(index) * 4L)

    /**
     * Sets the float at [index] to [value].
     *
     * @throws IllegalArgumentException for an index outside 0 until [size].
     */
    public operator fun set(index: Int, value: Float): Unit = unsafe.putFloat(address + checked(index) * 4L, value)

    private fun checked(index: Int): Int = index.also { require(it in 0 until size) { "index $it outside 0 until $size" } }

    /** Frees the memory; the object must not be used afterwards. */
    override fun close(): Unit = unsafe.freeMemory(address)

    private companion object {
        val unsafe: Unsafe = Unsafe::class.java.getDeclaredField("theUnsafe").apply { isAccessible = true }.get(null) as Unsafe
    }
}
