@file:JvmMultifileClass
@file:JvmName("AudioFiles")

package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.sndfile.internal.MetadataIo
import dev.audioflow.sndfile.internal.SndfileHandle
import java.nio.file.Path
import kotlin.time.Duration

/**
 * What an audio file holds, read from its header by libsndfile.
 *
 * @property path the file.
 * @property format its container.
 * @property subtype how its samples are encoded.
 * @property audioFormat sample rate and channel count.
 * @property frames its length in frames (for MP3 files without an exact length header, the
 *   decoder's estimate).
 * @property metadata its text fields, Broadcast Wave info and cue points.
 */
public data class AudioFileInfo(
    public val path: Path,
    public val format: FileFormat,
    public val subtype: FileSubtype,
    public val audioFormat: AudioFormat,
    public val frames: Long,
    public val metadata: AudioMetadata,
) {
    /** How long it plays. */
    @get:JvmSynthetic
    public val duration: Duration get() = audioFormat.durationOf(frames)

    /** How long it plays, as a `java.time.Duration` (the Java form of [duration]). */
    public fun duration(): java.time.Duration = audioFormat.javaDurationOf(frames)
}

/**
 * Reads the header and metadata of the audio file at [path]: any format the installed libsndfile
 * reads ([Sndfile.formats]), whatever its extension says.
 *
 * ```
 * val info = audioFileInfo(Path.of("take.flac")); println("${info.format}/${info.subtype}, ${info.duration}")
 * ```
 *
 * Thread: blocking file I/O; call it off the UI thread.
 *
 * @throws AudioException [AudioErrorKind.UnsupportedFormat] for a file libsndfile does not
 *   recognise or cannot decode; [AudioErrorKind.InvalidArgument] for a missing, unreadable,
 *   malformed or truncated one (the message names the file and what is wrong);
 *   [AudioErrorKind.BackendUnavailable] naming libsndfile when it is not installed.
 */
public fun audioFileInfo(path: Path): AudioFileInfo = SndfileHandle.openRead(path).use { it.describe() }

internal fun SndfileHandle.describe(): AudioFileInfo = AudioFileInfo(path, format, subtype, audioFormat, info.frames, MetadataIo.read(this))
