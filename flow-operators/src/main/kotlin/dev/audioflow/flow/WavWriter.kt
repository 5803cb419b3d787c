package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.SampleFormat
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.channels.FileChannel
import java.nio.file.Path
import java.nio.file.StandardOpenOption

/** Largest RIFF size field of a plain WAV file; RF64 marks its 32-bit fields with 0xFFFFFFFF. */
internal const val MAX_RIFF_SIZE = 0xFFFF_FFFEL

/** The 32-bit size field value meaning "see the ds64 chunk" in RF64. */
internal const val RF64_SIZE_MARKER = 0xFFFF_FFFFL

/** Offset of the reserved `JUNK` chunk, which becomes `ds64` in RF64: right after `RIFF <size> WAVE`. */
internal const val DS64_OFFSET = 12

/** Body length of the `ds64` chunk (and of its `JUNK` reservation): three 64-bit sizes and a table length. */
internal const val DS64_BODY = 28

/**
 * Buffered WAV writer that keeps the header's sizes in step with the data on disk, and turns the
 * file into RF64 in place when the RIFF size would pass [riffLimit].
 */
internal class WavWriter(private val path: Path, private val sampleFormat: SampleFormat, private val riffLimit: Long) {
    private var channel: FileChannel? = null
    private var format: AudioFormat? = null
    private var headerSize = 0
    private var frameBytes = 0
    private val buffer = ByteBuffer.allocateDirect(FLUSH_BYTES).order(ByteOrder.LITTLE_ENDIAN)
    private val floats = buffer.asFloatBuffer()
    private var used = 0
    private var dataBytes = 0L
    private var rf64 = false
    var frames: Long = 0
        private set

    fun begin(format: AudioFormat) {
        val header = wavHeader(format, sampleFormat)
        headerSize = header.size
        frameBytes = format.channels * sampleFormat.bytesPerSample
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

    /** Appends the buffered data and then updates the sizes in the header. */
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

    /**
     * Writes the RIFF and data sizes (in RF64, the `ds64` chunk's); with [pad], also the pad byte
     * an odd-sized data chunk needs. Data is always on disk before the sizes that cover it.
     */
    private fun patchSizes(out: FileChannel, pad: Boolean) {
        val odd = dataBytes and 1L
        if (pad && odd == 1L) writeFully(out, ByteBuffer.wrap(ByteArray(1)), headerSize + dataBytes)
        val riff = headerSize - 8 + dataBytes + if (pad) odd else 0L
        if (!rf64 && riff > riffLimit) switchToRf64(out)
        if (rf64) {
            writeFully(out, ds64Sizes(riff, dataBytes, dataBytes / frameBytes), DS64_OFFSET + 8L)
        } else {
            writeFully(out, le32(riff), 4)
            writeFully(out, le32(dataBytes), headerSize - 4L)
        }
    }

    /**
     * Turns the reserved `JUNK` chunk into `ds64` and the file into RF64, in the order that
     * leaves a readable file after a crash at any step: the 64-bit sizes first, then the chunk
     * id, then the form and the 32-bit markers.
     */
    private fun switchToRf64(out: FileChannel) {
        rf64 = true
        writeFully(out, ds64Sizes(headerSize - 8 + dataBytes, dataBytes, dataBytes / frameBytes), DS64_OFFSET + 8L)
        writeFully(out, ascii("ds64"), DS64_OFFSET.toLong())
        writeFully(out, le32(RF64_SIZE_MARKER), headerSize - 4L)
        writeFully(out, ascii("RF64"), 0)
        writeFully(out, le32(RF64_SIZE_MARKER), 4)
    }

    private inline fun <T> io(body: () -> T): T = try {
        body()
    } catch (e: IOException) {
        throw AudioException(AudioErrorKind.InvalidArgument, "writeWav: cannot write $path: $e", e)
    }

    private companion object {
        const val FLUSH_BYTES = 64 * 1024
    }
}

/** The body of a `ds64` chunk: RIFF size, data size and sample (frame) count as 64-bit values, and an empty table. */
internal fun ds64Sizes(riff: Long, data: Long, frames: Long): ByteBuffer =
    ByteBuffer.allocate(DS64_BODY).order(ByteOrder.LITTLE_ENDIAN).putLong(riff).putLong(data).putLong(frames).putInt(0).flip() as ByteBuffer

internal fun le32(value: Long): ByteBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value.toInt())

internal fun ascii(id: String): ByteBuffer = ByteBuffer.wrap(id.toByteArray(Charsets.US_ASCII))

internal fun writeFully(channel: FileChannel, buffer: ByteBuffer, position: Long) {
    var at = position
    while (buffer.hasRemaining()) at += channel.write(buffer, at)
}

/**
 * The RIFF/WAVE header (up to and including the data chunk's size field) with zero sizes: the
 * `RIFF` form, a [DS64_BODY]-byte `JUNK` chunk reserved for RF64's `ds64`, the `fmt ` chunk and
 * the `data` chunk header.
 */
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
    val b = ByteBuffer.allocate(12 + 8 + DS64_BODY + 8 + fmtLength + 8).order(ByteOrder.LITTLE_ENDIAN)
    b.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"))
    b.put(ascii("JUNK")).putInt(DS64_BODY).put(ByteArray(DS64_BODY))
    b.put(ascii("fmt ")).putInt(fmtLength)
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
    b.put(ascii("data")).putInt(0)
    return b.array()
}
