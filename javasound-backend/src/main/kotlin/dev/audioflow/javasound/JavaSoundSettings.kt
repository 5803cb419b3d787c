package dev.audioflow.javasound

import dev.audioflow.AudioException
import dev.audioflow.BackendSettings
import dev.audioflow.SampleFormat

/**
 * Java Sound settings of a stream, passed in [dev.audioflow.StreamConfig.settings]; other
 * backends ignore them. Immutable; validated on construction.
 *
 * ```
 * StreamConfig(AudioFormat(48_000, 2), settings = listOf(JavaSoundSettings(SampleFormat.INT24)))
 * ```
 *
 * @property sampleFormat what the lines carry: the backend converts between it and the
 *   application's floats on its line thread. [SampleFormat.INT16] by default, which every Java
 *   Sound implementation plays (most offer no float lines).
 * @property lineBufferFrames the size of each line's buffer in frames, or null (the default) to
 *   derive it from the stream's [dev.audioflow.Latency]; at least two blocks either way.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for
 *   [SampleFormat.FLOAT64] (no line carries it) or a [lineBufferFrames] that is not positive.
 */
public data class JavaSoundSettings @JvmOverloads constructor(
    public val sampleFormat: SampleFormat = SampleFormat.INT16,
    public val lineBufferFrames: Int? = null,
) : BackendSettings {
    init {
        AudioException.require(sampleFormat != SampleFormat.FLOAT64) { "Java Sound lines cannot carry sampleFormat $sampleFormat" }
        AudioException.require(lineBufferFrames == null || lineBufferFrames > 0) {
            "lineBufferFrames must be positive (or null for the latency's), was $lineBufferFrames"
        }
    }
}
