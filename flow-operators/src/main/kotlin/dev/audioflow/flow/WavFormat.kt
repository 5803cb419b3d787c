@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.SampleFormat
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.channels.FileChannel
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * What a WAV file holds, read from its header.
 *
 * @property format sample rate and channel count.
 * @property sampleFormat how samples are stored (the container size: a 20-bit file in 24-bit
 *   containers reads as [SampleFormat.INT24]).
 * @property frames frames in the data chunk.
 * @property validBits significant bits per sample (from WAVE_FORMAT_EXTENSIBLE, else the container size).
 * @property extensible whether the header uses WAVE_FORMAT_EXTENSIBLE.
 * @property dataOffset byte offset of the first sample in the file.
 * @property rf64 whether the file is RF64 (or BW64): 64-bit sizes in a `ds64` chunk, for data past 4 GiB.
 */
public data class WavInfo @JvmOverloads constructor(
    public val format: AudioFormat,
    public val sampleFormat: SampleFormat,
    public val frames: Long,
    public val validBits: Int,
    public val extensible: Boolean,
    public val dataOffset: Long,
    public val rf64: Boolean = false,
) {
    /** Bytes per frame. */
    public val blockAlign: Int get() = format.channels * sampleFormat.bytesPerSample

    /** How long the file plays. */
    @get:JvmSynthetic
    public val duration: Duration get() = format.durationOf(frames)

    /** How long the file plays, as a `java.time.Duration` (the Java form of [duration]). */
    public fun duration(): java.time.Duration = format.durationOf(frames).toJavaDuration()
}

/**
 * Reads the header of the WAV file at [path].
 *
 * Accepts RIFF/WAVE and RF64 (or BW64, with 64-bit sizes in a `ds64` chunk) with PCM 8
 * (unsigned), 16, 24, 32-bit and IEEE float 32/64-bit samples, plain or WAVE_FORMAT_EXTENSIBLE,
 * skipping unknown chunks. In a RIFF file, a data chunk size of `0xFFFFFFFF` (written by
 * streaming tools that could not seek back) means "up to the end of the file".
 *
 * ```
 * val info = wavInfo(Path.of("take1.wav")); println("${info.format}, ${info.duration}")
 * ```
 *
 * Thread: blocking file I/O; call it off the UI thread (e.g. in `Dispatchers.IO`).
 *
 * @throws AudioException [AudioErrorKind.UnsupportedFormat] for files that are not RIFF/WAVE or
 *   use another encoding (ADPCM, A-law, 12-bit...); [AudioErrorKind.InvalidArgument] for
 *   malformed or truncated headers and unreadable files; the message names the file and the problem.
 */
public fun wavInfo(path: Path): WavInfo = withFile(path) { channel -> wavInfoOf(channel, path) }

/** Parses the header of the open WAV file [channel] (named [path] in messages). */
internal fun wavInfoOf(channel: FileChannel, path: Path): WavInfo = WavParser(channel, path).parse()

/**
 * Runs [body] on the WAV file at [path] opened for reading (or, with [write], also for writing),
 * turning I/O failures into `AudioException(InvalidArgument)` that say what could not be done: [action].
 */
internal inline fun <T> withFile(path: Path, action: String = "read", write: Boolean = false, body: (FileChannel) -> T): T {
    val channel = try {
        if (write) FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE) else FileChannel.open(path, StandardOpenOption.READ)
    } catch (e: IOException) {
        throw AudioException(AudioErrorKind.InvalidArgument, "cannot open WAV file $path${if (write) " to $action it" else ""}: $e", e)
    }
    return channel.use {
        try {
            body(it)
        } catch (e: IOException) {
            throw AudioException(AudioErrorKind.InvalidArgument, "cannot $action WAV file $path: $e", e)
        }
    }
}

private class WavParser(private val channel: FileChannel, private val path: Path) {
    private val size = channel.size()

    fun parse(): WavInfo {
        if (size < 12) malformed("file is $size bytes, too short for a RIFF header (12)")
        val riff = read(0, 12)
        val id = fourCC(riff, 0)
        val rf64 = id == "RF64" || id == "BW64"
        if (id != "RIFF" && !rf64) unsupported("not a RIFF/WAVE file (starts with '${printable(id)}')${if (id == "RIFX") ": big-endian RIFX is not supported" else ""}")
        val form = fourCC(riff, 8)
        if (form != "WAVE") unsupported("$id form is '${printable(form)}', not 'WAVE'")
        var position = 12L
        var fmt: Fmt? = null
        var ds64Data = -1L
        while (true) {
            if (position + 8 > size) malformed(if (fmt == null) "no 'fmt ' chunk" else "no 'data' chunk")
            val header = read(position, 8)
            val chunk = fourCC(header, 0)
            val length = header.getInt(4).toLong() and 0xFFFF_FFFFL
            val body = position + 8
            when (chunk) {
                "fmt " -> {
                    if (length < 16) malformed("'fmt ' chunk is $length bytes, needs at least 16")
                    if (body + length > size) malformed("truncated: 'fmt ' chunk declares $length bytes, ${size - body} remain")
                    fmt = parseFmt(read(body, minOf(length, 64L).toInt()), length)
                }
                "ds64" -> {
                    if (length < 24 || body + 24 > size) malformed("'ds64' chunk is $length bytes, needs 24")
                    ds64Data = read(body + 8, 8).getLong(0)
                    if (ds64Data < 0) malformed("'ds64' data size $ds64Data is negative")
                }
                "data" -> {
                    val f = fmt ?: malformed("'data' chunk comes before the 'fmt ' chunk")
                    val bytes = when {
                        rf64 && length == RF64_SIZE_MARKER -> if (ds64Data >= 0) ds64Data else malformed("$id file has no 'ds64' chunk before its 'data' chunk")
                        length == RF64_SIZE_MARKER -> size - body
                        else -> length
                    }
                    // Compared with what remains rather than added to the offset: a ds64 size near 2^63 overflows.
                    if (bytes > size - body) malformed("truncated: 'data' chunk declares $bytes bytes, only ${size - body} remain (repairWav sets the sizes to what the file holds)")
                    if (bytes % f.blockAlign != 0L) malformed("'data' chunk of $bytes bytes is not a whole number of ${f.blockAlign}-byte frames")
                    return WavInfo(f.format, f.sampleFormat, bytes / f.blockAlign, f.validBits, f.extensible, body, rf64)
                }
            }
            position = body + length + (length and 1)
        }
    }

