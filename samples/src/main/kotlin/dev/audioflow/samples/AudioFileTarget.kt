package dev.audioflow.samples

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import dev.audioflow.flow.writeWav
import dev.audioflow.sndfile.AudioMetadata
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.sndfile.Sndfile
import dev.audioflow.sndfile.writeAudioFile
import kotlinx.coroutines.flow.Flow
import java.nio.file.Path

/** The PCM subtypes and the [SampleFormat] the pure-Kotlin WAV writer stores them as. */
private val WAV_SAMPLE_FORMATS = mapOf(
    FileSubtype.PCM_U8 to SampleFormat.UINT8,
    FileSubtype.PCM_16 to SampleFormat.INT16,
    FileSubtype.PCM_24 to SampleFormat.INT24,
    FileSubtype.PCM_32 to SampleFormat.INT32,
    FileSubtype.FLOAT to SampleFormat.FLOAT32,
    FileSubtype.DOUBLE to SampleFormat.FLOAT64,
)

/** The command-line name of [subtype]: its sample format's name for PCM (`int16`, `float32`), else its own (`vorbis`, `alac_24`). */
fun subtypeName(subtype: FileSubtype): String = WAV_SAMPLE_FORMATS[subtype]?.name?.lowercase() ?: subtype.name.lowercase()

/**
 * A file a command writes (`record`, `render`, `demo`, `convert`), in the format its extension
 * (or [type]) says. WAV files in PCM or float go through the pure-Kotlin writer, which needs no
 * native library, keeps its header current while recording and turns into RF64 past 4 GiB
 * (`repairWav` mends it after a crash); every other format goes through libsndfile.
 *
 * @param requested the `--format` given, or null for [fallback] (where the format holds it) or the format's own default.
 * @throws AudioException [AudioErrorKind.UnsupportedFormat] for an unknown extension.
 */
class AudioFileTarget(val path: Path, private val requested: FileSubtype?, private val fallback: FileSubtype, type: FileFormat? = null) {
    /** The container. */
    val format: FileFormat = type ?: FileFormat.of(path)

    /** The encoding the file gets at [audioFormat]. */
    fun subtype(audioFormat: AudioFormat): FileSubtype = requested ?: when {
        format == FileFormat.WAV -> fallback
        Sndfile.isAvailable && Sndfile.canWrite(format, fallback, audioFormat) -> fallback
        else -> format.defaultSubtype(path)
    }

    private fun pureWav(audioFormat: AudioFormat): SampleFormat? = if (format == FileFormat.WAV) WAV_SAMPLE_FORMATS[subtype(audioFormat)] else null

    /** `int16` for WAV (as the commands always said), `FLAC int24`, `OGG vorbis` for the others. */
    fun describe(audioFormat: AudioFormat): String = subtypeName(subtype(audioFormat)).let { if (format == FileFormat.WAV) it else "$format $it" }

    /**
     * Checks, before any device opens, that the file can be written at [audioFormat].
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when libsndfile is needed and
     *   missing; [AudioErrorKind.UnsupportedFormat] naming the combination libsndfile refuses.
     */
    fun check(audioFormat: AudioFormat) {
        if (pureWav(audioFormat) != null) return
        if (!Sndfile.isAvailable) throw AudioException(AudioErrorKind.BackendUnavailable, "writing $format files needs libsndfile: ${Sndfile.unavailableReason}")
        val subtype = subtype(audioFormat)
        if (!Sndfile.canWrite(format, subtype, audioFormat)) {
            throw AudioException(AudioErrorKind.UnsupportedFormat, "$path: libsndfile cannot write $format ${subtypeName(subtype)} at $audioFormat${if (subtype == FileSubtype.OPUS) " (Opus takes 8, 12, 16, 24 or 48 kHz: add --rate 48000)" else ""}")
        }
    }

    /**
     * Writes [blocks] of [audioFormat] with what [format] keeps of [metadata] (nothing through
     * the pure-Kotlin WAV writer) to [into], by default [path] (`record` writes a temporary file
     * that it renames to [path] at the first frame); returns the frames written. The file is
     * created at once.
     */
    suspend fun write(blocks: Flow<FloatBlock>, audioFormat: AudioFormat, metadata: AudioMetadata = AudioMetadata.EMPTY, into: Path = path): Long {
        val sampleFormat = pureWav(audioFormat)
        return if (sampleFormat != null) {
            blocks.writeWav(into, sampleFormat, audioFormat)
        } else {
            blocks.writeAudioFile(into, format, subtype(audioFormat), metadata.supportedBy(format), audioFormat)
        }
    }
}
