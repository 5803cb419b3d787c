package dev.audioflow.samples

import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.flow.wavFile
import dev.audioflow.flow.wavInfo
import dev.audioflow.sndfile.AudioMetadata
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.sndfile.Sndfile
import dev.audioflow.sndfile.audioFile
import dev.audioflow.sndfile.audioFileInfo
import kotlinx.coroutines.flow.Flow
import java.nio.file.Path
import kotlin.time.Duration

/**
 * An audio file the commands read (`play`, `convert`): through libsndfile when it is installed
 * (every format it reads, whatever the extension), else through the pure-Kotlin WAV reader,
 * which needs no native library. Reads the header on construction.
 *
 * @throws dev.audioflow.AudioException for unreadable files, naming them; without libsndfile,
 *   for anything but WAV, saying that libsndfile is missing.
 */
class AudioFileSource(val path: Path) {
    private val viaSndfile = Sndfile.isAvailable || !path.toString().lowercase().endsWith(".wav")

    /** Sample rate and channels. */
    val format: AudioFormat

    /** Length in frames. */
    val frames: Long

    /** How its samples are encoded. */
    val subtype: FileSubtype

    /** `FLAC int24`, `WAV int16`: container and encoding, for messages. */
    val description: String

    /** What the file says about itself (empty when read without libsndfile). */
    val metadata: AudioMetadata

    init {
        if (viaSndfile) {
            val info = audioFileInfo(path)
            format = info.audioFormat
            frames = info.frames
            subtype = info.subtype
            description = "${info.format} ${subtypeName(info.subtype)}"
            metadata = info.metadata
        } else {
            val info = wavInfo(path)
            format = info.format
            frames = info.frames
            subtype = FileSubtype.of(info.sampleFormat)
            description = "WAV ${subtypeName(subtype)}"
            metadata = AudioMetadata.EMPTY
        }
    }

    /** How long it plays. */
    val duration: Duration get() = format.durationOf(frames)

    /** The samples, read as they are collected. */
    fun blocks(): Flow<FloatBlock> = if (viaSndfile) audioFile(path) else wavFile(path)
}
