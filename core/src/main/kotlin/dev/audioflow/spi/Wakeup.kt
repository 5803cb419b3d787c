package dev.audioflow.spi

import dev.audioflow.AudioException
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamThread
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.yield
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.coroutineContext
import kotlin.time.Duration
import kotlin.time.Duration.Companion.microseconds
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.nanoseconds

/**
 * How the coroutine side of a stream waits for its driver and vice versa.
 *
 * A native callback may not resume a coroutine, so native backends use [polling]: the app side
 * sleeps until the driver's next cycle is due and looks at the rings again. Virtual drivers are
 * coroutines themselves and use [signalling], which wakes the other side exactly when there is
 * news (and so costs nothing under virtual time). Why polling and how it sleeps is explained in
 * `docs/performance-notes.md`.
 *
 * Thread: the app-side methods run on the collecting coroutine, the driver-side ones on a
 * coroutine driver; none is called from a native callback.
 *
 * ```
 * override val wakeup: Wakeup = Wakeup.polling(Wakeup.pollPeriodFor(blockDuration), request.endpoint)
 * ```
 */
@DelicateAudioApi
public abstract class Wakeup {
    /** App side: suspends until the driver may have made progress. */
    @JvmSynthetic
    public abstract suspend fun awaitApp()

    /** Driver side (coroutine drivers only): tells the app side there is news. */
    public open fun signalApp() {}

    /** Driver side (coroutine drivers only): suspends until the app may have made progress. */
    @JvmSynthetic
    public open suspend fun awaitDriver() {}

    /** App side: tells a coroutine driver there is news. A no-op for native drivers. */
    public open fun signalDriver() {}

    /** True when the app side is best run on a thread of its own that this wakeup parks ([polling]). */
    internal open val parksStreamThread: Boolean get() = false

    public companion object {
        /**
         * For native drivers: the app side sleeps until the driver is expected to have made
         * progress, judged from the driver's own timing ([RealtimeEndpoint.lastCycleNanos],
         * [RealtimeEndpoint.cycles], [RealtimeEndpoint.deviceFrames]): until just after the next
         * cycle is due, or, while the output ring is more than three quarters full, until a
         * quarter of it has drained at the device's pace; a late or stopped device is polled
         * with a growing back-off. Until the driver has run two cycles it sleeps [period]; no
         * wait is longer than 4 to 8 times that.
         *
         * On the stream's own thread (duplex streams and sinks of native backends run their
         * coroutine side on one) it parks until the endpoint unparks it at the end of the
         * driver's next cycle: one wake-up per cycle and no dispatch.
         *
         * Blocking: elsewhere, waits of 2 ms or more suspend; shorter ones park the collecting thread (that
         * allocates nothing), then yield. Streams whose cycle is under 2 ms therefore hold their
         * collecting thread most of the time and belong on `Dispatchers.Default` or `IO`, never
         * on a UI or single-threaded dispatcher.
         *
         * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] naming a [period] that is not positive.
         */
        @JvmSynthetic
        public fun polling(period: Duration, endpoint: RealtimeEndpoint): Wakeup {
            AudioException.require(period.isPositive()) { "polling period must be positive, was $period" }
            return PollingWakeup(period.inWholeNanoseconds, endpoint)
        }

        /** Waits at least this long suspend with `delay`; shorter ones park the thread. */
        internal const val MIN_DELAY_NANOS: Long = 2_000_000

        /** For coroutine drivers: both sides signal each other through conflated channels. */
        @JvmStatic
        public fun signalling(): Wakeup = SignallingWakeup()

        /** A polling period suited to blocks of [block]: a quarter block, within 0.2..5 ms. */
        @JvmSynthetic
        public fun pollPeriodFor(block: Duration): Duration = (block / 4).coerceIn(MIN_POLL_PERIOD, MAX_POLL_PERIOD)

        private val MIN_POLL_PERIOD = 200.microseconds
        private val MAX_POLL_PERIOD = 5.milliseconds
    }
}

@OptIn(DelicateAudioApi::class)
private class PollingWakeup(private val periodNanos: Long, private val endpoint: RealtimeEndpoint) : Wakeup() {
    override val parksStreamThread: Boolean get() = true

    private var seenCycles = 0L
    private var seenStamp = 0L
    private var seenFrames = 0L

    /** Smoothed nanoseconds and frames per driver cycle; 0 until two cycles have been seen. */
    private var cycleNanos = 0.0
    private var cycleFrames = 0.0

