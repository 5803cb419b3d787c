@file:JvmName("PortAudioMonitors")

package dev.audioflow.portaudio

import dev.audioflow.BackendStatus
import dev.audioflow.StreamMonitor
import kotlin.time.Duration

/**
 * PortAudio's own view of one stream: its stream clock and the flags PortAudio raised in its
 * callbacks, published on [StreamMonitor.backendStatus] of the stream's monitor (read it with
 * [portAudioStatus]). The figures every backend has (frames, xruns, CPU load) are in
 * [dev.audioflow.StreamStats]; what was opened (rate, latencies) is in [dev.audioflow.StreamInfo].
 *
 * Sampled by the stream's coroutine side (never the realtime thread): the clock and [active]
 * about every 50 ms while the stream runs, the counters whenever the monitor's stats are
 * published; a last sample with [active] false follows the close. Immutable.
 *
 * ```
 * val monitor = StreamMonitor()
 * device.input(config, monitor).collect { ... monitor.portAudioStatus?.streamTime ... }
 * ```
 *
 * @property active `Pa_IsStreamActive` at the last sample; false once the stream has closed.
 * @property streamTime `Pa_GetStreamTime` at the last sample while the stream ran (the clock of
 *   [dev.audioflow.FloatBlock.timestampNanos]); it keeps its last value after the close.
 * @property callbacks PortAudio callbacks so far.
 * @property cycles endpoint cycles so far: one per callback in float32 mode; in raw sample-format
 *   mode more when a callback delivered more frames than the stream's scratch arrays hold
 *   (variable block sizes) and was processed in chunks.
 * @property inputUnderflows callbacks flagged `paInputUnderflow`.
 * @property inputOverflows callbacks flagged `paInputOverflow`.
 * @property outputUnderflows callbacks flagged `paOutputUnderflow`.
 * @property outputOverflows callbacks flagged `paOutputOverflow`.
 * @property primingCycles callbacks flagged `paPrimingOutput`.
 */
public data class PortAudioStreamStatus(
    public val active: Boolean,
    public val streamTime: Duration,
    public val callbacks: Long,
    public val cycles: Long,
    public val inputUnderflows: Long,
    public val inputOverflows: Long,
    public val outputUnderflows: Long,
    public val outputOverflows: Long,
    public val primingCycles: Long,
) : BackendStatus

/**
 * The latest [PortAudioStreamStatus] of this monitor's current or last stream; null before the
 * first sample and when the stream is not a PortAudio one. Thread: any.
 */
public val StreamMonitor.portAudioStatus: PortAudioStreamStatus? get() = backendStatus.value as? PortAudioStreamStatus
