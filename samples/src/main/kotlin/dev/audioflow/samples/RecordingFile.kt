package dev.audioflow.samples

import java.io.IOException
import java.nio.ByteBuffer
import java.nio.ByteOrder
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.StandardOpenOption

/**
 * Where `record` writes [target], so that a recording that fails never destroys an existing file.
 *
 * The WAV writer writes [temporary], a hidden file next to [target]. When the first frame
 * arrives (the stream opened and delivered), [onFrame] renames it over [target] in one atomic
 * step, and the writer goes on writing the same file, now under the target's name (so the file
 * is a valid, growing WAV from then on). A recording that fails or is interrupted before its
 * first frame leaves [target] as it was, and [finish] deletes the temporary file.
 *
 * After a write failure (a full disk) the file on disk may hold more data than its header
 * says; [finish] makes the header match the whole frames on disk, so every frame written is kept.
 *
 * Thread: the recording coroutine only. Blocking file operations.
 */
class RecordingFile(val target: Path) {
    /** The file the writer creates; renamed to [target] at the first frame. */
    val temporary: Path = target.resolveSibling(".${target.fileName}.${ProcessHandle.current().pid()}.part")

    /** True once [temporary] has become [target]. */
    var replaced: Boolean = false
        private set

    /**
     * Checks that [target]'s directory exists and is writable before anything is opened.
     *
     * @throws CommandFailure naming the file and the reason.
     */
    fun checkWritable() {
        val dir = target.toAbsolutePath().parent
        when {
            !Files.isDirectory(dir) -> throw CommandFailure("cannot write $target: no such directory $dir")
            !Files.isWritable(dir) -> throw CommandFailure("cannot write $target: permission denied in $dir")
            Files.isDirectory(target) -> throw CommandFailure("cannot write $target: it is a directory")
        }
    }

    /** Called for every block before the writer sees it: the first one moves the recording into place. */
    fun onFrame() {
        if (replaced) return
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
        } catch (e: IOException) {
            throw CommandFailure("cannot write $target: ${FileErrors.reason(e)}")
        }
        replaced = true
    }

    /**
     * After the writer has closed: deletes the temporary file if no frame arrived, else makes
     * [target]'s header match the whole frames it holds. Returns the frames [target] holds (0
     * when it was left untouched).
     */
    fun finish(): Long {
        if (!replaced) {
            Files.deleteIfExists(temporary)
            return 0
        }
        return FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE).use { repairSizes(it) }
    }

    /** Truncates a partial last frame and writes the RIFF and data sizes of what is on disk (writes no new bytes). */
    private fun repairSizes(file: FileChannel): Long {
        val (dataOffset, blockAlign) = dataChunk(file)
        val frames = (file.size() - dataOffset) / blockAlign
        val dataBytes = frames * blockAlign
        if (file.size() > dataOffset + dataBytes + (dataBytes and 1L)) file.truncate(dataOffset + dataBytes + (dataBytes and 1L))
        putLe32(file, 4, file.size() - 8)
        putLe32(file, dataOffset - 4, dataBytes)
        return frames
    }

    /** The data chunk's offset and the frame size from `fmt `, walking the RIFF chunks. */
    private fun dataChunk(file: FileChannel): Pair<Long, Int> {
        var at = 12L
        var blockAlign = 0
        val head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        while (at + 8 <= file.size()) {
            head.clear()
            file.read(head, at)
            val id = String(head.array(), 0, 4, Charsets.US_ASCII)
            val size = head.getInt(4).toLong() and 0xFFFF_FFFFL
            if (id == "fmt ") {
                val align = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
                file.read(align, at + 8 + 12)
                blockAlign = align.getShort(0).toInt() and 0xFFFF
            }
            if (id == "data" && blockAlign > 0) return at + 8 to blockAlign
            at += 8 + size + (size and 1L)
        }
        throw CommandFailure("cannot repair $target: no WAV data chunk")
    }

    private fun putLe32(file: FileChannel, position: Long, value: Long) {
        val bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value.toInt())
        while (bytes.hasRemaining()) file.write(bytes, position + bytes.position())
    }
}
