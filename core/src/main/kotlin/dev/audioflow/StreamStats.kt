package dev.audioflow

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** Where a stream is in its life. */
public enum class StreamState {
    /** Not opened yet (or the monitor has never been attached). */
    Idle,

    /** Native resources are open; callbacks have not started. */
    Opened,

    /** Callbacks are running. */
    Running,

    /** Output is being played out before stopping. */
    Draining,

    /** Stopped and closed normally. */
    Closed,

    /** Ended by an exception (fatal device condition or a failing operator). */
    Failed,
}

/**
 * Running totals of one stream, published by the coroutine side (never the native thread).
 *
 * @property state lifecycle state.
 * @property framesIn frames delivered to the input Flow.
 * @property framesOut frames the device took from the output ring (real data, not silence).
 * @property inputOverflows cycles in which captured frames were dropped (ring full or native overflow).
 * @property droppedFrames captured frames dropped in total.
 * @property outputUnderflows cycles in which the device played silence for missing data.
 * @property silencedFrames frames of silence played for missing data.
 * @property xruns xruns reported by the backend (JACK) or native overflow/underflow flags (PortAudio).
 * @property cycles native callbacks (or virtual driver cycles) so far.
 * @property cpuLoad fraction of the callback's time budget the backend's realtime side uses
 *   (PortAudio's stream CPU load, JACK's DSP load, the virtual driver's own timing), refreshed
 *   about ten times a second while the stream runs; NaN when the backend cannot tell.
 */
public data class StreamStats(
    public val state: StreamState = StreamState.Idle,
    public val framesIn: Long = 0,
    public val framesOut: Long = 0,
    public val inputOverflows: Long = 0,
    public val droppedFrames: Long = 0,
    public val outputUnderflows: Long = 0,
    public val silencedFrames: Long = 0,
    public val xruns: Long = 0,
    public val cycles: Long = 0,
    public val cpuLoad: Double = Double.NaN,
)

/**
 * What the backend actually opened.
 *
 * @property sampleRate the device's actual sample rate.
 * @property inputLatencySeconds actual input latency, 0 without input.
 * @property outputLatencySeconds actual output latency, 0 without output.
 * @property blockFrames frames per native callback, 0 when variable.
 * @property backend backend name.
 * @property description backend-specific description (host API, device, server).
 * @property nativeCallPath how the native callbacks of this stream reach the JVM (JNA or FFM);
 *   null for a stream without native callbacks (the virtual backend).
 */
public data class StreamInfo(
    public val sampleRate: Double,
    public val inputLatencySeconds: Double,
    public val outputLatencySeconds: Double,
    public val blockFrames: Int,
    public val backend: String,
    public val description: String = "",
    public val nativeCallPath: NativeCallPath? = null,
)

/**
 * A window onto a running stream, for UIs and tests: pass one to [input], [playOn] or [duplex]
 * and observe [stats] and [info] from any thread.
 *
 * Updated by the stream's coroutine, never by the native thread: on every state change (so the
 * final totals are exact once the stream has ended) and, while it runs, after a block at most
 * every [StreamMonitor.PUBLISH_INTERVAL_MILLIS] ms; a new [StreamStats] per block would be most
 * of what a running stream allocates. A monitor can be reused; each new stream resets it.
 */
public class StreamMonitor {
    private val statsState = MutableStateFlow(StreamStats())
    private val infoState = MutableStateFlow<StreamInfo?>(null)

    /** Totals of the current or last stream. */
    public val stats: StateFlow<StreamStats> = statsState.asStateFlow()

    /** What the backend opened, once it has. */
    public val info: StateFlow<StreamInfo?> = infoState.asStateFlow()

    internal fun publish(stats: StreamStats) {
        statsState.value = stats
    }

    internal fun publishInfo(info: StreamInfo?) {
        infoState.value = info
    }

    public companion object {
        /** Least time between two updates of [stats] while a stream runs (state changes are published at once). */
        public const val PUBLISH_INTERVAL_MILLIS: Long = 10
    }
}
