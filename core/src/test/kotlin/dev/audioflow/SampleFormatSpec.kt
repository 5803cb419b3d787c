package dev.audioflow

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.floats.plusOrMinus
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.float
import io.kotest.property.arbitrary.floatArray
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.map
import io.kotest.property.checkAll
import java.nio.ByteBuffer
import java.nio.ByteOrder

class SampleFormatSpec : FunSpec({
    val integerFormats = SampleFormat.entries.filterNot { it.isFloat }

    context("float to bytes to float stays within half a step") {
        withData(SampleFormat.entries) { format ->
            val step = if (format.isFloat) 0f else 1f / (1L shl (format.bits - 1)).toFloat()
            val top = 1f - step // the largest value an integer format represents
            checkAll(200, Arb.floatArray(Arb.int(0..64), Arb.float(-1f, top))) { samples ->
                val clean = samples.map { if (it.isNaN() || it.isInfinite()) 0f else it.coerceIn(-1f, top) }.toFloatArray()
                val back = format.decode(format.encode(clean))
                back.size shouldBe clean.size
                for (i in clean.indices) back[i] shouldBe (clean[i] plusOrMinus (step / 2 + Math.ulp(clean[i])))
            }
        }
    }

    context("bytes to float to bytes is exact for integer formats up to 24 bits") {
        withData(integerFormats.filter { it.bits <= 24 }) { format ->
            checkAll(200, Arb.byteArray(Arb.int(0..64).map { it * format.bytesPerSample }, Arb.byte())) { bytes ->
                format.encode(format.decode(bytes)).toList() shouldBe bytes.toList()
            }
        }
    }

    context("out-of-range floats clip to the integer range and NaN encodes as zero") {
        withData(integerFormats) { format ->
            val max = (1L shl (format.bits - 1)) - 1
            val decodedMax = format.decode(format.encode(floatArrayOf(2f)))[0]
            val decodedMin = format.decode(format.encode(floatArrayOf(-7f)))[0]
            decodedMax shouldBe (max.toDouble() / (1L shl (format.bits - 1))).toFloat()
            decodedMin shouldBe -1f
            format.decode(format.encode(floatArrayOf(Float.NaN)))[0] shouldBe 0f
        }
    }

    test("float formats keep out-of-range values unchanged") {
        SampleFormat.FLOAT32.decode(SampleFormat.FLOAT32.encode(floatArrayOf(1.5f, -3f)))
            .toList() shouldBe listOf(1.5f, -3f)
    }

    test("known encodings are little-endian with documented scaling") {
        SampleFormat.INT16.encode(floatArrayOf(0.5f, -1f)).toList() shouldBe listOf<Byte>(0x00, 0x40, 0x00, 0x80.toByte())
        SampleFormat.INT24.encode(floatArrayOf(0.5f)).toList() shouldBe listOf<Byte>(0, 0, 0x40)
        SampleFormat.UINT8.encode(floatArrayOf(0f, -1f)).toList() shouldBe listOf<Byte>(0x80.toByte(), 0)
        SampleFormat.INT8.encode(floatArrayOf(0.5f)).toList() shouldBe listOf<Byte>(0x40)
        SampleFormat.INT32.encode(floatArrayOf(-1f)).toList() shouldBe listOf<Byte>(0, 0, 0, 0x80.toByte())
    }

    context("ByteBuffer forms match the array forms whatever the buffer's byte order") {
        withData(SampleFormat.entries) { format ->
            checkAll(50, Arb.floatArray(Arb.int(1..32), Arb.float(-1f, 0.99f))) { raw ->
                val samples = raw.map { if (it.isFinite()) it else 0f }.toFloatArray()
                val expected = format.encode(samples)
                val buffer = ByteBuffer.allocate(expected.size).order(ByteOrder.BIG_ENDIAN)
                format.encode(samples, 0, buffer, samples.size)
                buffer.array().toList() shouldBe expected.toList()
                buffer.flip()
                val decoded = FloatArray(samples.size)
                format.decode(buffer, decoded, 0, samples.size)
                decoded.toList() shouldBe format.decode(expected).toList()
            }
        }
    }

    test("bad ranges and names are rejected with the offending value") {
        shouldThrow<AudioException> { SampleFormat.INT16.encode(FloatArray(4), 2, ByteArray(8), 0, 4) }
            .message shouldContain "[2, 6)"
        shouldThrow<AudioException> { SampleFormat.INT24.decode(ByteArray(4)) }.message shouldContain "4 bytes"
        val unknown = shouldThrow<AudioException> { SampleFormat.parse("pcm12") }
        unknown.kind shouldBe AudioErrorKind.UnsupportedFormat
        unknown.message shouldContain "pcm12"
        SampleFormat.parse("s16") shouldBe SampleFormat.INT16
        SampleFormat.parse("float32") shouldBe SampleFormat.FLOAT32
    }
})
