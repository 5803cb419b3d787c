package dev.audioflow.testing

import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import java.lang.management.ManagementFactory

/**
 * Proves a code path allocates nothing in steady state, on the calling thread.
 *
 * Runs [window] [windows] times and measures each run with HotSpot's per-thread allocation
 * counter. A path that allocates even one small object per call, or once every few thousand
 * calls, allocates in every window; the JVM itself may allocate once while it compiles the code
 * (a few hundred bytes in one window, never again). So at least one window must allocate
 * exactly 0 bytes and all of them together less than 1 KiB.
 */
object Allocations {
    private val bean = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    fun assertSteadyStateAllocationFree(windows: Int = 5, window: () -> Unit) {
        bean.isThreadAllocatedMemoryEnabled = true
        val perWindow = List(windows) {
            val before = bean.currentThreadAllocatedBytes
            window()
            bean.currentThreadAllocatedBytes - before
        }
        println("allocated bytes per window: $perWindow")
        perWindow.min() shouldBe 0L
        perWindow.sum() shouldBeLessThan 1024L
    }
}
