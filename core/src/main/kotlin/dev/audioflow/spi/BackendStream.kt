package dev.audioflow.spi

import dev.audioflow.AudioDevice
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.BackendStatus
import dev.audioflow.DelicateAudioApi
import dev.audioflow.StreamConfig
import dev.audioflow.StreamInfo
import kotlinx.coroutines.CoroutineScope

/**
 * Backend SPI: what the core lifecycle asks a backend to open.
 *
 * @property input capture device, or null for an output-only stream.
 * @property output playback device, or null for an input-only stream.
 * @property config the validated configuration.
 * @property endpoint rings and counters the backend's realtime callback must drive through
 *   [RealtimeEndpoint.process] (or its native-address variants `processNative` and
 *   `processPlanar`) and nothing else.
 * @property scope the scope of the collecting coroutine; coroutine drivers (virtual devices)
 *   launch in it so they are cancelled with the stream. Native backends ignore it.
 */
@DelicateAudioApi
public class StreamRequest(
    public val input: AudioDevice?,
    public val output: AudioDevice?,
    public val config: StreamConfig,
    public val endpoint: RealtimeEndpoint,
    public val scope: CoroutineScope,
) {
    /** Channels captured, 0 without input. */
    public val inputChannels: Int get() = endpoint.inputChannels

    /** Channels played, 0 without output. */
    public val outputChannels: Int get() = endpoint.outputChannels
}

/**
 * Backend SPI: one opened native stream, driven by the core lifecycle.
 *
 * The lifecycle calls [start] once, then exactly one of [stop] or [abort], then [close]; [close]
 * is also called alone when starting fails. Every method is idempotent and must, when it
 * returns, guarantee its effect: after [stop], [abort] or [close] return, the realtime callback
 * is not running and will not run again, so the rings may be released. While the stream runs,
 * the lifecycle asks [health] whether it can go on.
 */
@DelicateAudioApi
public interface BackendStream {
    /** What was actually opened. */
    public val info: StreamInfo

    /** How the app side waits for this stream's driver. */
    public val wakeup: Wakeup

    /** Starts the callbacks. */
    @JvmSynthetic
    public suspend fun start()

    /** Plays out what the device has buffered, then stops the callbacks. */
    @JvmSynthetic
    public suspend fun stop()

    /** Stops the callbacks at once, discarding buffered output. */
    @JvmSynthetic
    public suspend fun abort()

    /** Releases native resources; stops first if still running. */
    @JvmSynthetic
    public suspend fun close()

    /**
     * Why this stream cannot go on (device lost, server shut down, the callback failed, the
     * owning client closed), or null while it is healthy: the one way a backend reports a fatal
     * condition. The stream lifecycle asks before each wait for the driver; on the first
     * non-null answer it delivers the input frames already captured, then ends the stream with
     * that exception (from the input Flow, `playOn` or `duplex`), and asks no more.
     *
     * Use [AudioErrorKind.StreamInvalidated] for a lost device, [AudioErrorKind.ServerShutdown]
     * for a server that went away. Thread: the collecting coroutine's, never the realtime
     * thread; called about once per block, so it must be cheap and never block for long
     * (rate-limit a native query, return a field the driver or a notification thread set).
     * The default reports nothing.
     *
     * ```
     * override fun health(): AudioException? = lostDevice   // @Volatile, set by a notification thread
     * ```
     */
    public fun health(): AudioException? = null

    /**
     * The fraction (0..1, may exceed 1 when overloaded) of the callback's time budget the
     * backend's realtime side currently uses, as the backend measures it (PortAudio's stream
     * CPU load, JACK's DSP load, the virtual driver's own timing), or NaN when it cannot tell
     * (not running, unpaced).
     *
     * Thread: called from the coroutine side, a few times a second at most; must not block for
     * long and must not touch the realtime thread.
     */
    public fun cpuLoad(): Double = Double.NaN

    /**
     * The backend's own status of this stream (see [BackendStatus]), or null when it has none:
     * the lifecycle publishes it on [dev.audioflow.StreamMonitor.backendStatus] each time it publishes the
     * stream's stats, and once more after [close].
     *
     * Thread: the collecting coroutine's, up to a hundred times a second while a monitor is
     * attached, so it must be cheap: build the value from fields that [health] or the driver
     * refresh, never from a native call of its own. The default reports nothing.
     *
     * ```
     * override fun status(): BackendStatus = MyStatus(streamTime = lastStreamTime, callbacks = driver.callbacks)
     * ```
     */
    public fun status(): BackendStatus? = null
}
