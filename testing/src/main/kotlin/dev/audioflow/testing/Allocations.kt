package dev.audioflow.testing

import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import java.lang.management.ManagementFactory

/**
 * Proves a code path allocates nothing in steady state, on the calling thread.
 *
 * Runs a window of work several times and measures each run with HotSpot's per-thread
 * allocation counter. A path that allocates even one small object per call, or once every few
 * thousand calls, allocates in every window; the JVM itself may allocate once while it compiles
 * the code (a few hundred bytes in one window, never again). So at least one window must
 * allocate exactly 0 bytes and all of them together less than 1 KiB.
 *
 * ```
 * fun cycles(n: Int) = repeat(n) { endpoint.process(input, output, 256, 0, 0) }
 * cycles(20_000)                                                   // warm up: let the JIT compile it
 * Allocations.assertSteadyStateAllocationFree { cycles(100_000) }
 * ```
 */
public object Allocations {
    private val bean = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    /**
     * Runs [window] [windows] times on the calling thread and asserts that one run allocated
     * 0 bytes and all of them together under 1 KiB; prints the bytes of each run.
     *
     * Blocks for as long as the runs take. Thread: any; only the calling thread's allocations count.
     *
     * @throws AssertionError naming the bytes allocated when the path allocates.
     */
    @JvmStatic
    @JvmOverloads
    public fun assertSteadyStateAllocationFree(windows: Int = 5, window: Runnable) {
        bean.isThreadAllocatedMemoryEnabled = true
        val perWindow = List(windows) {
            val before = bean.currentThreadAllocatedBytes
            window.run()
            bean.currentThreadAllocatedBytes - before
        }
        println("allocated bytes per window: $perWindow")
        perWindow.min() shouldBe 0L
        perWindow.sum() shouldBeLessThan 1024L
    }
}
