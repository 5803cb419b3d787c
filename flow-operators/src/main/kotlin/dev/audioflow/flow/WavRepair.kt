@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Path

/**
 * What [repairWav] found and did.
 *
 * @property info the file's header after the repair.
 * @property declaredFrames the frames its header declared before (what a reader saw then).
 * @property repaired whether the file was changed.
 */
public data class WavRepair(
    public val info: WavInfo,
    public val declaredFrames: Long,
    public val repaired: Boolean,
)

/**
 * Fixes the size fields of the WAV (or RF64) file at [path] from its length, for a recording
 * interrupted before its header was last updated: a killed JVM, a power cut, a full disk.
 *
 * The data chunk is taken to run to the end of the file, unless its declared size already ends
 * where well-formed chunks take over (then the file is left alone). A partial frame at the very
 * end (the last write cut short) is dropped, and a pad byte added when the data length is odd.
 * When the data is larger than a RIFF file can address (4 GiB), the file becomes RF64 in place,
 * using the `JUNK` chunk that [writeWav] reserves after the `WAVE` form (other writers reserve it
 * too); an RF64 file gets its `ds64` sizes fixed. Idempotent: a sound file is not changed.
 *
 * ```
 * val r = repairWav(Path.of("take1.wav"))
 * println("${r.declaredFrames} -> ${r.info.frames} frames" + if (r.repaired) " (repaired)" else "")
 * ```
 *
 * Thread: blocking file I/O. Do not call it on a file that is still being written.
 *
 * @throws AudioException [AudioErrorKind.UnsupportedFormat] for files that are not RIFF/WAVE or
 *   RF64, or whose data passed 4 GiB with no room to become RF64;
 *   [AudioErrorKind.InvalidArgument] for files with no `fmt ` or `data` chunk, RF64 files with no
 *   `ds64` chunk before their data, or files that cannot be opened or written; the message names
 *   the file.
 */
public fun repairWav(path: Path): WavRepair = withFile(path, "repair", write = true) { WavRepairer(it, path).repair() }

private class WavRepairer(private val channel: FileChannel, private val path: Path) {
    private var size = channel.size()

    fun repair(): WavRepair {
        if (size < 12) malformed("file is $size bytes, too short for a RIFF header (12)")
        val form = fourCC(0)
        val rf64 = form == "RF64" || form == "BW64"
        if (form != "RIFF" && !rf64 || fourCC(8) != "WAVE") unsupported("not a RIFF/WAVE or RF64 file (starts with '${printable(form)}')")
        val layout = findChunks(rf64)
        if (rf64 && layout.ds64Body < 0) malformed("$form file has no 'ds64' chunk of at least $DS64_SIZES bytes before its 'data' chunk to hold its 64-bit sizes")
        val declared = layout.declaredData
        // Compared with what remains rather than added to the offset: a ds64 size near 2^63 overflows.
        val consistent = declared >= 0 && declared <= size - layout.dataBody && declared % layout.blockAlign == 0L &&
            chunksRunToEnd(layout.dataBody + declared + (declared and 1))
        val data = if (consistent) declared else (size - layout.dataBody) / layout.blockAlign * layout.blockAlign
        if (!rf64 && !layout.junk && layout.dataBody + data + (data and 1) - 8 > MAX_RIFF_SIZE) {
            unsupported("its data of $data bytes passes the 4 GiB a RIFF file addresses, and it has no 'JUNK' chunk after 'WAVE' to hold RF64's 64-bit sizes")
        }
        var changed = false
        if (!consistent) {
            val end = layout.dataBody + data
            if (size != end + (data and 1)) {
                channel.truncate(end)
                if (data and 1 == 1L) write(ByteBuffer.wrap(ByteArray(1)), end)
                size = channel.size()
                changed = true
            }
        }
        val riff = size - 8
        changed = when {
            // The sizes go to ds64 (its table count left alone), and the data chunk's 32-bit size
            // becomes the marker that sends a reader there (a stale small size would hide the data).
            rf64 -> (patch(layout.ds64Body, ds64Sizes(riff, data, data / layout.blockAlign).limit(DS64_SIZES) as ByteBuffer) or
                patch(layout.dataBody - 4, le32(RF64_SIZE_MARKER))) or changed
            riff > MAX_RIFF_SIZE -> toRf64(layout, riff, data)
            else -> (patch(4, le32(riff)) or patch(layout.dataBody - 4, le32(data))) or changed
        }
        val info = wavInfoOf(channel, path)
        return WavRepair(info, if (declared < 0) 0 else declared / layout.blockAlign, changed)
    }

