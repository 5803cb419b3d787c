package dev.audioflow

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toJavaDuration

/**
 * A window onto a running stream, for UIs and tests: pass one to [input], [playOn] or [duplex]
 * and observe [stats], [info] and [backendStatus] from any thread.
 *
 * Updated by the stream's coroutine, never by the native thread: on every state change (so the
 * final totals are exact once the stream has ended) and, while it runs, after a block at most
 * every [PUBLISH_INTERVAL]. A monitor can be reused; each new stream resets it.
 *
 * ```
 * val monitor = StreamMonitor()
 * launch { monitor.stats.collect { ui.show(it.framesIn, it.cpuLoad) } }
 * mic.input(config, monitor).collect { ... }
 * ```
 */
public class StreamMonitor {
    private val statsState = MutableStateFlow(StreamStats())
    private val infoState = MutableStateFlow<StreamInfo?>(null)
    private val backendState = MutableStateFlow<BackendStatus?>(null)

    /** Totals of the current or last stream. */
    public val stats: StateFlow<StreamStats> = statsState.asStateFlow()

    /** What the backend opened, once it has. */
    public val info: StateFlow<StreamInfo?> = infoState.asStateFlow()

    /**
     * The backend's own status of the current or last stream, for backends that publish one
     * (see [BackendStatus]); null before the first sample and for other backends. The last
     * sample stays after the stream has ended.
     */
    public val backendStatus: StateFlow<BackendStatus?> = backendState.asStateFlow()

    internal fun publish(stats: StreamStats, backendStatus: BackendStatus?) {
        if (backendStatus != null) backendState.value = backendStatus
        statsState.value = stats
    }

    internal fun publishInfo(info: StreamInfo?) {
        infoState.value = info
        if (info == null) backendState.value = null
    }

    public companion object {
        /** Least time between two updates of [stats] while a stream runs (state changes are published at once). */
        @get:JvmSynthetic
        public val PUBLISH_INTERVAL: Duration = 10.milliseconds

        /** [PUBLISH_INTERVAL] as a `java.time.Duration` (the Java form, `StreamMonitor.publishInterval()`). */
        @JvmStatic
        public fun publishInterval(): java.time.Duration = PUBLISH_INTERVAL.toJavaDuration()
    }
}
