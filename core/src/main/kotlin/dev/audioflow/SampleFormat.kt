package dev.audioflow

import java.nio.ByteBuffer

/**
 * Encodings of one sample as little-endian bytes, with conversion to and from float.
 *
 * Scaling: a signed integer format of `n` bits maps the integer `i` to `i / 2^(n-1)`, so the
 * most negative integer is exactly -1.0 and full-scale positive is `1 - 2^-(n-1)`. [UINT8]
 * is offset binary (`(u - 128) / 128`). On encode, floats are scaled, rounded to nearest and
 * clipped to the integer range, and NaN becomes 0; [FLOAT32] and [FLOAT64] are stored as
 * they are (no clipping), so they round-trip exactly.
 *
 * All functions are pure, thread-safe and allocation-free.
 *
 * @property bytesPerSample bytes one sample occupies.
 * @property bits significant bits per sample.
 */
public enum class SampleFormat(public val bytesPerSample: Int, public val bits: Int, public val isFloat: Boolean) {
    /** IEEE-754 single precision. */
    FLOAT32(4, 32, true),

    /** IEEE-754 double precision (read from and written to WAV files; not a device format). */
    FLOAT64(8, 64, true),

    /** Signed 32-bit integer. */
    INT32(4, 32, false),

    /** Signed 24-bit integer, packed in 3 bytes. */
    INT24(3, 24, false),

    /** Signed 16-bit integer. */
    INT16(2, 16, false),

    /** Signed 8-bit integer. */
    INT8(1, 8, false),

    /** Unsigned 8-bit integer, offset by 128 (the WAV 8-bit format). */
    UINT8(1, 8, false);

    /**
     * Encodes [count] samples from [src] starting at [srcOffset] into [dst] at [dstOffset].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] if a range is out of bounds.
     */
    public fun encode(src: FloatArray, srcOffset: Int, dst: ByteArray, dstOffset: Int, count: Int) {
        checkRange("src", src.size, srcOffset, count)
        checkRange("dst", dst.size, dstOffset, count * bytesPerSample)
        var o = dstOffset
        for (i in srcOffset until srcOffset + count) {
            writeBits(dst, o, toBits(src[i]))
            o += bytesPerSample
        }
    }

    /**
     * Decodes [count] samples from [src] at [srcOffset] into [dst] at [dstOffset].
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] if a range is out of bounds.
     */
    public fun decode(src: ByteArray, srcOffset: Int, dst: FloatArray, dstOffset: Int, count: Int) {
        checkRange("src", src.size, srcOffset, count * bytesPerSample)
        checkRange("dst", dst.size, dstOffset, count)
        var o = srcOffset
        for (i in dstOffset until dstOffset + count) {
            dst[i] = fromBits(readBits(src, o))
            o += bytesPerSample
        }
    }

    /**
     * Encodes [count] samples into [dst] at its position, little-endian whatever the buffer's
     * byte order, advancing the position.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] if [dst] has too little room.
     */
    public fun encode(src: FloatArray, srcOffset: Int, dst: ByteBuffer, count: Int) {
        checkRange("src", src.size, srcOffset, count)
        AudioException.require(dst.remaining() >= count * bytesPerSample) {
            "dst has ${dst.remaining()} bytes remaining, needs ${count * bytesPerSample}"
        }
        for (i in srcOffset until srcOffset + count) {
            var bits = toBits(src[i])
            repeat(bytesPerSample) { dst.put(bits.toByte()); bits = bits ushr 8 }
        }
    }

    /**
     * Decodes [count] little-endian samples from [src] at its position, advancing it.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] if [src] holds too few bytes.
     */
    public fun decode(src: ByteBuffer, dst: FloatArray, dstOffset: Int, count: Int) {
        checkRange("dst", dst.size, dstOffset, count)
        AudioException.require(src.remaining() >= count * bytesPerSample) {
            "src has ${src.remaining()} bytes remaining, needs ${count * bytesPerSample}"
        }
        for (i in dstOffset until dstOffset + count) {
            var bits = 0L
            for (b in 0 until bytesPerSample) bits = bits or ((src.get().toLong() and 0xFF) shl (8 * b))
            dst[i] = fromBits(bits)
        }
    }

    /** Encodes all of [samples] into a new array. */
    public fun encode(samples: FloatArray): ByteArray =
        ByteArray(samples.size * bytesPerSample).also { encode(samples, 0, it, 0, samples.size) }

    /** Decodes all of [bytes] (a whole number of samples) into a new array. */
    public fun decode(bytes: ByteArray): FloatArray {
        AudioException.require(bytes.size % bytesPerSample == 0) {
            "${bytes.size} bytes is not a whole number of $name samples"
        }
        return FloatArray(bytes.size / bytesPerSample).also { decode(bytes, 0, it, 0, it.size) }
    }

    /** The raw little-endian bit pattern of one sample, in the low [bytesPerSample] bytes. */
    private fun toBits(x: Float): Long = when (this) {
        FLOAT32 -> x.toRawBits().toLong()
        FLOAT64 -> x.toDouble().toRawBits()
        UINT8 -> quantize(x, 8) + 128
        else -> quantize(x, bits)
    }

    private fun fromBits(raw: Long): Float = when (this) {
        FLOAT32 -> Float.fromBits(raw.toInt())
        FLOAT64 -> Double.fromBits(raw).toFloat()
        UINT8 -> ((raw and 0xFF) - 128).toFloat() / 128f
        else -> (signExtend(raw, bits).toDouble() / (1L shl (bits - 1))).toFloat()
    }

    private fun writeBits(dst: ByteArray, offset: Int, value: Long) {
        var bits = value
        for (b in 0 until bytesPerSample) {
            dst[offset + b] = bits.toByte()
            bits = bits ushr 8
        }
    }

    private fun readBits(src: ByteArray, offset: Int): Long {
        var bits = 0L
        for (b in 0 until bytesPerSample) bits = bits or ((src[offset + b].toLong() and 0xFF) shl (8 * b))
        return bits
    }

    private fun checkRange(what: String, size: Int, offset: Int, length: Int) {
        AudioException.require(offset >= 0 && length >= 0 && offset.toLong() + length <= size) {
            "$what range [$offset, ${offset.toLong() + length}) is outside 0..$size"
        }
    }

    public companion object {
        private fun quantize(x: Float, bits: Int): Long {
            if (x.isNaN()) return 0
            val scale = (1L shl (bits - 1)).toDouble()
            val q = Math.round(x.toDouble() * scale)
            return q.coerceIn(-(1L shl (bits - 1)), (1L shl (bits - 1)) - 1)
        }

        private fun signExtend(raw: Long, bits: Int): Long = (raw shl (64 - bits)) shr (64 - bits)

        /**
         * The format called [name] (case-insensitive; `float`, `float32`, `int16`, `s16`, `pcm16`...).
         *
         * @throws AudioException [AudioErrorKind.UnsupportedFormat] naming the value when unknown.
         */
        @JvmStatic
        public fun parse(name: String): SampleFormat = when (name.lowercase().replace("_", "").replace("-", "")) {
            "float", "float32", "f32", "floatle" -> FLOAT32
            "double", "float64", "f64" -> FLOAT64
            "int32", "s32", "pcm32" -> INT32
            "int24", "s24", "pcm24" -> INT24
            "int16", "s16", "pcm16" -> INT16
            "int8", "s8" -> INT8
            "uint8", "u8", "pcm8" -> UINT8
            else -> throw AudioException(
                AudioErrorKind.UnsupportedFormat,
                "unknown sample format '$name' (expected one of ${entries.joinToString { it.name.lowercase() }})",
            )
        }
    }
}
