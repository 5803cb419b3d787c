package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamThread
import dev.audioflow.StreamThreadPlacement
import java.io.IOException
import java.io.RandomAccessFile

/**
 * The stream thread's side of [StreamThreadPlacement]: pins the stream thread to the CPU the
 * native audio thread last ran on ([RealtimeEndpoint.audioThreadCpu]) whenever that changed, and
 * for [StreamThreadPlacement.ColocatedWhileLight] measures the stream thread's load and lets it
 * go once heavy. The session calls [follow] on every block the stream thread handles, so a Flow
 * that turns heavy and never waits again is still let go; the wakeup calls [noteWaiting].
 *
 * Heavy means, in [HEAVY_WINDOWS] windows in a row, each at least [MIN_WINDOW_CYCLES] driver
 * cycles and [MIN_WINDOW_NANOS] long, any of:
 * - it ran more than [HEAVY_SHARE] of the window;
 * - it spent more than [STARVED_SHARE] of the window ready to run but waiting for the CPU: kept
 *   from it by an audio thread that is busy all the time (an unpaced device) or by other
 *   threads there, its own CPU share stays low while it falls behind;
 * - it never once caught up with the driver and waited for a cycle ([noteWaiting]).
 *
 * The first two come from one read of the kernel's scheduler statistics for the thread
 * (`/proc/thread-self/schedstat`: time run, time waiting to run), opened once and read into a
 * preallocated buffer; without that file only the third counts.
 *
 * Thread: the stream thread only (not realtime: pinning is a system call); one per endpoint.
 */
@OptIn(DelicateAudioApi::class)
internal class StreamThreadFollower(private val endpoint: RealtimeEndpoint) {
    /** The CPU the stream thread pinned itself to; -1: not pinned. */
    private var pinnedCpu = -1

    /** Set once the system refused a pin or an unpin: the thread stays as it is. */
    private var refused = false

    /** Where the current load window began: the driver's cycle count (-1 before the first), wall time, and the schedstat times then. */
    private var windowCycles = -1L
    private var windowNanos = 0L
    private var windowRunNanos = -1L
    private var windowWaitNanos = -1L

    /** Load windows in a row in which the stream thread was heavy. */
    private var heavyWindows = 0

    /** `/proc/thread-self/schedstat` of the stream thread, opened on first use; null before or once it failed. */
    private var schedstat: RandomAccessFile? = null
    private var schedstatFailed = false
    private val schedstatBytes = ByteArray(SCHEDSTAT_BYTES)

    /** The last schedstat read: time run and time waiting to run, in nanoseconds; -1 when unreadable. */
    private var runNanos = -1L
    private var waitNanos = -1L

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
        readSchedstat()
        if (windowCycles >= 0) {
            val wall = (now - windowNanos).toDouble()
            val measured = runNanos >= 0 && windowRunNanos >= 0
            val busy = measured && (runNanos - windowRunNanos) / wall > HEAVY_SHARE
            val starved = measured && (waitNanos - windowWaitNanos) / wall > STARVED_SHARE
            heavyWindows = if (busy || starved || !waitedInWindow) heavyWindows + 1 else 0
        }
        windowCycles = cycles
        windowNanos = now
        windowRunNanos = runNanos
        windowWaitNanos = waitNanos
        waitedInWindow = false
        return heavyWindows >= HEAVY_WINDOWS
    }

    /**
     * Reads the stream thread's time run and time waiting to run so far (the first two fields of
     * its schedstat) into [runNanos] and [waitNanos], both -1 where the system does not tell.
     * Allocation-free once the file is open.
     */
    private fun readSchedstat() {
        runNanos = -1L
        waitNanos = -1L
        if (schedstatFailed) return
        val n = try {
            val file = schedstat ?: RandomAccessFile(SCHEDSTAT, "r").also { schedstat = it }
            file.seek(0)
            file.read(schedstatBytes)
        } catch (e: IOException) {
            schedstatFailed = true
            close()
            return
        }
        // Two space-separated decimals: time run, then time waiting to run.
        var run = -1L
        var value = 0L
        var digits = 0
        for (i in 0 until n) {
            val digit = schedstatBytes[i] - '0'.code.toByte()
            if (digit in 0..9) {
                value = value * 10 + digit
                digits++
                continue
            }
            if (digits == 0) return
            if (run >= 0) break
            run = value
            value = 0L
            digits = 0
        }
        if (run < 0 || digits == 0) return
        runNanos = run
        waitNanos = value
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

        /** The calling thread's scheduler statistics: time run, time waiting to run (both ns) and time slices, in that order. */
        const val SCHEDSTAT = "/proc/thread-self/schedstat"

        /** Enough for the three decimal fields of [SCHEDSTAT]. */
        const val SCHEDSTAT_BYTES = 96

        /** A stream thread running more than this share of a window is heavy. */
        const val HEAVY_SHARE = 0.5

        /** Heavy windows in a row after which the stream thread is let go. */
        const val HEAVY_WINDOWS = 4

        /** The shortest load window, in driver cycles. */
        const val MIN_WINDOW_CYCLES = 64L

        /** The shortest load window, in nanoseconds: 100 ms. */
        const val MIN_WINDOW_NANOS = 100_000_000L
    }
}
