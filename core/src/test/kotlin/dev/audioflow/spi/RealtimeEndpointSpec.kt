package dev.audioflow.spi

import dev.audioflow.testing.Allocations
import dev.audioflow.testing.NativeFloats
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe

class RealtimeEndpointSpec : FunSpec({
    test("process and reportAsync allocate nothing on normal, overflow, underflow and xrun paths") {
        val endpoint = RealtimeEndpoint(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val input = FloatArray(2 * 256)
        val output = FloatArray(2 * 256)
        endpoint.outputArmed = true
        fun cycles(n: Int) = repeat(n) { i ->
            endpoint.process(input, output, 256, if (i % 7 == 0) StatusFlags.INPUT_UNDERFLOW else 0, i * 5_333_333L)
            if (i % 3 == 0) endpoint.reportAsync(StatusFlags.XRUN)
        }
        cycles(20_000)
        Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
        endpoint.xruns shouldBeGreaterThan 0L
        endpoint.droppedFrames shouldBeGreaterThan 0L
        endpoint.outputUnderflowCycles shouldBeGreaterThan 0L
    }

    test("native glitch flags count as xruns, and a native input overflow as an overflow cycle") {
        val endpoint = RealtimeEndpoint(inputChannels = 1, outputChannels = 0, ringFrames = 1024, sampleRate = 48_000)
        val input = FloatArray(64)
        endpoint.process(input, null, 64, 0, 0)
        endpoint.process(input, null, 64, StatusFlags.INPUT_OVERFLOW, 0)
        endpoint.process(input, null, 64, StatusFlags.OUTPUT_UNDERFLOW, 0)
        endpoint.process(input, null, 64, StatusFlags.PRIMING_OUTPUT, 0)
        endpoint.xruns shouldBe 2L
        endpoint.inputOverflowCycles shouldBe 1L
        endpoint.droppedFrames shouldBe 0L
    }

    test("processNative moves frames between native buffers and the rings, fills silence, counts like process, allocates nothing") {
        val endpoint = RealtimeEndpoint(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        NativeFloats(2 * 256).use { input ->
            NativeFloats(2 * 256).use { output ->
                for (i in 0 until 512) input[i] = i.toFloat()
                endpoint.processNative(input.address, output.address, 256, 0, 0)
                val captured = FloatArray(512)
                endpoint.inputRing!!.read(captured, 0, 256) shouldBe 256
                captured.toList() shouldBe (0 until 512).map { it.toFloat() }
                endpoint.outputRing!!.write(captured, 0, 100)
                endpoint.outputArmed = true
                for (i in 0 until 512) output[i] = -1f
                endpoint.processNative(0, output.address, 256, 0, 0)
                (0 until 512).map { output[it] } shouldBe (0 until 200).map { it.toFloat() } + List(312) { 0f }
                endpoint.framesRendered shouldBe 100L
                endpoint.silencedFrames shouldBe 156L
                endpoint.outputUnderflowCycles shouldBe 1L
                endpoint.cycles shouldBe 2L
                fun cycles(n: Int) = repeat(n) { i ->
                    endpoint.processNative(input.address, output.address, 256, if (i % 7 == 0) StatusFlags.INPUT_UNDERFLOW else 0, i * 5_333_333L)
                    if (i % 3 == 0) endpoint.reportAsync(StatusFlags.XRUN)
                }
                cycles(20_000)
                Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
                endpoint.droppedFrames shouldBeGreaterThan 0L
            }
        }
    }

    test("processPlanar moves frames between per-channel buffers and the rings, fills silence, allocates nothing") {
        val endpoint = RealtimeEndpoint(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val buffers = List(4) { NativeFloats(64) }
        try {
            val inputs = longArrayOf(buffers[0].address, buffers[1].address)
            val outputs = longArrayOf(buffers[2].address, buffers[3].address)
            for (f in 0 until 64) { buffers[0][f] = f.toFloat(); buffers[1][f] = -f.toFloat() }
            endpoint.processPlanar(inputs, null, 64, 0, 0)
            val captured = FloatArray(128)
            endpoint.inputRing!!.read(captured, 0, 64) shouldBe 64
            captured.toList() shouldBe (0 until 64).flatMap { listOf(it.toFloat(), -it.toFloat()) }
            endpoint.outputRing!!.write(captured, 0, 40)
            endpoint.outputArmed = true
            endpoint.processPlanar(null, outputs, 64, 0, 0)
            (0 until 64).map { buffers[2][it] } shouldBe (0 until 40).map { it.toFloat() } + List(24) { 0f }
            (0 until 64).map { buffers[3][it] } shouldBe (0 until 40).map { -it.toFloat() } + List(24) { 0f }
            endpoint.silencedFrames shouldBe 24L
            endpoint.deviceFrames shouldBe 128L
            endpoint.cycles shouldBe 2L
            endpoint.lastCycleNanos shouldBeGreaterThan 0L
            fun cycles(n: Int) = repeat(n) { endpoint.processPlanar(inputs, outputs, 64, 0, 0) }
            cycles(20_000)
            Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
        } finally {
            buffers.forEach { it.close() }
        }
    }
})
