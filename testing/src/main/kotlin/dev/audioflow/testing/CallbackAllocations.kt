package dev.audioflow.testing

import dev.audioflow.DelicateAudioApi
import dev.audioflow.spi.CallbackProbe
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe

/**
 * [Allocations]' steady-state proof for a stream's realtime thread (a native callback, a Java
 * Sound line thread), measured from inside it with [CallbackProbe]: after [warmUpCycles] driver
 * cycles it arms the probe and records the bytes allocated in each of [windows] windows of
 * [windowCycles] probed cycles; [assertAllocationFree] then requires, as [Allocations] does, one
 * window of exactly 0 bytes and all of them together under 1 KiB.
 *
 * Thread: [keepGoing] on the collecting coroutine, once per block; not thread-safe otherwise.
 *
 * ```
 * val windows = CallbackAllocations()
 * device.duplex(config, monitor = monitor) { input -> input.takeWhile { windows.keepGoing(monitor.stats.value.cycles) } }
 * windows.assertAllocationFree()
 * ```
 */
@OptIn(DelicateAudioApi::class)
public class CallbackAllocations @JvmOverloads constructor(
    private val warmUpCycles: Long = 60_000,
    private val windowCycles: Long = 20_000,
    private val windows: Int = 5,
) {
    private var armed = false
    private val totals = ArrayList<Long>()

    /**
     * Given the stream's driver [cycles] so far: arms the probe once warmed up, records each
     * finished window, and answers whether more blocks are needed.
     */
    public fun keepGoing(cycles: Long): Boolean {
        if (!armed && cycles > warmUpCycles) {
            CallbackProbe.arm()
            armed = true
        }
        if (armed && CallbackProbe.cycles >= windowCycles * (totals.size + 1)) totals += CallbackProbe.allocatedBytes
        return totals.size < windows
    }

    /**
     * Disarms the probe and asserts the windows were allocation-free; prints the bytes of each.
     *
     * @throws AssertionError naming the bytes per window when the thread allocated (or fewer
     *   windows than asked for were measured).
     */
    public fun assertAllocationFree() {
        CallbackProbe.disarm()
        val perWindow = totals.mapIndexed { i, total -> total - (if (i == 0) 0L else totals[i - 1]) }
        println("bytes allocated on the realtime thread per window of about $windowCycles cycles: $perWindow")
        perWindow.size shouldBe windows
        perWindow.min() shouldBe 0L
        perWindow.sum() shouldBeLessThan 1024L
    }
}
