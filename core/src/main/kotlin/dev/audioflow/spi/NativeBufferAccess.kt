package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi

/**
 * Backend SPI: how a callback reads and writes the native memory it is handed (buffers and the
 * fields of structs such as PortAudio's time info or a JACK MIDI event) through the backend's
 * native binding: JNA pointer views (`dev.audioflow.spi.jna.JnaBufferAccess`) or
 * `java.lang.foreign` segments ([NativeCopy], from a [ForeignBinding]). [ArrayFallback] copies
 * through one when the rings cannot copy to and from native memory themselves. Addresses come
 * from the native library; each method adds its `byteOffset` to them.
 *
 * Realtime: implementations are called on the callback thread and must not allocate, lock or
 * throw. Nothing is checked: a wrong address or count crashes the JVM. One instance per
 * callback thread unless the implementation says otherwise.
 *
 * ```
 * class JnaBufferAccess : NativeBufferAccess {
 *     private val view = PointerView()
 *     override fun readFloats(address: Long, byteOffset: Long, dst: FloatArray, dstIndex: Int, count: Int) =
 *         view.at(address).read(byteOffset, dst, dstIndex, count)
 *     // ...
 * }
 * ```
 */
@DelicateAudioApi
public interface NativeBufferAccess {
    /** Copies [count] floats from native memory at [address] + [byteOffset] into [dst] from [dstIndex]. */
    public fun readFloats(address: Long, byteOffset: Long, dst: FloatArray, dstIndex: Int, count: Int)

    /** Copies [count] floats of [src] from [srcIndex] to native memory at [address] + [byteOffset]. */
    public fun writeFloats(address: Long, byteOffset: Long, src: FloatArray, srcIndex: Int, count: Int)

    /** Copies [count] bytes from native memory at [address] + [byteOffset] into [dst] from [dstIndex]. */
    public fun readBytes(address: Long, byteOffset: Long, dst: ByteArray, dstIndex: Int, count: Int)

    /** Copies [count] bytes of [src] from [srcIndex] to native memory at [address] + [byteOffset]. */
    public fun writeBytes(address: Long, byteOffset: Long, src: ByteArray, srcIndex: Int, count: Int)

    /** The 32-bit integer (native byte order) at [address] + [byteOffset]. */
    public fun readInt(address: Long, byteOffset: Long): Int

    /** The 64-bit integer (native byte order) at [address] + [byteOffset]. */
    public fun readLong(address: Long, byteOffset: Long): Long

    /** The `double` at [address] + [byteOffset]. */
    public fun readDouble(address: Long, byteOffset: Long): Double
}
