package dev.audioflow.portaudio.internal

import com.sun.jna.Native
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * The C data model a host-API structure is laid out for: the size of `long` and of a pointer,
 * and the byte order. `int` and enums are 4 bytes and every field is aligned to its own size,
 * which holds for every platform PortAudio's platform-specific host APIs run on (Windows x64,
 * macOS on x86-64 and arm64).
 */
internal data class CAbi(val name: String, val longBytes: Int, val pointerBytes: Int, val order: ByteOrder) {
    companion object {
        /** 64-bit Windows (LLP64: `long` stays 4 bytes). */
        val WINDOWS_X64 = CAbi("Windows x64 (LLP64)", 4, 8, ByteOrder.LITTLE_ENDIAN)

        /** 64-bit macOS and Linux (LP64). */
        val LP64 = CAbi("LP64 (macOS, 64-bit Linux)", 8, 8, ByteOrder.LITTLE_ENDIAN)

        /** The platform this JVM runs on, as JNA sees it. */
        val current: CAbi by lazy { CAbi("this JVM's platform", Native.LONG_SIZE, Native.POINTER_SIZE, ByteOrder.nativeOrder()) }
    }
}

/**
 * Lays out one C structure for a [CAbi] and encodes its bytes.
 *
 * Hand-written rather than a JNA `Structure` because a `Structure` only knows the layout of the
 * platform it runs on, and the structures this builds (WASAPI, Core Audio, ASIO stream infos)
 * must be encodable, and so testable byte for byte, on a platform they are not for.
 *
 * Not thread-safe; one instance per structure.
 */
internal class CStruct(private val abi: CAbi) {
    private class Field(val bytes: Int, val value: Long, val isSizeOfStruct: Boolean)

    private val fields = ArrayList<Field>()

    /** An `unsigned long` (or `long`) field. */
    fun long(value: Long): CStruct = add(Field(abi.longBytes, value, false))

    /** An `unsigned long` field holding the structure's own `sizeof`. */
    fun sizeOfStruct(): CStruct = add(Field(abi.longBytes, 0, true))

    /** An `int` or enum field. */
    fun int(value: Int): CStruct = add(Field(4, value.toLong(), false))

    /** A pointer field holding [address] (0 for NULL). */
    fun pointer(address: Long): CStruct = add(Field(abi.pointerBytes, address, false))

    private fun add(field: Field): CStruct = apply { fields += field }

    /** `sizeof` the structure: fields at their natural alignment, the end padded to the widest one. */
    val size: Int get() = layout().second

    /** The structure's bytes, padding zeroed. */
    fun bytes(): ByteArray {
        val (offsets, size) = layout()
        val buffer = ByteBuffer.allocate(size).order(abi.order)
        fields.forEachIndexed { i, field ->
            val value = if (field.isSizeOfStruct) size.toLong() else field.value
            when (field.bytes) {
                4 -> buffer.putInt(offsets[i], value.toInt())
                8 -> buffer.putLong(offsets[i], value)
                else -> error("no ${field.bytes}-byte C field")
            }
        }
        return buffer.array()
    }

    private fun layout(): Pair<IntArray, Int> {
        val offsets = IntArray(fields.size)
        var offset = 0
        var widest = 1
        fields.forEachIndexed { i, field ->
            offset = align(offset, field.bytes)
            offsets[i] = offset
            offset += field.bytes
            widest = maxOf(widest, field.bytes)
        }
        return offsets to align(offset, widest)
    }

    private fun align(offset: Int, alignment: Int): Int = (offset + alignment - 1) / alignment * alignment
}