    private class Layout(val dataBody: Long, val declaredData: Long, val blockAlign: Int, val junk: Boolean, val ds64Body: Long)

    /**
     * Walks the chunks up to `data`: the fmt chunk's block align, the declared data size, whether a
     * JUNK chunk can become ds64, where the body of the ds64 chunk is (-1: none).
     */
    private fun findChunks(rf64: Boolean): Layout {
        var position = 12L
        var blockAlign = 0
        var ds64Data = -1L
        var junk = false
        var ds64Body = -1L
        while (position + 8 <= size) {
            val id = fourCC(position)
            val length = read(position + 4, 4).getInt(0).toLong() and 0xFFFF_FFFFL
            val body = position + 8
            when (id) {
                "JUNK" -> junk = junk || (position == DS64_OFFSET.toLong() && length >= DS64_BODY)
                "ds64" -> if (length >= DS64_SIZES && body + DS64_SIZES <= size) {
                    ds64Data = read(body + 8, 8).getLong(0)
                    ds64Body = body
                }
                "fmt " -> if (body + 16 <= size) blockAlign = read(body + 12, 2).getShort(0).toInt() and 0xFFFF
                "data" -> {
                    if (blockAlign == 0) malformed("no valid 'fmt ' chunk before the 'data' chunk: nothing to repair from")
                    val declared = if (length == RF64_SIZE_MARKER) (if (rf64) ds64Data else -1L) else length
                    return Layout(body, declared, blockAlign, junk, ds64Body)
                }
            }
            position = body + length + (length and 1)
        }
        malformed("no 'data' chunk: nothing to repair")
    }

    /** True when well-formed chunk headers follow from [from] exactly to the end of the file (or it ends there). */
    private fun chunksRunToEnd(from: Long): Boolean {
        var position = from
        while (position < size) {
            if (position + 8 > size) return false
            val id = fourCC(position)
            if (id.any { it !in ' '..'~' }) return false
            val length = read(position + 4, 4).getInt(0).toLong() and 0xFFFF_FFFFL
            position += 8 + length + (length and 1)
        }
        return position == size
    }

    /** Turns the file into RF64 in the writer's crash-safe order; always true (it changed the file). */
    private fun toRf64(layout: Layout, riff: Long, data: Long): Boolean {
        write(ds64Sizes(riff, data, data / layout.blockAlign), DS64_OFFSET + 8L)
        write(ascii("ds64"), DS64_OFFSET.toLong())
        write(le32(RF64_SIZE_MARKER), layout.dataBody - 4)
        write(ascii("RF64"), 0)
        write(le32(RF64_SIZE_MARKER), 4)
        return true
    }

    /** Writes [bytes] at [position] unless they are already there; true when it wrote. */
    private fun patch(position: Long, bytes: ByteBuffer): Boolean {
        val current = read(position, bytes.remaining())
        if (current == bytes) return false
        write(bytes, position)
        return true
    }

    private fun write(bytes: ByteBuffer, position: Long) = writeFully(channel, bytes, position)

    private fun read(position: Long, length: Int): ByteBuffer = readLittleEndian(channel, position, length) { malformed("truncated at byte $it") }

    private fun fourCC(position: Long): String = fourCC(read(position, 4), 0)

    private fun malformed(problem: String): Nothing =
        throw AudioException(AudioErrorKind.InvalidArgument, "cannot repair WAV file $path: $problem")

    private fun unsupported(problem: String): Nothing =
        throw AudioException(AudioErrorKind.UnsupportedFormat, "cannot repair WAV file $path: $problem")
}

/** Bytes of a `ds64` chunk's three 64-bit sizes (RIFF, data, frames), before its table count. */
private const val DS64_SIZES = 24
