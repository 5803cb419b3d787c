package dev.audioflow.samples.ui

import dev.audioflow.BlockSize
import dev.audioflow.StreamInfo
import dev.audioflow.StreamStats
import kotlin.time.Duration

/**
 * The status strip's figures for the running pipeline, merged from its input stream and (when
 * it plays to a separate device) its output stream. Immutable.
 *
 * @property description what is open (backend, devices), empty while idle.
 * @property sampleRate the input stream's actual rate in Hz, 0 while idle.
 * @property blockSize frames per native callback, null while idle.
 * @property latency input latency plus output latency, as the backend reports them.
 * @property xruns xruns of both streams.
 * @property overflows input cycles that dropped captured frames.
 * @property underflows output cycles that played silence for missing data.
 * @property cpuLoad the busier stream's CPU load (0..1), NaN when the backend cannot tell.
 * @property framesIn frames captured so far.
 */
data class StreamStatus(
    val description: String = "",
    val sampleRate: Int = 0,
    val blockSize: BlockSize? = null,
    val latency: Duration = Duration.ZERO,
    val xruns: Long = 0,
    val overflows: Long = 0,
    val underflows: Long = 0,
    val cpuLoad: Double = Double.NaN,
    val framesIn: Long = 0,
) {
    companion object {
        /** Nothing open. */
        val IDLE: StreamStatus = StreamStatus()

        /** Merges an input stream's [inStats]/[inInfo] with an optional separate output stream's. */
        fun of(inStats: StreamStats, inInfo: StreamInfo?, outStats: StreamStats?, outInfo: StreamInfo?): StreamStatus {
            val loads = listOfNotNull(inStats.cpuLoad, outStats?.cpuLoad).filter { !it.isNaN() }
            return StreamStatus(
                description = listOfNotNull(inInfo?.description, outInfo?.description).joinToString("  →  "),
                sampleRate = inInfo?.sampleRate?.toInt() ?: 0,
                blockSize = inInfo?.blockSize,
                latency = (inInfo?.inputLatency ?: Duration.ZERO) + ((outInfo ?: inInfo)?.outputLatency ?: Duration.ZERO),
                xruns = inStats.xruns + (outStats?.xruns ?: 0),
                overflows = inStats.inputOverflows,
                underflows = inStats.outputUnderflows + (outStats?.outputUnderflows ?: 0),
                cpuLoad = loads.maxOrNull() ?: Double.NaN,
                framesIn = inStats.framesIn,
            )
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
