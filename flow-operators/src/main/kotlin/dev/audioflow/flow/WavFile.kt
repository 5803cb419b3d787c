@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.withContext
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Path

/**
 * The samples of the WAV file at [path] as a cold Flow of blocks of [blockFrames] frames (the
 * last may be shorter), starting at frame 0, converted to float by the file's [SampleFormat]
 * (see its scaling). Formats: those of [wavInfo].
 *
 * Each collection opens the file, reads it sequentially and closes it when the flow completes
 * or is cancelled.
 *
 * ```
 * wavFile(Path.of("voice.wav")).resample(48_000).toStereo().playOn(speaker)
 * ```
 *
 * Thread: the file is read on [Dispatchers.IO] (the flow is `flowOn(Dispatchers.IO)`), a block
 * ahead of the collector.
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] for a bad [blockFrames] (at call
 *   time, or on collection when a block of the file's frames would exceed 256 MiB), and on
 *   collection the errors of [wavInfo] (unreadable, malformed, truncated or unsupported files),
 *   never an index or I/O exception.
 */
@JvmOverloads
public fun wavFile(path: Path, blockFrames: Int = DEFAULT_FILE_BLOCK): Flow<FloatBlock> {
    checkBlockFrames(blockFrames)
    return flow {
        withFile(path) { channel ->
            val info = wavInfoOf(channel, path)
            val ch = info.format.channels
            AudioException.require(blockFrames.toLong() * info.blockAlign <= MAX_READ_BYTES) {
                "wavFile blockFrames $blockFrames is too large for $path (${info.blockAlign} bytes per frame, at most $MAX_READ_BYTES bytes per block)"
            }
            val bytes = ByteArray(blockFrames * info.blockAlign)
            val buffer = ByteBuffer.wrap(bytes)
            var frame = 0L
            while (frame < info.frames) {
                val n = minOf(blockFrames.toLong(), info.frames - frame).toInt()
                buffer.clear().limit(n * info.blockAlign)
                val start = info.dataOffset + frame * info.blockAlign
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, start + buffer.position()) < 0) {
                        throw AudioException(AudioErrorKind.InvalidArgument, "malformed WAV file $path: truncated at frame ${frame + buffer.position() / info.blockAlign}")
                    }
                }
                val samples = FloatArray(n * ch)
                info.sampleFormat.decode(bytes, 0, samples, 0, n * ch)
                emit(FloatBlock(info.format, samples, frame))
                frame += n
            }
        }
    }.flowOn(Dispatchers.IO)
}

/** Largest block [wavFile] reads at once: 256 MiB. */
private const val MAX_READ_BYTES = 1L shl 28

/** Default block size of [wavFile]: 4096 frames. */
public const val DEFAULT_FILE_BLOCK: Int = 4096

/**
 * Writes this flow to a WAV file at [path] with samples stored as [sampleFormat], and returns
 * the number of frames written when the flow completes.
 *
 * The file is valid at every moment it can be observed: the header is written first and its
 * sizes are updated every time buffered data is flushed (at least every 64 KiB of data), and
 * once more in a `finally` block that runs even when the flow fails or the caller is cancelled,
 * so a recording stopped midway keeps every frame received so far. Integer formats clip values
 * outside -1..1 (see [SampleFormat]); floats are stored unchanged.
 *
 * The header uses WAVE_FORMAT_PCM (16-bit and 8-bit, up to 2 channels), WAVE_FORMAT_IEEE_FLOAT
 * (float, up to 2 channels) or WAVE_FORMAT_EXTENSIBLE (more channels, or 24/32-bit PCM), as
 * Microsoft recommends. The file is created on the first block, or immediately when [format] is
 * given (then an empty flow leaves a valid empty file; without it, an empty flow writes nothing).
 *
 * **Long recordings.** A RIFF file addresses at most 4 GiB (an 8-channel 24-bit 48 kHz recording
 * reaches it after about 62 minutes). Every file starts with a 36-byte `JUNK` chunk reserved for
 * the change, as EBU Tech 3306 recommends; when the data passes 4 GiB the writer turns the file
 * into RF64 in place (`RF64` form, the reservation becomes the `ds64` chunk of 64-bit sizes), so
 * a recording has no length limit. [wavFile], [wavInfo], sox and libsndfile read both forms. If
 * the JVM dies while writing, the file holds every byte written and a header up to 64 KiB
 * behind; [repairWav] brings the header up to the file's length.
 *
 * ```
 * mic.input(config).takeDuration(30.seconds).writeWav(Path.of("take1.wav"), SampleFormat.INT24)
 * ```
 *
 * Thread: blocking file writes on the collecting coroutine's thread, buffered; collect on
 * `Dispatchers.IO` if that thread must never block.
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] for [SampleFormat.INT8] (WAV stores
 *   8-bit samples unsigned: use [SampleFormat.UINT8]), a block whose format differs from the
 *   file's, or an I/O failure.
 */
@JvmSynthetic
public suspend fun Flow<FloatBlock>.writeWav(
    path: Path,
    sampleFormat: SampleFormat = SampleFormat.FLOAT32,
    format: AudioFormat? = null,
): Long = writeWav(path, sampleFormat, format, MAX_RIFF_SIZE)

/**
 * [writeWav] switching to RF64 once the RIFF size field would exceed [riffLimit] instead of
 * 4 GiB: tests inject a small limit rather than write 4 GiB.
 */
internal suspend fun Flow<FloatBlock>.writeWav(path: Path, sampleFormat: SampleFormat, format: AudioFormat?, riffLimit: Long): Long {
    AudioException.require(sampleFormat != SampleFormat.INT8) { "WAV stores 8-bit samples unsigned: use UINT8, not $sampleFormat" }
    val writer = WavWriter(path, sampleFormat, riffLimit)
    try {
        if (format != null) writer.begin(format)
        collect { writer.write(it) }
    } finally {
        withContext(NonCancellable) { writer.close() }
    }
    return writer.frames
}

