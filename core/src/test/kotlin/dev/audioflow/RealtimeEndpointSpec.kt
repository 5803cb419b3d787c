package dev.audioflow

import dev.audioflow.spi.RealtimeEndpoint
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import java.lang.management.ManagementFactory

class RealtimeEndpointSpec : FunSpec({
    test("process and reportAsync allocate nothing on normal, overflow, underflow and xrun paths") {
        val bean = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean
        val endpoint = RealtimeEndpoint(inputChannels = 2, outputChannels = 2, ringFrames = 1024, sampleRate = 48_000)
        val input = FloatArray(2 * 256)
        val output = FloatArray(2 * 256)
        endpoint.outputArmed = true
        fun cycles(n: Int) = repeat(n) { i ->
            endpoint.process(input, output, 256, if (i % 7 == 0) BlockStatus.INPUT_UNDERFLOW else 0, i * 5_333_333L)
            if (i % 3 == 0) endpoint.reportAsync(BlockStatus.XRUN)
        }
        cycles(20_000)
        val before = bean.currentThreadAllocatedBytes
        cycles(100_000)
        val allocated = bean.currentThreadAllocatedBytes - before
        allocated shouldBe 0L
        endpoint.xruns shouldBeGreaterThan 0L
        endpoint.droppedFrames shouldBeGreaterThan 0L
        endpoint.outputUnderflowCycles shouldBeGreaterThan 0L
    }
})
