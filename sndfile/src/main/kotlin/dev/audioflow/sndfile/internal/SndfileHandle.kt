package dev.audioflow.sndfile.internal

import com.sun.jna.Memory
import com.sun.jna.Pointer
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.FileSubtype
import dev.audioflow.sndfile.Sndfile
import java.nio.file.Files
import java.nio.file.Path

/**
 * One open libsndfile `SNDFILE*` with the path it was opened from, turning every libsndfile
 * failure into an [AudioException] that names the file. Not thread-safe; closed exactly once.
 */
internal class SndfileHandle private constructor(val path: Path, private var file: Pointer?, val info: SfInfo) : AutoCloseable {
    val format: FileFormat = FileFormat.ofCode(info.format and SndfileNative.SF_FORMAT_TYPEMASK)
        ?: unsupported(path, "libsndfile reports major format 0x%x, which audioflow does not know".format(info.format and SndfileNative.SF_FORMAT_TYPEMASK))
    val subtype: FileSubtype = FileSubtype.ofCode(info.format and SndfileNative.SF_FORMAT_SUBMASK)
        ?: unsupported(path, "libsndfile reports subtype 0x%x, which audioflow does not know".format(info.format and SndfileNative.SF_FORMAT_SUBMASK))
    val audioFormat: AudioFormat = try {
        AudioFormat(info.samplerate, info.channels)
    } catch (e: AudioException) {
        throw AudioException(AudioErrorKind.UnsupportedFormat, "unsupported $format file $path: ${e.message}", e)
    }

    val pointer: Pointer get() = file ?: throw AudioException(AudioErrorKind.InvalidArgument, "$path is already closed")

    /** libsndfile's log for this file (what it found in the header, and what it had to correct). */
    fun log(): String = readLog(file)

    /** Reads up to [frames] frames into [buffer]; short only at the end of the data. */
    fun readFloats(buffer: Memory, frames: Int): Int {
        val got = SndfileNative.sf_readf_float(pointer, buffer, frames.toLong())
        val error = SndfileNative.sf_error(pointer)
        if (got < 0 || error != 0) malformed("${describe(pointer)} after frame $readFrames")
        readFrames += got
        return got.toInt()
    }

    /** Moves the read position to [frame]. */
    fun seek(frame: Long) {
        if (SndfileNative.sf_seek(pointer, frame, SndfileNative.SEEK_SET) != frame) {
            throw AudioException(AudioErrorKind.InvalidArgument, "cannot seek to frame $frame of $format file $path: ${describe(pointer)}", backend = SndfileLibrary.NAME)
        }
        readFrames = frame
    }

    /** The read position, in frames. */
    private var readFrames = 0L

    /** Writes [frames] frames of [buffer] as floats (or, with [asInts], as left-justified 32-bit integers). */
    fun write(buffer: Memory, frames: Int, asInts: Boolean) {
        val written = if (asInts) SndfileNative.sf_writef_int(pointer, buffer, frames.toLong()) else SndfileNative.sf_writef_float(pointer, buffer, frames.toLong())
        if (written != frames.toLong()) {
            throw AudioException(AudioErrorKind.InvalidArgument, "cannot write $format file $path: libsndfile wrote $written of $frames frames: ${describe(pointer)}", backend = SndfileLibrary.NAME)
        }
    }

    /** `sf_command` with an integer argument; returns libsndfile's result. */
    fun command(command: Int, value: Int): Int = Memory(4).use { m ->
        m.setInt(0, value)
        SndfileNative.sf_command(pointer, command, m, 4)
    }

    /** `sf_command` with a [data] block of [size] bytes. */
    fun command(command: Int, data: Pointer?, size: Int): Int = SndfileNative.sf_command(pointer, command, data, size)

    fun malformed(problem: String): Nothing =
        throw AudioException(AudioErrorKind.InvalidArgument, "malformed or truncated $format file $path: $problem", backend = SndfileLibrary.NAME)

    /**
     * Closes the file (for a file being written, libsndfile writes its final header here).
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] when libsndfile reports a failure.
     */
    override fun close() {
        val f = file ?: return
        file = null
        val result = SndfileNative.sf_close(f)
        if (result != 0) {
            throw AudioException(AudioErrorKind.InvalidArgument, "closing $format file $path failed: ${utf8(SndfileNative.sf_strerror(null)) ?: "error $result"}", backend = SndfileLibrary.NAME, nativeCode = result)
        }
    }

