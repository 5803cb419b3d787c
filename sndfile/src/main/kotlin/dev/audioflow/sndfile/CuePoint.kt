package dev.audioflow.sndfile

import dev.audioflow.AudioException

/**
 * A marker in a file: a WAV `cue ` point (libsndfile keeps positions, not names) or an AIFF
 * `MARK` (position and name). See [FileFormat.cues].
 *
 * ```
 * AudioMetadata(cues = listOf(CuePoint(1, 48_000, "chorus")))
 * ```
 *
 * @property id the cue's identifier, unique in the file.
 * @property frame the frame it marks.
 * @property name its label, at most 255 bytes of UTF-8 (empty when the format keeps none).
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for [frame] outside
 *   0..4294967295 (the 32-bit field of both formats) or a [name] that is too long.
 */
public data class CuePoint @JvmOverloads constructor(
    public val id: Int,
    public val frame: Long,
    public val name: String = "",
) {
    init {
        AudioException.require(frame in 0..0xFFFF_FFFFL) { "CuePoint frame must be in 0..4294967295, was $frame" }
        AudioException.require(name.toByteArray(Charsets.UTF_8).size <= 255) { "CuePoint name must be at most 255 bytes of UTF-8, was '$name'" }
    }
}
