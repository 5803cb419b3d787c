package dev.audioflow.javasound

import dev.audioflow.BlockSize
import dev.audioflow.StreamConfig
import dev.audioflow.StreamMonitor
import dev.audioflow.duplex
import dev.audioflow.javasound.JavaSoundTesting.FORMAT
import dev.audioflow.testing.CallbackAllocations
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.flow.takeWhile

/**
 * Measures, from inside the line thread, what a Java Sound stream's blocks allocate: a duplex
 * stream on the test device (unpaced ALSA null underneath) reads, converts, hands over, converts
 * and writes a block per cycle. The line thread calls the same `CallbackProbe` pair around each
 * cycle as a native callback does.
 */
class LineThreadAllocationSpec : FunSpec({
    test("the line thread's blocks allocate nothing in steady state") {
        val monitor = StreamMonitor()
        val windows = CallbackAllocations(warmUpCycles = 20_000, windowCycles = 5_000)
        val config = StreamConfig(FORMAT, blockSize = BlockSize.Fixed(32), ringFrames = 1024)
        JavaSoundTesting.device.duplex(config, monitor = monitor) { input -> input.takeWhile { windows.keepGoing(monitor.stats.value.cycles) } }
        windows.assertAllocationFree()
    }
})
