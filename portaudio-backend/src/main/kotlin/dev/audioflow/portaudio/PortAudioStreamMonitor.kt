package dev.audioflow.portaudio

import dev.audioflow.BackendSettings
import dev.audioflow.portaudio.internal.PaStream
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * A window onto the PortAudio side of a running stream: stream time, CPU load, actual
 * latencies and PortAudio's own xrun flags. Add one to [dev.audioflow.StreamConfig.settings];
 * the stream opened with that config attaches to it until it closes.
 *
 * ```
 * val pa = PortAudioStreamMonitor()
 * device.input(StreamConfig(format, settings = listOf(pa))).collect { ... pa.status.value?.cpuLoad ... }
 * ```
 *
 * [status] is published by the stream's coroutine side about every 50 ms (never by the realtime
 * thread); [streamTime] and [cpuLoad] ask PortAudio directly. Thread-safe; reusable, one
 * stream at a time.
 */
public class PortAudioStreamMonitor : BackendSettings {
    private val state = MutableStateFlow<PortAudioStreamStatus?>(null)

    @Volatile internal var stream: PaStream? = null

    /** The latest status of the attached stream; its last value stays after the stream closes. */
    public val status: StateFlow<PortAudioStreamStatus?> = state.asStateFlow()

    /** `Pa_GetStreamTime` of the attached stream in seconds, or NaN when no stream is attached. */
    public fun streamTime(): Double = stream?.streamTime() ?: Double.NaN

    /** `Pa_GetStreamCpuLoad` of the attached stream (0..1, fraction of the callback's time budget), or NaN. */
    public fun cpuLoad(): Double = stream?.cpuLoad() ?: Double.NaN

    internal fun publish(value: PortAudioStreamStatus) {
        state.value = value
    }

    override fun toString(): String = "PortAudioStreamMonitor(${status.value})"
}

/**
 * One sample of a PortAudio stream's state.
 *
 * @property active `Pa_IsStreamActive`.
 * @property streamTimeSeconds `Pa_GetStreamTime`.
 * @property cpuLoad `Pa_GetStreamCpuLoad`.
 * @property sampleRate actual sample rate (`PaStreamInfo.sampleRate`).
 * @property inputLatencySeconds actual input latency (`PaStreamInfo.inputLatency`).
 * @property outputLatencySeconds actual output latency (`PaStreamInfo.outputLatency`).
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
    public val streamTimeSeconds: Double,
    public val cpuLoad: Double,
    public val sampleRate: Double,
    public val inputLatencySeconds: Double,
    public val outputLatencySeconds: Double,
    public val callbacks: Long,
    public val cycles: Long,
    public val inputUnderflows: Long,
    public val inputOverflows: Long,
    public val outputUnderflows: Long,
    public val outputOverflows: Long,
    public val primingCycles: Long,
)
