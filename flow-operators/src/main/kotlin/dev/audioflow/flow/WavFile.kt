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
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.channels.FileChannel
import java.nio.file.Path
import java.nio.file.StandardOpenOption

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
 * ```
 * mic.input(config).takeDuration(30.seconds).writeWav(Path.of("take1.wav"), SampleFormat.INT24)
 * ```
 *
 * Thread: blocking file writes on the collecting coroutine's thread, buffered; collect on
 * `Dispatchers.IO` if that thread must never block.
 *
 * @throws AudioException [AudioErrorKind.InvalidArgument] for [SampleFormat.INT8] (WAV stores
 *   8-bit samples unsigned: use [SampleFormat.UINT8]), a block whose format differs from the
 *   file's, or an I/O failure; [AudioErrorKind.UnsupportedFormat] when the data would exceed the
 *   4 GiB a WAV file can address.
 */
@JvmSynthetic
public suspend fun Flow<FloatBlock>.writeWav(
    path: Path,
    sampleFormat: SampleFormat = SampleFormat.FLOAT32,
    format: AudioFormat? = null,
): Long {
    AudioException.require(sampleFormat != SampleFormat.INT8) { "WAV stores 8-bit samples unsigned: use UINT8, not $sampleFormat" }
    val writer = WavWriter(path, sampleFormat)
    try {
        if (format != null) writer.begin(format)
        collect { writer.write(it) }
    } finally {
        withContext(NonCancellable) { writer.close() }
    }
    return writer.frames
}

/** Buffered WAV writer that keeps the header's sizes in step with the data on disk. */
private class WavWriter(private val path: Path, private val sampleFormat: SampleFormat) {
    private var channel: FileChannel? = null
    private var format: AudioFormat? = null
    private var headerSize = 0
    private val buffer = ByteBuffer.allocateDirect(FLUSH_BYTES).order(ByteOrder.LITTLE_ENDIAN)
    private val floats = buffer.asFloatBuffer()
    private var used = 0
    private var dataBytes = 0L
    var frames: Long = 0
        private set

    fun begin(format: AudioFormat) {
        val header = wavHeader(format, sampleFormat)
        headerSize = header.size
        this.format = format
        channel = io {
            FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE).also {
                writeFully(it, ByteBuffer.wrap(header), 0)
            }
        }
    }

    fun write(block: FloatBlock) {
        val known = format ?: block.format.also { begin(it) }
        AudioException.require(block.format == known) {
            "writeWav: block at frame ${block.frameIndex} has format ${block.format}, the file has $known"
        }
        val ch = known.channels
        val frameBytes = ch * sampleFormat.bytesPerSample
        if (headerSize + dataBytes + used + block.frames.toLong() * frameBytes > MAX_RIFF_BYTES) {
            throw AudioException(AudioErrorKind.UnsupportedFormat, "writeWav: $path would exceed the 4 GiB limit of a WAV file")
        }
        var offset = 0
        while (offset < block.frames) {
            val room = (FLUSH_BYTES - used) / frameBytes
            if (room == 0) {
                flush()
                continue
            }
            val n = minOf(room, block.frames - offset)
            encode(block.samples, offset * ch, n * ch)
            used += n * frameBytes
            offset += n
        }
        frames += block.frames
        if (used >= FLUSH_BYTES - frameBytes) flush()
    }

    /**
     * Encodes [count] samples into the buffer at [used]: float32 as a bulk copy through a
     * little-endian float view (bit-identical to [SampleFormat.FLOAT32]'s encoding), other
     * formats with their [SampleFormat] codec.
     */
    private fun encode(samples: FloatArray, offset: Int, count: Int) {
        if (sampleFormat == SampleFormat.FLOAT32) {
            floats.put(used / 4, samples, offset, count)
        } else {
            buffer.position(used)
            sampleFormat.encode(samples, offset, buffer, count)
        }
    }

    /** Appends the buffered data and then updates both sizes in the header. */
    private fun flush() {
        val out = channel ?: return
        io { writeBuffered(out, pad = false) }
    }

    fun close() {
        val out = channel ?: return
        channel = null
        try {
            io { writeBuffered(out, pad = true) }
        } finally {
            io { out.close() }
        }
    }

    private fun writeBuffered(out: FileChannel, pad: Boolean) {
        if (used > 0) {
            buffer.limit(used).position(0)
            writeFully(out, buffer, headerSize + dataBytes)
            buffer.clear()
        }
        dataBytes += used
        used = 0
        patchSizes(out, pad)
    }

    /** Writes the RIFF and data sizes; with [pad], also the pad byte an odd-sized data chunk needs. */
    private fun patchSizes(out: FileChannel, pad: Boolean) {
        val odd = dataBytes and 1L
        if (pad && odd == 1L) writeFully(out, ByteBuffer.wrap(ByteArray(1)), headerSize + dataBytes)
        val riff = headerSize - 8 + dataBytes + if (pad) odd else 0L
        writeFully(out, le32(riff), 4)
        writeFully(out, le32(dataBytes), headerSize - 4L)
    }

    private inline fun <T> io(body: () -> T): T = try {
        body()
    } catch (e: IOException) {
        throw AudioException(AudioErrorKind.InvalidArgument, "writeWav: cannot write $path: $e", e)
    }

    private companion object {
        const val FLUSH_BYTES = 64 * 1024
        const val MAX_RIFF_BYTES = 0xFFFF_FFFFL - 1
    }
}

private fun le32(value: Long): ByteBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value.toInt())

private fun writeFully(channel: FileChannel, buffer: ByteBuffer, position: Long) {
    var at = position
    while (buffer.hasRemaining()) at += channel.write(buffer, at)
}

/** The RIFF/WAVE header (up to and including the data chunk's size field) with zero sizes. */
internal fun wavHeader(format: AudioFormat, sampleFormat: SampleFormat): ByteArray {
    val ch = format.channels
    val extensible = ch > 2 || (!sampleFormat.isFloat && sampleFormat.bits > 16)
    val fmtLength = when {
        extensible -> 40
        sampleFormat.isFloat -> 18
        else -> 16
    }
    val tag = if (sampleFormat.isFloat) WAVE_FORMAT_IEEE_FLOAT else WAVE_FORMAT_PCM
    val blockAlign = ch * sampleFormat.bytesPerSample
    val b = ByteBuffer.allocate(12 + 8 + fmtLength + 8).order(ByteOrder.LITTLE_ENDIAN)
    b.put("RIFF".toByteArray(Charsets.US_ASCII)).putInt(0).put("WAVE".toByteArray(Charsets.US_ASCII))
    b.put("fmt ".toByteArray(Charsets.US_ASCII)).putInt(fmtLength)
    b.putShort((if (extensible) WAVE_FORMAT_EXTENSIBLE else tag).toShort())
    b.putShort(ch.toShort()).putInt(format.sampleRate).putInt(format.sampleRate * blockAlign)
    b.putShort(blockAlign.toShort()).putShort((sampleFormat.bytesPerSample * 8).toShort())
    if (extensible) {
        b.putShort(22).putShort(sampleFormat.bits.toShort())
        b.putInt(if (ch <= 18) (1 shl ch) - 1 else 0)
        b.putShort(tag.toShort()).put(GUID_SUFFIX)
    } else if (fmtLength == 18) {
        b.putShort(0)
    }
    b.put("data".toByteArray(Charsets.US_ASCII)).putInt(0)
    return b.array()
}
