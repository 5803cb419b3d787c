@file:JvmMultifileClass
@file:JvmName("AudioFiles")

package dev.audioflow.sndfile

import com.sun.jna.Memory
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.FloatBlock
import dev.audioflow.BlockSize
import dev.audioflow.sndfile.internal.SndfileHandle
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import java.nio.file.Path

/** Default block size of [audioFile]: 4096 frames. */
public const val DEFAULT_AUDIO_FILE_BLOCK: Int = 4096

/** How far short of its announced length an MP3 may end and still be whole: two MPEG frames or 1%. */
private fun mp3Slack(frames: Long): Long = maxOf(2L * 1152, frames / 100)

/**
 * The samples of the audio file at [path] as a cold Flow of blocks of [blockFrames] frames (the
 * last may be shorter): at most [maxFrames] frames from frame [startFrame], exactly: libsndfile
 * seeks there, except in Vorbis and MP3 files, where its seeks land off the frame and the
 * file is decoded from the start instead (a cost proportional to [startFrame]). Any
 * format the installed libsndfile reads; integers are scaled as [dev.audioflow.SampleFormat]
 * scales them (`i / 2^(n-1)`), so a PCM file reads exactly as `wavFile` reads the same samples.
 *
 * Each collection opens the file, reads it block by block into one native buffer and closes it
 * when the flow completes or is cancelled: memory stays at one block whatever the file's length.
 * The blocks' `frameIndex` counts from 0 at [startFrame].
 *
 * ```
 * audioFile(Path.of("concert.flac"), startFrame = 48_000L * 60).resample(44_100).playOn(speaker)
 * ```
 *
 * Thread: the file is read on [Dispatchers.IO] (the flow is `flowOn(Dispatchers.IO)`), a block
 * ahead of the collector.
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] at call time for a bad [blockFrames],
 *   a negative [startFrame] or [maxFrames]; on collection, the errors of [audioFileInfo], a
 *   [startFrame] past the end, and a file found truncated or damaged while decoding (fewer frames
 *   than its header declares, or a decoder error), never a crash or another exception.
 */
@JvmOverloads
public fun audioFile(
    path: Path,
    startFrame: Long = 0,
    maxFrames: Long = Long.MAX_VALUE,
    blockFrames: Int = DEFAULT_AUDIO_FILE_BLOCK,
): Flow<FloatBlock> {
    AudioException.require(blockFrames in 1..BlockSize.MAX_FRAMES) { "audioFile blockFrames must be in 1..${BlockSize.MAX_FRAMES}, was $blockFrames" }
    AudioException.require(startFrame >= 0) { "audioFile startFrame must be >= 0, was $startFrame" }
    AudioException.require(maxFrames >= 0) { "audioFile maxFrames must be >= 0, was $maxFrames" }
    return flow {
        SndfileHandle.openRead(path).use { file ->
            val total = file.info.frames
            val format = file.audioFormat
            AudioException.require(startFrame <= total) { "audioFile startFrame $startFrame is past the end of $path ($total frames)" }
            val end = if (maxFrames >= total - startFrame) total else startFrame + maxFrames
            val ch = format.channels
            AudioException.require(blockFrames.toLong() * ch * 4 <= MAX_READ_BYTES) {
                "audioFile blockFrames $blockFrames is too large for $path ($ch channels, at most $MAX_READ_BYTES bytes per block)"
            }
            Memory(blockFrames.toLong() * ch * 4).use { buffer ->
                if (startFrame > 0 && file.subtype in INEXACT_SEEKS) skipByDecoding(file, buffer, blockFrames, startFrame) else if (startFrame > 0) file.seek(startFrame)
                var position = startFrame
                while (position < end) {
                    val want = minOf(blockFrames.toLong(), end - position).toInt()
                    val got = file.readFloats(buffer, want)
                    if (got == 0) {
                        if (file.format == FileFormat.MP3 && end == total && total - position <= mp3Slack(total)) break
                        file.malformed("it ends at frame $position, its header declares $total")
                    }
                    val samples = FloatArray(got * ch)
                    buffer.read(0, samples, 0, samples.size)
                    emit(FloatBlock(format, samples, position - startFrame))
                    position += got
                }
            }
        }
    }.flowOn(Dispatchers.IO)
}

/**
 * Encodings whose `sf_seek` lands off the frame asked for in libsndfile 1.2 (Vorbis by up to a
 * lapped block, libsndfile issue #885; MPEG by hundreds of frames past the first seconds, measured):
 * [audioFile] decodes up to the start frame instead.
 */
private val INEXACT_SEEKS = setOf(FileSubtype.VORBIS, FileSubtype.MPEG_LAYER_I, FileSubtype.MPEG_LAYER_II, FileSubtype.MPEG_LAYER_III)

/** Reads and drops the first [frames] frames of [file], a block at a time. */
private fun skipByDecoding(file: SndfileHandle, buffer: Memory, blockFrames: Int, frames: Long) {
    var skipped = 0L
    while (skipped < frames) {
        val got = file.readFloats(buffer, minOf(blockFrames.toLong(), frames - skipped).toInt())
        if (got == 0) file.malformed("it ends at frame $skipped, before the start frame $frames")
        skipped += got
    }
}

/** Largest block [audioFile] reads at once: 256 MiB. */
private const val MAX_READ_BYTES = 1L shl 28
