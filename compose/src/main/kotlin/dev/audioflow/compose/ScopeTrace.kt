package dev.audioflow.compose

import androidx.compose.runtime.Immutable
import dev.audioflow.AudioException

/**
 * One oscilloscope frame: [frames] frames of [channels] channels, starting where the
 * [ScopeTrigger] fired when it did (so a periodic signal stands still on screen), else the newest
 * frames. Made by [ScopeCapture] (or the [oscilloscope] operator), drawn by [Oscilloscope].
 *
 * Thread: immutable, any thread.
 *
 * ```
 * val trace = ScopeTrace(channels = 1, samples = FloatArray(480) { sin(it / 10f) }, triggered = false, sampleRate = 48_000)
 * Oscilloscope(trace)
 * ```
 *
 * @param samples interleaved samples, `frames × channels` of them; copied.
 * @property triggered whether the trace starts at a trigger event (false: free-running).
 * @property sampleRate the traced stream's rate in Hz.
 * @property sequence counts the traces of the capture that made this one (1 for its first).
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a channel count
 *   below 1, a sample count that is not a positive multiple of it, or a rate below 1.
 */
@Immutable
public class ScopeTrace(
    public val channels: Int,
    samples: FloatArray,
    public val triggered: Boolean,
    public val sampleRate: Int,
    public val sequence: Long = 0,
) {
    private val samples: FloatArray = samples.copyOf()

    init {
        AudioException.require(channels >= 1) { "scope trace channels must be at least 1, was $channels" }
        AudioException.require(samples.isNotEmpty() && samples.size % channels == 0) {
            "scope trace needs a positive multiple of $channels samples, had ${samples.size}"
        }
        AudioException.require(sampleRate >= 1) { "scope trace sampleRate must be at least 1 Hz, was $sampleRate" }
    }

    /** Frames in the trace. */
    public val frames: Int get() = samples.size / channels

    /** The time the trace spans, in milliseconds. */
    public val spanMillis: Double get() = frames * 1000.0 / sampleRate

    /**
     * The sample of [channel] at [frame].
     *
     * @throws IndexOutOfBoundsException for a frame or channel outside the trace.
     */
    public operator fun get(frame: Int, channel: Int): Float {
        if (channel !in 0 until channels) throw IndexOutOfBoundsException("channel $channel of a $channels-channel trace")
        return samples[frame * channels + channel]
    }

    override fun toString(): String = "ScopeTrace(#$sequence, $frames frames × $channels ch at $sampleRate Hz, triggered=$triggered)"
}