    private class Fmt(val format: AudioFormat, val sampleFormat: SampleFormat, val validBits: Int, val extensible: Boolean) {
        val blockAlign: Int get() = format.channels * sampleFormat.bytesPerSample
    }

    private fun parseFmt(b: ByteBuffer, length: Long): Fmt {
        var tag = b.getShort(0).toInt() and 0xFFFF
        val channels = b.getShort(2).toInt() and 0xFFFF
        val rate = b.getInt(4).toLong() and 0xFFFF_FFFFL
        val blockAlign = b.getShort(12).toInt() and 0xFFFF
        val bits = b.getShort(14).toInt() and 0xFFFF
        var validBits = bits
        val extensible = tag == WAVE_FORMAT_EXTENSIBLE
        if (extensible) {
            if (length < 40) malformed("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is $length bytes, needs 40")
            validBits = (b.getShort(18).toInt() and 0xFFFF).takeIf { it != 0 } ?: bits
            tag = b.getShort(24).toInt() and 0xFFFF
            for (i in 2 until 16) {
                if (b.get(24 + i) != GUID_SUFFIX[i - 2]) unsupported("WAVE_FORMAT_EXTENSIBLE sub-format GUID is not a standard KSDATAFORMAT one")
            }
        }
        if (channels !in 1..AudioFormat.MAX_CHANNELS) malformed("channel count $channels is outside 1..${AudioFormat.MAX_CHANNELS}")
        if (rate !in 1..AudioFormat.MAX_SAMPLE_RATE.toLong()) unsupported("sample rate $rate Hz is outside 1..${AudioFormat.MAX_SAMPLE_RATE}")
        val sampleFormat = when (tag) {
            WAVE_FORMAT_PCM -> when (bits) {
                8 -> SampleFormat.UINT8
                16 -> SampleFormat.INT16
                24 -> SampleFormat.INT24
                32 -> SampleFormat.INT32
                else -> unsupported("$bits-bit PCM is not supported (8, 16, 24, 32 are)")
            }
            WAVE_FORMAT_IEEE_FLOAT -> when (bits) {
                32 -> SampleFormat.FLOAT32
                64 -> SampleFormat.FLOAT64
                else -> unsupported("$bits-bit IEEE float is not supported (32, 64 are)")
            }
            else -> unsupported("encoding ${TAG_NAMES[tag] ?: "with format tag 0x%04x".format(tag)} is not supported (PCM and IEEE float are)")
        }
        if (validBits !in 1..bits) malformed("valid bits $validBits exceed the $bits-bit container")
        val expectedAlign = channels * sampleFormat.bytesPerSample
        if (blockAlign != expectedAlign) malformed("block align $blockAlign does not match $channels channels × ${sampleFormat.bytesPerSample} bytes")
        return Fmt(AudioFormat(rate.toInt(), channels), sampleFormat, validBits, extensible)
    }

    private fun read(position: Long, length: Int): ByteBuffer = readLittleEndian(channel, position, length) { malformed("truncated at byte $it") }

    private fun malformed(problem: String): Nothing =
        throw AudioException(AudioErrorKind.InvalidArgument, "malformed WAV file $path: $problem")

    private fun unsupported(problem: String): Nothing =
        throw AudioException(AudioErrorKind.UnsupportedFormat, "unsupported WAV file $path: $problem")
}

/** [length] bytes of [channel] from [position], little-endian; [truncated] is called with the byte where the file ends first. */
internal inline fun readLittleEndian(channel: FileChannel, position: Long, length: Int, truncated: (Long) -> Nothing): ByteBuffer {
    val buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN)
    while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) truncated(position + buffer.position())
    }
    return buffer.flip() as ByteBuffer
}

/** The chunk id at [offset] of [b]. */
internal fun fourCC(b: ByteBuffer, offset: Int): String = String(CharArray(4) { (b.get(offset + it).toInt() and 0xFF).toChar() })

/** [id] with unprintable characters as `?`, for messages. */
internal fun printable(id: String): String = id.map { if (it in ' '..'~') it else '?' }.joinToString("")

internal const val WAVE_FORMAT_PCM = 1
internal const val WAVE_FORMAT_IEEE_FLOAT = 3
internal const val WAVE_FORMAT_EXTENSIBLE = 0xFFFE

/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID (the first two are the format tag). */
internal val GUID_SUFFIX = byteArrayOf(
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80.toByte(), 0x00, 0x00, 0xAA.toByte(), 0x00, 0x38, 0x9B.toByte(), 0x71,
)

private val TAG_NAMES = mapOf(
    2 to "Microsoft ADPCM", 6 to "A-law", 7 to "µ-law", 0x11 to "IMA ADPCM", 0x55 to "MPEG layer 3",
)
