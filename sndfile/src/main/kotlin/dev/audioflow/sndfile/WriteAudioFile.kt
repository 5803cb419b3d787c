@file:JvmMultifileClass
@file:JvmName("AudioFiles")

package dev.audioflow.sndfile

import com.sun.jna.Memory
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.sndfile.internal.MetadataIo
import dev.audioflow.sndfile.internal.SndfileHandle
import dev.audioflow.sndfile.internal.SndfileNative
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.withContext
import java.nio.file.Path

/**
 * Writes this flow to an audio file at [path] through libsndfile, as [format] with samples
 * encoded as [subtype] (by default from the extension: `.flac` is FLAC with 16-bit PCM, `.opus`
 * is Ogg Opus), with [metadata], and returns the number of frames written when the flow
 * completes. A Flow terminal, so also a `tee` target: `.tee { it.writeAudioFile(path) }`.
 *
 * Streaming: blocks go to libsndfile as they come, through one native buffer. Integer PCM and
 * ALAC subtypes are quantized exactly as [dev.audioflow.SampleFormat] quantizes (rounded to
 * nearest, clipped); lossy encoders get the floats, clipped to -1..1. Files with a header that
 * holds the length (WAV, RF64, W64, AIFF, AU, CAF) have it updated at least every 64 KiB of data,
 * and the file is closed (its header finished) in a `finally` block that runs even when the flow
 * fails or the caller is cancelled. libsndfile writes WAV only up to 4 GiB: use [FileFormat.RF64],
 * or `writeWav` of `audioflow-flow-operators`, which turns into RF64 by itself, for longer
 * recordings. The file is created on the first block, or immediately when [audioFormat] is given
 * (then an empty flow leaves a valid empty file, except in FLAC, Opus and MP3: libsndfile 1.2
 * writes their headers with the first frame).
 *
 * ```
 * mic.input(config).takeDuration(30.seconds).writeAudioFile(Path.of("take.flac"), metadata = AudioMetadata(title = "Take 1"))
 * ```
 *
 * Thread: blocking libsndfile calls on the collecting coroutine's thread; collect on
 * `Dispatchers.IO` if that thread must never block.
 *
 * @throws AudioException [AudioErrorKind.UnsupportedFormat] for an unknown extension, a
 *   [format]/[subtype]/rate/channel combination libsndfile cannot write (Opus only at 8 to 48 kHz,
 *   FLAC only up to 24-bit, MP3 up to 2 channels...), or [metadata] the format cannot hold (see
 *   [AudioMetadata.supportedBy]); [AudioErrorKind.InvalidArgument] for a block whose format
 *   differs from the file's or an I/O failure; [AudioErrorKind.BackendUnavailable] naming
 *   libsndfile when it is not installed.
 */
@JvmSynthetic
public suspend fun Flow<FloatBlock>.writeAudioFile(
    path: Path,
    format: FileFormat = FileFormat.of(path),
    subtype: FileSubtype = format.defaultSubtype(path),
    metadata: AudioMetadata = AudioMetadata.EMPTY,
    audioFormat: AudioFormat? = null,
): Long {
    metadata.checkSupportedBy(format, path)
    val writer = AudioFileWriter(path, format, subtype, metadata)
    try {
        if (audioFormat != null) writer.begin(audioFormat)
        collect { writer.write(it) }
    } finally {
        withContext(NonCancellable) { writer.close() }
    }
    return writer.frames
}

/** One file being written: the libsndfile handle, its native sample buffer and the header-update schedule. */
private class AudioFileWriter(
    private val path: Path,
    private val format: FileFormat,
    private val subtype: FileSubtype,
    private val metadata: AudioMetadata,
) {
    private var handle: SndfileHandle? = null
    private var audioFormat: AudioFormat? = null
    private var buffer = Memory(4)
    private var sinceHeader = 0L
    var frames: Long = 0
        private set

    fun begin(audioFormat: AudioFormat) {
        val h = SndfileHandle.openWrite(path, format, subtype, audioFormat)
        handle = h
        this.audioFormat = audioFormat
        try {
            MetadataIo.write(h, metadata)
            if (subtype.intBits == 0) h.command(SndfileNative.SFC_SET_CLIPPING, SndfileNative.SF_TRUE)
        } catch (e: AudioException) {
            close()
            throw e
        }
    }

    fun write(block: FloatBlock) {
        val known = audioFormat ?: block.format.also { begin(it) }
        AudioException.require(block.format == known) {
            "writeAudioFile: block at frame ${block.frameIndex} has format ${block.format}, the file $path has $known"
        }
        val h = handle ?: return
        if (block.frames == 0) return
        val count = block.samples.size
        if (buffer.size() < count * 4L) {
            buffer.close()
            buffer = Memory(count * 4L)
        }
        val asInts = subtype.intBits > 0
        if (asInts) writeInts(block.samples, count) else buffer.write(0, block.samples, 0, count)
        h.write(buffer, block.frames, asInts)
        frames += block.frames
        sinceHeader += count * 4L
        if (sinceHeader >= HEADER_EVERY_BYTES && format in UPDATABLE_HEADERS) {
            h.command(SndfileNative.SFC_UPDATE_HEADER_NOW, null, 0)
            sinceHeader = 0
        }
    }

    /** Quantizes to `intBits` as SampleFormat does and left-justifies into 32-bit integers, libsndfile's `int` scale. */
    private fun writeInts(samples: FloatArray, count: Int) {
        val bits = subtype.intBits
        val scale = (1L shl (bits - 1)).toDouble()
        val low = -(1L shl (bits - 1))
        val high = (1L shl (bits - 1)) - 1
        val shift = 32 - bits
        for (i in 0 until count) {
            val x = samples[i]
            val q = if (x.isNaN()) 0L else Math.round(x.toDouble() * scale).coerceIn(low, high)
            buffer.setInt(i * 4L, (q shl shift).toInt())
        }
    }

    fun close() {
        val h = handle ?: return
        handle = null
        try {
            h.close()
        } finally {
            buffer.close()
        }
    }

    private companion object {
        const val HEADER_EVERY_BYTES = 64L * 1024
        val UPDATABLE_HEADERS = setOf(FileFormat.WAV, FileFormat.WAVEX, FileFormat.RF64, FileFormat.W64, FileFormat.AIFF, FileFormat.AU, FileFormat.CAF)
    }
}
