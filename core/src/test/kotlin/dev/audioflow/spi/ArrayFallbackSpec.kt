package dev.audioflow.spi

import dev.audioflow.AudioException
import dev.audioflow.SampleFormat
import dev.audioflow.testing.Allocations
import dev.audioflow.testing.NativeFloats
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** Core's own [NativeBufferAccess], `sun.misc.Unsafe` ([NativeCopy.unsafe]), as a binding without JNA would provide one. */
private fun unsafeAccess(): NativeBufferAccess = NativeCopy.unsafe!!

class ArrayFallbackSpec : FunSpec({
    test("a cycle longer than the scratch arrays is cut into chunks, in order, with the cycle's flags on the first chunk only") {
        val endpoint = RealtimeEndpoint(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val fallback = ArrayFallback(endpoint, unsafeAccess(), scratchFrames = 16, sampleRate = 48_000)
        NativeFloats(2 * 100).use { input ->
            NativeFloats(2 * 100).use { output ->
                for (i in 0 until 200) input[i] = i.toFloat()
                fallback.processInterleaved(input.address, 0, 100, StatusFlags.XRUN, 0)
                endpoint.cycles shouldBe 7L
                endpoint.xruns shouldBe 1L
                val captured = FloatArray(200)
                endpoint.inputRing!!.read(captured, 0, 100) shouldBe 100
                captured.toList() shouldBe (0 until 200).map { it.toFloat() }
                endpoint.outputRing!!.write(captured, 0, 100)
                fallback.processInterleaved(0, output.address, 100, 0, 0)
                (0 until 200).map { output[it] } shouldBe captured.toList()
                endpoint.framesRendered shouldBe 100L
            }
        }
    }

    test("planar buffers are interleaved into the input ring and de-interleaved out of the output ring") {
        val endpoint = RealtimeEndpoint(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val fallback = ArrayFallback(endpoint, unsafeAccess(), scratchFrames = 24, sampleRate = 48_000)
        val ports = List(4) { NativeFloats(50) }
        try {
            for (f in 0 until 50) { ports[0][f] = f.toFloat(); ports[1][f] = -f.toFloat() }
            fallback.processPlanar(longArrayOf(ports[0].address, ports[1].address), null, 50, 0, 0)
            val captured = FloatArray(100)
            endpoint.inputRing!!.read(captured, 0, 50) shouldBe 50
            captured.toList() shouldBe (0 until 50).flatMap { listOf(it.toFloat(), -it.toFloat()) }
            endpoint.outputRing!!.write(captured, 0, 50)
            fallback.processPlanar(null, longArrayOf(ports[2].address, ports[3].address), 50, 0, 0)
            (0 until 50).map { ports[2][it] } shouldBe (0 until 50).map { it.toFloat() }
            (0 until 50).map { ports[3][it] } shouldBe (0 until 50).map { -it.toFloat() }
        } finally {
            ports.forEach { it.close() }
        }
    }

    test("raw sample formats are decoded on the way in and encoded on the way out, allocating nothing") {
        val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 1, ringFrames = 1024, sampleRate = 48_000)
        val fallback = ArrayFallback(endpoint, unsafeAccess(), scratchFrames = 64, sampleRate = 48_000, sampleFormat = SampleFormat.INT16)
        NativeFloats(64).use { buffer ->
            val samples = FloatArray(128) { (it - 64) / 64f }
            val encoded = ByteArray(256).also { SampleFormat.INT16.encode(samples, 0, it, 0, 128) }
            val access = unsafeAccess()
            access.writeBytes(buffer.address, 0, encoded, 0, 256)
            fallback.processInterleaved(buffer.address, 0, 128, 0, 0)
            val captured = FloatArray(128)
            endpoint.inputRing!!.read(captured, 0, 128) shouldBe 128
            captured.toList() shouldBe SampleFormat.INT16.decode(encoded).toList()
            endpoint.outputRing!!.write(captured, 0, 128)
            fallback.processInterleaved(0, buffer.address, 128, 0, 0)
            val played = ByteArray(256).also { access.readBytes(buffer.address, 0, it, 0, 256) }
            played.toList() shouldBe encoded.toList()
            fun cycles(n: Int) = repeat(n) { fallback.processInterleaved(buffer.address, buffer.address, 128, 0, 0) }
            cycles(20_000)
            Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
        }
    }

    test("a scratch size below one frame is refused naming the value") {
        val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 0, ringFrames = 64, sampleRate = 48_000)
        shouldThrow<AudioException> { ArrayFallback(endpoint, unsafeAccess(), scratchFrames = 0, sampleRate = 48_000) }.message shouldContain "was 0"
    }
})
