package dev.audioflow.samples

import dev.audioflow.AudioException
import dev.audioflow.flow.repairWav
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.audioFileInfo
import java.io.IOException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

/**
 * Where `record` writes [output], so that a recording that fails never destroys an existing file.
 *
 * The writer writes [temporary], a hidden file next to [target]. When the first frame arrives
 * (the stream opened and delivered), [onFrame] renames it over [target] in one atomic step, and
 * the writer goes on writing the same open file, now under the target's name (so a WAV file is a
 * valid, growing file from then on; libsndfile finishes the other formats' headers when the
 * writer closes). A recording that fails or is interrupted before its first frame leaves [target]
 * as it was, and [finish] deletes the temporary file.
 *
 * After a write failure (a full disk) a WAV file on disk may hold more data than its header says;
 * [finish] makes the header match the whole frames on disk ([repairWav], RF64 past 4 GiB), so
 * every frame written is kept. Other formats are read back through libsndfile, which finished
 * their headers when the writer closed.
 *
 * Thread: the recording coroutine only. Blocking file operations.
 */
class RecordingFile(val output: AudioFileTarget) {
    /** The file being recorded. */
    val target: Path = output.path

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
     * After the writer has closed: deletes the temporary file if no frame arrived, else makes a
     * WAV [target]'s header match the whole frames it holds. Returns the frames [target] holds
     * (0 when it was left untouched).
     *
     * @throws CommandFailure naming [target] when it cannot be repaired or read back.
     */
    fun finish(): Long {
        if (!replaced) {
            Files.deleteIfExists(temporary)
            return 0
        }
        return try {
            if (output.format == FileFormat.WAV) repairWav(target).info.frames else audioFileInfo(target).frames
        } catch (e: AudioException) {
            throw CommandFailure("cannot finish $target: ${e.message}")
        }
    }
}