    /** The driver's cycle count when the stream thread last returned from [awaitApp]. */
    private var seenByStreamThread = -1L

    // Both suspending calls are tail calls, so this function has no suspend frame of its own
    // and yield() reuses the caller's (cached) intercepted continuation: nothing is allocated.
    @JvmSynthetic override suspend fun awaitApp() {
        val thread = Thread.currentThread()
        if (thread is StreamThread) return parkUntilCycle(thread, coroutineContext)
        val wait = nextWaitNanos()
        if (wait >= Wakeup.MIN_DELAY_NANOS) return delay(wait.nanoseconds)
        LockSupport.parkNanos(wait)
        return yield()
    }

    /**
     * On the stream's own thread: parks until the driver's next cycle ends (the endpoint unparks
     * [thread] then), at once if one ended since the last call, at most [periodNanos] × 8 for a
     * device that stopped. Nothing is dispatched; a cancelled caller finds out here.
     */
    private fun parkUntilCycle(thread: Thread, context: CoroutineContext) {
        context.ensureActive()
        endpoint.appThread = thread
        if (endpoint.cycles == seenByStreamThread) {
            endpoint.follower.noteWaiting()
            LockSupport.parkNanos(periodNanos * 8)
        }
        seenByStreamThread = endpoint.cycles
    }

    private fun nextWaitNanos(): Long {
        observe()
        if (cycleNanos == 0.0) return periodNanos
        val period = cycleNanos
        val margin = (period / 16).coerceIn(MIN_MARGIN_NANOS, MAX_MARGIN_NANOS)
        val sinceLast = (System.nanoTime() - seenStamp).toDouble()
        val toNextCycle = if (sinceLast < period) {
            period - sinceLast + margin
        } else {
            ((sinceLast - period) / 2).coerceAtLeast(margin)
        }
        val maxWait = maxOf(periodNanos * 4.0, minOf(period + margin, periodNanos * 8.0))
        return maxOf(toNextCycle, outputDrainNanos()).coerceAtMost(maxWait).toLong()
    }

    /**
     * Updates the driver's timing from its latest cycle. A sample counts for at most twice the
     * current estimate, so a stall (a server xrun, a device that stopped for a while) nudges the
     * estimate instead of making the next waits as long as the stall.
     */
    private fun observe() {
        val cycles = endpoint.cycles
        if (cycles <= seenCycles) return
        val stamp = endpoint.lastCycleNanos
        val frames = endpoint.deviceFrames
        if (seenCycles > 0 && stamp > seenStamp) {
            val n = (cycles - seenCycles).toDouble()
            cycleNanos = smooth(cycleNanos, (stamp - seenStamp) / n)
            cycleFrames = smooth(cycleFrames, (frames - seenFrames) / n)
        }
        seenCycles = cycles
        seenStamp = stamp
        seenFrames = frames
    }

    /** While the output ring is more than 3/4 full: the time until a quarter of it is free, at the device's pace. */
    private fun outputDrainNanos(): Double {
        val ring = endpoint.outputRing ?: return 0.0
        val excess = ring.totalWritten - ring.totalRead - ring.capacityFrames * 3L / 4
        if (excess <= 0 || cycleFrames <= 0.0) return 0.0
        return excess / cycleFrames * cycleNanos
    }

    /** Follows a faster driver quickly (waiting too long loses frames) and a slower one slowly. */
    private fun smooth(average: Double, sample: Double): Double = when {
        average == 0.0 -> sample
        sample < average -> average + (sample - average) / 2
        else -> average + (minOf(sample, average * 2) - average) / 4
    }

    private companion object {
        /** How long after a cycle is due to look: a 16th of a cycle, within these bounds. */
        const val MIN_MARGIN_NANOS = 10_000.0
        const val MAX_MARGIN_NANOS = 500_000.0
    }
}

@OptIn(DelicateAudioApi::class)
private class SignallingWakeup : Wakeup() {
    private val toApp = Channel<Unit>(Channel.CONFLATED)
    private val toDriver = Channel<Unit>(Channel.CONFLATED)

    @JvmSynthetic override suspend fun awaitApp() {
        toApp.receive()
    }

    override fun signalApp() {
        toApp.trySend(Unit)
    }

    @JvmSynthetic override suspend fun awaitDriver() {
        toDriver.receive()
    }

    override fun signalDriver() {
        toDriver.trySend(Unit)
    }
}