    companion object {
        /**
         * Opens [path] for reading and checks that its header agrees with its length.
         *
         * @throws AudioException [AudioErrorKind.UnsupportedFormat] for files libsndfile does not
         *   recognise or cannot decode; [AudioErrorKind.InvalidArgument] for missing, unreadable,
         *   malformed or truncated files; [AudioErrorKind.BackendUnavailable] without libsndfile.
         */
        fun openRead(path: Path): SndfileHandle {
            SndfileLibrary.require()
            if (!Files.isRegularFile(path)) throw AudioException(AudioErrorKind.InvalidArgument, "cannot open audio file $path: ${if (Files.exists(path)) "not a regular file" else "no such file"}")
            val info = SfInfo()
            val file = SndfileNative.sf_open(cString(path.toString()), SndfileNative.SFM_READ, info) ?: failOpen(path, "read")
            val handle = try {
                SndfileHandle(path, file, info)
            } catch (e: AudioException) {
                SndfileNative.sf_close(file)
                throw e
            }
            try {
                Consistency.check(handle)
            } catch (e: AudioException) {
                handle.close()
                throw e
            }
            return handle
        }

        /**
         * Creates [path] as a [format]/[subtype] file of [audioFormat].
         *
         * @throws AudioException [AudioErrorKind.UnsupportedFormat] when libsndfile refuses the
         *   combination; [AudioErrorKind.InvalidArgument] when the file cannot be created.
         */
        fun openWrite(path: Path, format: FileFormat, subtype: FileSubtype, audioFormat: AudioFormat): SndfileHandle {
            SndfileLibrary.require()
            val info = SfInfo().apply {
                samplerate = audioFormat.sampleRate
                channels = audioFormat.channels
                this.format = format.sfMajor or subtype.sfCode
            }
            if (!Sndfile.canWrite(format, subtype, audioFormat)) {
                throw AudioException(
                    AudioErrorKind.UnsupportedFormat,
                    "libsndfile cannot write $format with $subtype at $audioFormat to $path${hint(format, subtype, audioFormat)}",
                    backend = SndfileLibrary.NAME,
                )
            }
            val file = SndfileNative.sf_open(cString(path.toString()), SndfileNative.SFM_WRITE, info) ?: failOpen(path, "write")
            return SndfileHandle(path, file, info)
        }

        private fun hint(format: FileFormat, subtype: FileSubtype, audioFormat: AudioFormat): String = when {
            subtype == FileSubtype.OPUS && audioFormat.sampleRate !in Sndfile.OPUS_RATES -> " (Opus takes 8, 12, 16, 24 or 48 kHz: resample first)"
            format == FileFormat.MP3 && audioFormat.channels > 2 -> " (MP3 holds 1 or 2 channels)"
            format == FileFormat.FLAC && (subtype.lossy || subtype.intBits == 0 || subtype.intBits > 24) -> " (FLAC takes PCM_S8, PCM_16 or PCM_24)"
            else -> ""
        }

        private fun failOpen(path: Path, mode: String): Nothing {
            val code = SndfileNative.sf_error(null)
            val reason = utf8(SndfileNative.sf_strerror(null)) ?: "error $code"
            val log = readLog(null).lineSequence().map { it.trim() }.filter { it.startsWith("***") || it.contains("rror") }.firstOrNull()
            val kind = when (code) {
                SndfileNative.SF_ERR_UNRECOGNISED_FORMAT, SndfileNative.SF_ERR_UNSUPPORTED_ENCODING, SndfileNative.SFE_UNIMPLEMENTED -> AudioErrorKind.UnsupportedFormat
                else -> AudioErrorKind.InvalidArgument
            }
            throw AudioException(kind, "cannot $mode audio file $path: $reason${log?.let { " ($it)" } ?: ""}", backend = SndfileLibrary.NAME, nativeCode = code)
        }

        private fun readLog(file: Pointer?): String = Memory(LOG_BYTES.toLong()).use { m ->
            m.clear()
            SndfileNative.sf_command(file, SndfileNative.SFC_GET_LOG_INFO, m, LOG_BYTES)
            m.getString(0, "UTF-8")
        }

        private fun describe(file: Pointer?): String = utf8(SndfileNative.sf_strerror(file)) ?: "error ${SndfileNative.sf_error(file)}"

        private fun unsupported(path: Path, problem: String): Nothing =
            throw AudioException(AudioErrorKind.UnsupportedFormat, "unsupported audio file $path: $problem", backend = SndfileLibrary.NAME)

        private const val LOG_BYTES = 16 * 1024
    }
}
