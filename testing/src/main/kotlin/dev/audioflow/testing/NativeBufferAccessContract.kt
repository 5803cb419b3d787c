@file:JvmName("NativeBufferAccessContracts")

package dev.audioflow.testing

import dev.audioflow.DelicateAudioApi
import dev.audioflow.SampleFormat
import dev.audioflow.spi.ArrayFallback
import dev.audioflow.spi.NativeBufferAccess
import dev.audioflow.spi.RealtimeEndpoint
import io.kotest.core.factory.TestFactory
import io.kotest.core.spec.style.funSpec
import io.kotest.matchers.shouldBe

/**
 * The specs every [NativeBufferAccess] must pass, as a Kotest factory to `include` in a spec:
 * floats, bytes and struct fields to and from native memory at an offset, and core's
 * [ArrayFallback] over the access moving int16 interleaved frames (in and out) and float32
 * per-channel buffers through a stream's rings without allocating. [name] prefixes each test, so that the
 * report says which access failed.
 *
 * Tests run on the spec's thread; [access] need not be thread-safe.
 *
 * ```
 * class JnaBufferAccessSpec : FunSpec({ include(nativeBufferAccessContract("JNA", JnaBufferAccess())) })
 * ```
 */
@OptIn(DelicateAudioApi::class)
public fun nativeBufferAccessContract(name: String, access: NativeBufferAccess): TestFactory = funSpec {
    test("$name: floats, bytes, ints, longs and doubles go to and from native memory at the given offsets") {
        NativeFloats(16).use { memory ->
            val address = memory.address
            access.writeFloats(address, 8, floatArrayOf(9f, 1f, 2f, 9f), 1, 2)
            memory[2] shouldBe 1f
            memory[3] shouldBe 2f
            val floats = FloatArray(3)
            access.readFloats(address, 8, floats, 1, 2)
            floats.toList() shouldBe listOf(0f, 1f, 2f)
            access.writeBytes(address, 33, byteArrayOf(5, 7, 8, 9), 1, 3)
            val bytes = ByteArray(4)
            access.readBytes(address, 33, bytes, 1, 3)
            bytes.toList() shouldBe listOf<Byte>(0, 7, 8, 9)
            memory[4] = Float.fromBits(0x3FF0_0000)
            memory[5] = Float.fromBits(0x1234_5678)
            access.readInt(address, 20) shouldBe 0x1234_5678
            // Little-endian: the float at index 6 is the low half of the long and the double at offset 24.
            memory[6] = Float.fromBits(0)
            memory[7] = Float.fromBits(0x3FF8_0000)
            access.readLong(address, 24) shouldBe 0x3FF8_0000_0000_0000L
            access.readDouble(address, 24) shouldBe 1.5
        }
    }

    test("$name: the array fallback moves int16 interleaved frames and float32 port buffers through the rings without allocating") {
        val endpoint = TestEndpoints.create(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val frames = 64
        NativeFloats(frames).use { input ->
            val raw = ByteArray(frames * 2 * 2) { i -> if (i % 2 == 0) (i * 3).toByte() else (i / 8).toByte() }
            access.writeBytes(input.address, 0, raw, 0, raw.size)
            val interleaved = ArrayFallback(endpoint, access, 16, 48_000, SampleFormat.INT16)
            interleaved.processInterleaved(input.address, 0, frames, 0, 0)
            val captured = FloatArray(frames * 2)
            endpoint.inputRing!!.read(captured, 0, frames) shouldBe frames
            captured.toList() shouldBe SampleFormat.INT16.decode(raw).toList()
            // And back out: the played frames, encoded, in every chunk's place.
            val outputRing = endpoint.outputRing!!
            outputRing.write(captured, 0, frames)
            TestEndpoints.armOutput(endpoint)
            NativeFloats(frames).use { output ->
                interleaved.processInterleaved(0, output.address, frames, 0, 0)
                val played = ByteArray(raw.size)
                access.readBytes(output.address, 0, played, 0, played.size)
                played.toList() shouldBe SampleFormat.INT16.encode(captured).toList()
            }

            val ports = List(2) { NativeFloats(frames) }
            try {
                val addresses = LongArray(2) { ports[it].address }
                outputRing.write(captured, 0, frames)
                val planar = ArrayFallback(endpoint, access, 16, 48_000)
                planar.processPlanar(null, addresses, frames, 0, 0)
                (0 until frames).map { ports[0][it] } shouldBe (0 until frames).map { captured[2 * it] }
                (0 until frames).map { ports[1][it] } shouldBe (0 until frames).map { captured[2 * it + 1] }

                fun cycles(n: Int) = repeat(n) {
                    interleaved.processInterleaved(input.address, input.address, frames, 0, 0)
                    planar.processPlanar(addresses, addresses, frames, 0, 0)
                }
                cycles(20_000)
                Allocations.assertSteadyStateAllocationFree { cycles(50_000) }
                endpoint.cycles shouldBe (3 + 2 * (20_000 + 5 * 50_000)) * (frames / 16).toLong()
            } finally {
                ports.forEach { it.close() }
            }
        }
    }
}
