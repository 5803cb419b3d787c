package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.yield
import java.util.concurrent.locks.LockSupport
import kotlin.time.Duration.Companion.nanoseconds

/**
 * How the coroutine side of a stream waits for its driver and vice versa.
 *
 * A native callback may not resume a coroutine, so native backends use [polling]: the app side
 * sleeps for a fraction of a block (briefly, when frames are being lost) and looks at the rings
 * again. Virtual drivers are coroutines
 * themselves and use [signalling], which wakes the other side exactly when there is news
 * (and so costs nothing under virtual time).
 */
@DelicateAudioApi
public abstract class Wakeup {
    /** App side: suspends until the driver may have made progress. */
    public abstract suspend fun awaitApp()

    /** Driver side (coroutine drivers only): tells the app side there is news. */
    public open fun signalApp() {}

    /** Driver side (coroutine drivers only): suspends until the app may have made progress. */
    public open suspend fun awaitDriver() {}

    /** App side: tells a coroutine driver there is news. A no-op for native drivers. */
    public open fun signalDriver() {}

    public companion object {
        /**
         * For native drivers: the app side sleeps [periodNanos] between looks at the rings (in
         * practice at least a millisecond, `delay`'s resolution). When [endpoint] shows frames
         * lost since the previous wait (the device ran dry or dropped input: it is faster than
         * that sleep, as an unpaced device is, or the consumer fell behind), the next
         * [FAST_WAITS] waits are instead timed parks of [SHORT_PARK_NANOS] followed by a yield,
         * which keep such a device fed and leave the CPU to the callback thread when both share
         * a core. A device that keeps real time with a healthy consumer loses nothing and always
         * sees the plain sleep. Measured on PortAudio's unpaced ALSA null device
         * (`benchmarks/portaudio/run`): plain sleeps moved about 6 M frames/s, the short parks
         * 30 to 45 M.
         */
        @JvmStatic
        public fun polling(periodNanos: Long, endpoint: RealtimeEndpoint): Wakeup = PollingWakeup(periodNanos, endpoint)

        /** Waits that use short parks after [polling] saw frames lost. */
        public const val FAST_WAITS: Int = 1000

        /** Length of one short park: 50 µs, well below `delay`'s resolution. */
        public const val SHORT_PARK_NANOS: Long = 50_000

        /** For coroutine drivers: both sides signal each other through conflated channels. */
        @JvmStatic
        public fun signalling(): Wakeup = SignallingWakeup()

        /** A polling period suited to [blockNanos]-long blocks: a quarter block, within 0.2..5 ms. */
        @JvmStatic
        public fun pollPeriodFor(blockNanos: Long): Long = (blockNanos / 4).coerceIn(200_000L, 5_000_000L)
    }
}

@OptIn(DelicateAudioApi::class)
private class PollingWakeup(private val periodNanos: Long, private val endpoint: RealtimeEndpoint) : Wakeup() {
    private var lastSilenced = 0L
    private var lastDropped = 0L
    private var fastWaits = 0

    override suspend fun awaitApp() {
        if (lostFrames()) fastWaits = FAST_WAITS
        if (fastWaits > 0) {
            fastWaits--
            LockSupport.parkNanos(SHORT_PARK_NANOS)
            yield()
        } else {
            delay(periodNanos.nanoseconds)
        }
    }

    private fun lostFrames(): Boolean {
        val silenced = endpoint.silencedFrames
        val dropped = endpoint.droppedFrames
        val lost = silenced != lastSilenced || dropped != lastDropped
        lastSilenced = silenced
        lastDropped = dropped
        return lost
    }
}

@OptIn(DelicateAudioApi::class)
private class SignallingWakeup : Wakeup() {
    private val toApp = Channel<Unit>(Channel.CONFLATED)
    private val toDriver = Channel<Unit>(Channel.CONFLATED)

    override suspend fun awaitApp() {
        toApp.receive()
    }

    override fun signalApp() {
        toApp.trySend(Unit)
    }

    override suspend fun awaitDriver() {
        toDriver.receive()
    }

    override fun signalDriver() {
        toDriver.trySend(Unit)
    }
}
