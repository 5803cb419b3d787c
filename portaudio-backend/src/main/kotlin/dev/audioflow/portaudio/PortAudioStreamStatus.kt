@file:JvmName("PortAudioMonitors")

package dev.audioflow.portaudio

import dev.audioflow.BackendStatus
import dev.audioflow.StreamMonitor
import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * PortAudio's own view of one stream: its stream clock and the flags PortAudio raised in its
 * callbacks, published on [StreamMonitor.backendStatus] of the stream's monitor (read it with
 * [portAudioStatus]). The figures every backend has (frames, xruns, CPU load) are in
 * [dev.audioflow.StreamStats]; what was opened (rate, latencies) is in [dev.audioflow.StreamInfo].
 *
 * Sampled by the stream's coroutine side (never the realtime thread): the clock and [active]
 * about every 50 ms while the stream runs, the counters whenever the monitor's stats are
 * published; a last sample with [active] false follows the close. Immutable; equal when every
 * property is equal (not a data class: the `copy` and `component` functions of a class with a
 * `Duration` property have mangled names Java cannot call; Kotlin still has `copy` and
 * destructuring, hidden from Java).
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
public class PortAudioStreamStatus(
    public val active: Boolean,
    @get:JvmSynthetic public val streamTime: Duration,
    public val callbacks: Long,
    public val cycles: Long,
    public val inputUnderflows: Long,
    public val inputOverflows: Long,
    public val outputUnderflows: Long,
    public val outputOverflows: Long,
    public val primingCycles: Long,
) : BackendStatus {
    /** [streamTime] as a `java.time.Duration` (the Java form). */
    public fun streamTime(): java.time.Duration = streamTime.toJavaDuration()

    /** A copy with the given properties replaced (Kotlin only, as a data class's `copy`). */
    @JvmSynthetic
    public fun copy(
        active: Boolean = this.active,
        streamTime: Duration = this.streamTime,
        callbacks: Long = this.callbacks,
        cycles: Long = this.cycles,
        inputUnderflows: Long = this.inputUnderflows,
        inputOverflows: Long = this.inputOverflows,
        outputUnderflows: Long = this.outputUnderflows,
        outputOverflows: Long = this.outputOverflows,
        primingCycles: Long = this.primingCycles,
    ): PortAudioStreamStatus = PortAudioStreamStatus(active, streamTime, callbacks, cycles, inputUnderflows, inputOverflows, outputUnderflows, outputOverflows, primingCycles)

    /** [active], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component1(): Boolean = active

    /** [streamTime], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component2(): Duration = streamTime

    /** [callbacks], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component3(): Long = callbacks

    /** [cycles], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component4(): Long = cycles

    /** [inputUnderflows], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component5(): Long = inputUnderflows

    /** [inputOverflows], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component6(): Long = inputOverflows

    /** [outputUnderflows], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component7(): Long = outputUnderflows

    /** [outputOverflows], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component8(): Long = outputOverflows

    /** [primingCycles], for destructuring (Kotlin only). */
    @JvmSynthetic
    public operator fun component9(): Long = primingCycles

    override fun equals(other: Any?): Boolean = other is PortAudioStreamStatus && active == other.active &&
        streamTime == other.streamTime && callbacks == other.callbacks && cycles == other.cycles &&
        inputUnderflows == other.inputUnderflows && inputOverflows == other.inputOverflows &&
        outputUnderflows == other.outputUnderflows && outputOverflows == other.outputOverflows &&
        primingCycles == other.primingCycles

    override fun hashCode(): Int = listOf(active, streamTime, callbacks, cycles, inputUnderflows, inputOverflows, outputUnderflows, outputOverflows, primingCycles).hashCode()

    override fun toString(): String =
        "PortAudioStreamStatus(active=$active, streamTime=$streamTime, callbacks=$callbacks, cycles=$cycles, " +
            "inputUnderflows=$inputUnderflows, inputOverflows=$inputOverflows, outputUnderflows=$outputUnderflows, " +
            "outputOverflows=$outputOverflows, primingCycles=$primingCycles)"
}

/**
 * The latest [PortAudioStreamStatus] of this monitor's current or last stream; null before the
 * first sample and when the stream is not a PortAudio one. Thread: any.
 */
public val StreamMonitor.portAudioStatus: PortAudioStreamStatus? get() = backendStatus.value as? PortAudioStreamStatus
