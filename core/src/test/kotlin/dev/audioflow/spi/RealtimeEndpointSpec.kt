package dev.audioflow.spi

import dev.audioflow.testing.Allocations
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
})
