package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamThread
import dev.audioflow.StreamThreadPlacement
import java.io.IOException
import java.io.RandomAccessFile
import java.lang.management.ManagementFactory

/**
 * The stream thread's side of [StreamThreadPlacement]: pins the stream thread to the CPU the
 * native audio thread last ran on ([RealtimeEndpoint.audioThreadCpu]) whenever that changed, and
 * for [StreamThreadPlacement.ColocatedWhileLight] measures the stream thread's load and lets it
 * go once heavy. [follow] is called both where the stream thread waits for a cycle and on every
 * block it handles, so a Flow that turns heavy and never waits again is still let go.
 *
 * Heavy means, in [HEAVY_WINDOWS] windows in a row, each at least [MIN_WINDOW_CYCLES] driver
 * cycles and [MIN_WINDOW_NANOS] long, any of:
 * - it used more than [HEAVY_SHARE] of a CPU (its own CPU-time clock over wall time);
 * - it spent more than [STARVED_SHARE] of the window ready to run but waiting for the CPU (the
 *   kernel's run delay, `/proc/thread-self/schedstat`): kept from it by an audio thread that is
 *   busy all the time (an unpaced device) or by other threads there, its own CPU share stays
 *   low while it falls behind;
 * - it never once caught up with the driver and waited for a cycle ([noteWaiting]).
 *
 * Each window costs two clock reads and one read of the schedstat file (opened once, read into
 * a preallocated buffer); what the system does not offer (no thread CPU clock, no schedstat) is
 * left out of the judgement.
 *
 * Thread: the stream thread only (not realtime: pinning is a system call); one per endpoint.
 */
@OptIn(DelicateAudioApi::class)
internal class StreamThreadFollower(private val endpoint: RealtimeEndpoint) {
    /** The CPU the stream thread pinned itself to; -1: not pinned. */
    private var pinnedCpu = -1

    /** Set once the system refused a pin or an unpin: the thread stays as it is. */
    private var refused = false

    /** Where the current load window began: the driver's cycle count (-1 before the first), wall and thread CPU time. */
    private var windowCycles = -1L
    private var windowNanos = 0L
    private var windowCpuNanos = 0L

    /** Load windows in a row in which the stream thread was heavy. */
    private var heavyWindows = 0

    /** The run delay when the current window began; -1 where it cannot be read. */
    private var windowRunDelayNanos = -1L

    /** `/proc/thread-self/schedstat` of the stream thread, opened on first use; null before or once it failed. */
    private var schedstat: RandomAccessFile? = null
    private var schedstatFailed = false
    private val schedstatBytes = ByteArray(SCHEDSTAT_BYTES)

    /** Whether the stream thread waited for a cycle in the current window. */
    private var waitedInWindow = false

    /** Called where the stream thread, ahead of the driver, is about to wait for its next cycle. */
    fun noteWaiting() {
        waitedInWindow = true
    }

    /** Pins the stream thread to the audio thread's CPU when that changed, or lets it go once heavy. Cheap when there is nothing to do. */
    fun follow() {
        val placement = endpoint.placement ?: return
        if (refused || Thread.currentThread() !is StreamThread) return
        if (endpoint.placementPolicy == StreamThreadPlacement.ColocatedWhileLight && isHeavy()) {
            if (pinnedCpu < 0 || placement.unpinCurrentThread()) {
                pinnedCpu = -1
                endpoint.releaseStreamThread()
            } else {
                refused = true
            }
            close()
            return
        }
        val cpu = endpoint.audioThreadCpu
        if (cpu < 0 || cpu == pinnedCpu) return
        if (placement.pinCurrentThread(cpu)) pinnedCpu = cpu else refused = true
    }

    private fun isHeavy(): Boolean {
        val cycles = endpoint.cycles
        if (windowCycles >= 0 && cycles - windowCycles < MIN_WINDOW_CYCLES) return false
        val now = System.nanoTime()
        if (windowCycles >= 0 && now - windowNanos < MIN_WINDOW_NANOS) return false
        val cpuNow = threadCpuNanos()
        val runDelayNow = runDelayNanos()
        if (windowCycles >= 0) {
            val wall = (now - windowNanos).toDouble()
            val busy = cpuNow >= 0 && windowCpuNanos >= 0 && (cpuNow - windowCpuNanos) / wall > HEAVY_SHARE
            val starved = runDelayNow >= 0 && windowRunDelayNanos >= 0 && (runDelayNow - windowRunDelayNanos) / wall > STARVED_SHARE
            heavyWindows = if (busy || starved || !waitedInWindow) heavyWindows + 1 else 0
        }
        windowCycles = cycles
        windowNanos = now
        windowCpuNanos = cpuNow
        windowRunDelayNanos = runDelayNow
        waitedInWindow = false
        return heavyWindows >= HEAVY_WINDOWS
    }

    /**
     * The stream thread's run delay so far in nanoseconds (the second field of its schedstat), or
     * -1 where the system does not tell. Allocation-free once the file is open.
     */
    private fun runDelayNanos(): Long {
        if (schedstatFailed) return -1L
        return try {
            val file = schedstat ?: RandomAccessFile(SCHEDSTAT, "r").also { schedstat = it }
            file.seek(0)
            val n = file.read(schedstatBytes)
            secondField(n)
        } catch (e: IOException) {
            schedstatFailed = true
            close()
            -1L
        }
    }

    /** The second space-separated decimal field of the first [n] bytes read, or -1. */
    private fun secondField(n: Int): Long {
        var i = 0
        while (i < n && schedstatBytes[i] != ' '.code.toByte()) i++
        i++
        var value = 0L
        var digits = 0
        while (i < n && schedstatBytes[i] in '0'.code.toByte()..'9'.code.toByte()) {
            value = value * 10 + (schedstatBytes[i] - '0'.code.toByte())
            i++
            digits++
        }
        return if (digits > 0) value else -1L
    }

    /** Closes the schedstat file, if open: when the stream thread was let go, or the stream ended. Any thread once the stream thread is done. */
    fun close() {
        val file = schedstat ?: return
        schedstat = null
        try {
            file.close()
        } catch (_: IOException) {
            // Nothing was written; nothing is lost.
        }
    }

    private companion object {
        /** A stream thread waiting for the CPU more than this share of a window is starved. */
        const val STARVED_SHARE = 0.1

        /** The calling thread's scheduler statistics: CPU time, run delay and time slices, in that order. */
        const val SCHEDSTAT = "/proc/thread-self/schedstat"

        /** Enough for the three decimal fields of [SCHEDSTAT]. */
        const val SCHEDSTAT_BYTES = 96

        /** A stream thread using more than this share of a CPU is heavy. */
        const val HEAVY_SHARE = 0.5

        /** Heavy windows in a row after which the stream thread is let go. */
        const val HEAVY_WINDOWS = 4

        /** The shortest load window, in driver cycles. */
        const val MIN_WINDOW_CYCLES = 64L

        /** The shortest load window, in nanoseconds: 100 ms. */
        const val MIN_WINDOW_NANOS = 100_000_000L

        /** The JVM's per-thread CPU clocks; the calling thread's is read without allocating. */
        private val threads = ManagementFactory.getThreadMXBean()

        /** The calling thread's CPU time in nanoseconds, or -1 where the JVM cannot tell. */
        fun threadCpuNanos(): Long = if (threads.isCurrentThreadCpuTimeSupported) threads.currentThreadCpuTime else -1L
    }
}
