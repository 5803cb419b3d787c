package dev.audioflow.java

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import kotlin.time.Duration

/**
 * A piece of audio held in memory: interleaved [samples] in [format], as read by
 * [Audio.readWav].
 *
 * The array is shared, not copied: do not modify it while it is being played.
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] when the sample count is
 *   not a multiple of the channel count.
 */
public class AudioClip(
    /** Sample rate and channel count. */
    public val format: AudioFormat,
    /** Interleaved samples, `frames * channels` long. */
    public val samples: FloatArray,
) {
    init {
        AudioException.require(samples.size % format.channels == 0) {
            "samples.length ${samples.size} is not a multiple of ${format.channels} channels"
        }
    }

    /** Number of frames. */
    public val frames: Int get() = samples.size / format.channels

    /** How long the clip plays. */
    @get:JvmSynthetic
    public val duration: Duration get() = format.durationOf(frames.toLong())

    /** How long the clip plays, as a `java.time.Duration` (the Java form of [duration]). */
    public fun duration(): java.time.Duration = format.javaDurationOf(frames.toLong())

    override fun toString(): String = "AudioClip($format, $frames frames)"
}
