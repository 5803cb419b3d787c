package dev.audioflow.testing

import sun.misc.Unsafe

/** [size] floats of native memory (as a native callback is handed), for tests of the native copy paths; [close] frees it. */
class NativeFloats(val size: Int) : AutoCloseable {
    val address: Long = unsafe.allocateMemory(size * 4L)

    operator fun get(index: Int): Float = unsafe.getFloat(address + checked(index) * 4L)

    operator fun set(index: Int, value: Float) = unsafe.putFloat(address + checked(index) * 4L, value)

    private fun checked(index: Int): Int = index.also { require(it in 0 until size) { "index $it outside 0 until $size" } }

    override fun close() = unsafe.freeMemory(address)

    private companion object {
        val unsafe: Unsafe = Unsafe::class.java.getDeclaredField("theUnsafe").apply { isAccessible = true }.get(null) as Unsafe
    }
}
