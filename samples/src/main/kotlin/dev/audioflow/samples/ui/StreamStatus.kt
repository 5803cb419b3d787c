package dev.audioflow.samples.ui

import dev.audioflow.BlockSize
import dev.audioflow.StreamInfo
import dev.audioflow.StreamStats
import kotlin.time.Duration

/**
 * The running pipeline's status as one stream: its input stream's stats and info merged with
 * those of a separate output stream when it plays to one, in the library's own types so the
 * window's `StreamStatusBar` shows it as it would any stream. Immutable.
 *
 * @property stats counters of both streams: xruns and underflows added up, overflows and frames
 *   captured from the input, the busier stream's CPU load.
 * @property info the input stream's rate and block size, its input latency and the output
 *   stream's output latency; null while idle.
 */
data class StreamStatus(val stats: StreamStats = StreamStats(), val info: StreamInfo? = null) {
    /** What is open (backend, devices), empty while idle. */
    val description: String get() = info?.description.orEmpty()

    /** The input stream's actual rate in Hz, 0 while idle. */
    val sampleRate: Int get() = info?.sampleRate?.toInt() ?: 0

    /** Frames per native callback, null while idle. */
    val blockSize: BlockSize? get() = info?.blockSize

    /** Input device latency plus output device latency, as the backend reported them. */
    val latency: Duration get() = info?.let { it.inputLatency + it.outputLatency } ?: Duration.ZERO

    /** Xruns of both streams. */
    val xruns: Long get() = stats.xruns

    /** Input cycles that dropped captured frames. */
    val overflows: Long get() = stats.inputOverflows

    /** Output cycles that played silence for missing data. */
    val underflows: Long get() = stats.outputUnderflows

    /** The busier stream's CPU load (0..1), NaN when the backend cannot tell. */
    val cpuLoad: Double get() = stats.cpuLoad

    /** Frames captured so far. */
    val framesIn: Long get() = stats.framesIn

    companion object {
        /** Nothing open. */
        val IDLE: StreamStatus = StreamStatus()

        /** Merges an input stream's [inStats]/[inInfo] with an optional separate output stream's. */
        fun of(inStats: StreamStats, inInfo: StreamInfo?, outStats: StreamStats?, outInfo: StreamInfo?): StreamStatus {
            val loads = listOfNotNull(inStats.cpuLoad, outStats?.cpuLoad).filter { !it.isNaN() }
            val stats = inStats.copy(
                framesOut = outStats?.framesOut ?: inStats.framesOut,
                outputUnderflows = inStats.outputUnderflows + (outStats?.outputUnderflows ?: 0),
                silencedFrames = inStats.silencedFrames + (outStats?.silencedFrames ?: 0),
                xruns = inStats.xruns + (outStats?.xruns ?: 0),
                cpuLoad = loads.maxOrNull() ?: Double.NaN,
            )
            val info = inInfo?.copy(
                outputLatency = (outInfo ?: inInfo).outputLatency,
                description = listOfNotNull(inInfo.description, outInfo?.description).joinToString("  →  "),
            )
            return StreamStatus(stats, info)
        }
    }
}

/** Where the pipeline is in its life, as the start/stop control shows it. */
sealed interface RunState {
    /** Nothing open; the control offers Start. */
    data object Stopped : RunState

    /** Opening the streams. */
    data object Starting : RunState

    /** Audio is flowing. */
    data object Running : RunState

    /** Closing the streams. */
    data object Stopping : RunState

    /** The pipeline ended with an error; the control offers Start again. */
    data class Failed(val message: String) : RunState

    /** True while streams are (or are about to be) open. */
    val active: Boolean get() = this == Starting || this == Running
}
