package dev.audioflow.spi

import dev.audioflow.DelicateAudioApi
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.nanoseconds

/**
 * How the coroutine side of a stream waits for its driver and vice versa.
 *
 * A native callback may not resume a coroutine, so native backends use [polling]: the app side
 * parks for a fraction of a block and looks at the rings again. Virtual drivers are coroutines
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
        /** For native drivers: the app side polls every [periodNanos]. */
        @JvmStatic
        public fun polling(periodNanos: Long): Wakeup = PollingWakeup(periodNanos)

        /** For coroutine drivers: both sides signal each other through conflated channels. */
        @JvmStatic
        public fun signalling(): Wakeup = SignallingWakeup()

        /** A polling period suited to [blockNanos]-long blocks: a quarter block, within 0.2..5 ms. */
        @JvmStatic
        public fun pollPeriodFor(blockNanos: Long): Long = (blockNanos / 4).coerceIn(200_000L, 5_000_000L)
    }
}

@OptIn(DelicateAudioApi::class)
private class PollingWakeup(private val periodNanos: Long) : Wakeup() {
    override suspend fun awaitApp() = delay(periodNanos.nanoseconds)
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
