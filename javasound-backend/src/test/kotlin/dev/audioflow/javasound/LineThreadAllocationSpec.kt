package dev.audioflow.javasound

import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.javasound.JavaSoundTesting.FORMAT
import dev.audioflow.spi.CallbackProbe
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.takeWhile

/**
 * Measures, from inside the line thread, what a Java Sound stream's blocks allocate: a duplex
 * stream on the test device (unpaced ALSA null underneath) reads, converts, hands over, converts
 * and writes a block per cycle. The line thread calls the same [CallbackProbe] pair around each
 * cycle as a native callback does, with the same steady-state criterion as core's
 * `Allocations`: at least one window of exactly 0 bytes and all of them together under 1 KiB
 * (the JIT may allocate a few one-off bytes on the thread while it compiles the path).
 */
private const val WARM_UP_CYCLES = 20_000L
private const val WINDOW_CYCLES = 5_000L
private const val WINDOWS = 5

class LineThreadAllocationSpec : FunSpec({
    test("the line thread's blocks allocate nothing in steady state") {
        val monitor = StreamMonitor()
        var armed = false
        val totals = ArrayList<Long>()
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(32), ringFrames = 1024)
        JavaSoundTesting.device.duplex(config, monitor = monitor) { input ->
            input.takeWhile { _ ->
                if (!armed && monitor.stats.value.cycles > WARM_UP_CYCLES) {
                    CallbackProbe.arm()
                    armed = true
                }
                if (armed && CallbackProbe.cycles >= WINDOW_CYCLES * (totals.size + 1)) totals += CallbackProbe.allocatedBytes
                totals.size < WINDOWS
            }
        }
        CallbackProbe.disarm()
        val perWindow = totals.mapIndexed { i, total -> total - (if (i == 0) 0L else totals[i - 1]) }
        println("bytes allocated on the Java Sound line thread per window of about $WINDOW_CYCLES blocks: $perWindow")
        perWindow.size shouldBe WINDOWS
        perWindow.min() shouldBe 0L
        perWindow.sum() shouldBeLessThan 1024L
    }
})
