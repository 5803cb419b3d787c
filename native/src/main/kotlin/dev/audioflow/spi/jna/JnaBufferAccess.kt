package dev.audioflow.spi.jna

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.NativeBufferAccess

/**
 * Backend SPI: [NativeBufferAccess] through a JNA [PointerView], for [ArrayFallback] and struct
 * reads in a callback on the JNA path. Each copy or read is one JNI call (`Pointer.read`/`write`
 * of a primitive array, `getInt`...); nothing is allocated.
 *
 * Not thread-safe: one instance per callback thread.
 *
 * ```
 * val fallback = ArrayFallback(endpoint, JnaBufferAccess(), scratchFrames, sampleRate, sampleFormat)
 * ```
 */
@DelicateAudioApi
public class JnaBufferAccess : NativeBufferAccess {
    private val view = PointerView()

    override fun readFloats(address: Long, byteOffset: Long, dst: FloatArray, dstIndex: Int, count: Int) {
        view.at(address).read(byteOffset, dst, dstIndex, count)
    }

    override fun writeFloats(address: Long, byteOffset: Long, src: FloatArray, srcIndex: Int, count: Int) {
        view.at(address).write(byteOffset, src, srcIndex, count)
    }

    override fun readBytes(address: Long, byteOffset: Long, dst: ByteArray, dstIndex: Int, count: Int) {
        view.at(address).read(byteOffset, dst, dstIndex, count)
    }

    override fun writeBytes(address: Long, byteOffset: Long, src: ByteArray, srcIndex: Int, count: Int) {
        view.at(address).write(byteOffset, src, srcIndex, count)
    }

    override fun readInt(address: Long, byteOffset: Long): Int = view.at(address).getInt(byteOffset)

    override fun readLong(address: Long, byteOffset: Long): Long = view.at(address).getLong(byteOffset)

    override fun readDouble(address: Long, byteOffset: Long): Double = view.at(address).getDouble(byteOffset)
}
