package dev.audioflow

import dev.audioflow.virtual.CapturingSink
import dev.audioflow.virtual.Pacing
import dev.audioflow.virtual.VirtualBackend
import dev.audioflow.virtual.VirtualSource
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.datatest.withData
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.test.runTest

/**
 * Issue 13: a duplex stream's latency is its target (device round trip plus [StreamConfig.duplexBlocks]
 * blocks), comes back to it after a stalled collector, reports what it dropped to get there,
 * and [StreamInfo.roundTripLatency] is the latency measured at the output.
 */
class DuplexLatencySpec : FunSpec({
    val format = AudioFormat(48_000, 1)
    val block = 64
    val blocks = 200

    /** Mono input whose every sample names its frame (frame + 1, exact in a float), so the output tells its delay. */
    fun numbered(frames: Int) = FloatArray(frames) { (it + 1).toFloat() }

    /**
     * Runs a passthrough of [blocks] blocks and returns, for each output frame that carries an
     * input frame, its delay in frames: its position on the device's timeline less the input's.
     */
    suspend fun run(config: StreamConfig, stallAtBlock: Int?, monitor: StreamMonitor, received: MutableList<FloatBlock>): List<Long> {
        val backend = VirtualBackend(Pacing.CoroutineTime)
        val delays = ArrayList<Long>()
        val sink = CapturingSink { samples, frames, position ->
            for (i in 0 until frames) if (samples[i] != 0f) delays += position + i - (samples[i].toLong() - 1)
        }
        val box = backend.addDevice("box", 1, 1, 48_000, VirtualSource.samples(numbered(block * blocks * 2)), sink)
        box.duplex(config, monitor = monitor) { input ->
            input.take(blocks).onEach {
                received += it
                // Eight blocks' worth of device time with the collector doing nothing.
                if (it.frameIndex == stallAtBlock?.let { b -> b * block.toLong() }) delay(format.durationOf(8L * block))
            }
        }
        return delays
    }

    context("with N blocks queued, every frame comes out exactly N blocks late, as reported") {
        withData(1, 3) { duplexBlocks ->
            runTest {
                val config = StreamConfig(format, BlockSize.Fixed(block), duplexBlocks = duplexBlocks)
                val monitor = StreamMonitor()
                run(config, null, monitor, ArrayList()).toSet() shouldBe setOf(duplexBlocks * block.toLong())
                monitor.info.value!!.roundTripLatency shouldBe format.durationOf(duplexBlocks * block.toLong())
                monitor.stats.value.resyncs shouldBe 0
            }
        }
    }

    test("after a stalled collector the stream returns to its target latency and reports every frame it skipped") {
        runTest {
            val config = StreamConfig(format, BlockSize.Fixed(block))
            val monitor = StreamMonitor()
            val received = ArrayList<FloatBlock>()
            val delays = run(config, stallAtBlock = 50, monitor, received)
            val stats = monitor.stats.value
            withClue("the stall made the output underflow") { stats.silencedFrames shouldBeGreaterThan 0 }
            withClue("resyncs took back exactly the silence the underflows inserted ($stats)") {
                stats.resyncDroppedFrames shouldBe stats.silencedFrames - stats.droppedFrames
            }
            withClue("the blocks report the frames skipped, flagged resync") {
                received.filter { it.status.resync }.sumOf { it.status.droppedFrames } shouldBe stats.resyncDroppedFrames
            }
            val tail = delays.takeLast(blocks / 2 * block)
            withClue("delays of the last frames") { tail.toSet() shouldBe setOf(block.toLong()) }
            monitor.info.value!!.roundTripLatency shouldBe format.durationOf(block.toLong())
        }
    }
})
