package dev.audioflow.sndfile

import com.sun.jna.Memory
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.sndfile.internal.SfInfo
import dev.audioflow.sndfile.internal.SndfileLibrary
import dev.audioflow.sndfile.internal.SndfileNative
import dev.audioflow.sndfile.internal.utf8

/**
 * The installed libsndfile: whether it is there, its version, and what it reads and writes,
 * asked of the library itself (`SFC_GET_FORMAT_MAJOR`, `sf_format_check`) rather than assumed.
 *
 * ```
 * println(Sndfile.version)                  // libsndfile-1.2.0
 * println(Sndfile.formats())                // [AIFF, AU, AVR, CAF, FLAC, ...]
 * Sndfile.canWrite(FileFormat.OGG, FileSubtype.OPUS, AudioFormat(44_100, 2))   // false: Opus takes 8, 12, 16, 24 or 48 kHz
 * ```
 *
 * Thread-safe. Never throws when the library is missing, except where it says so.
 */
public object Sndfile {
    /** The System.Logger that libsndfile's per-file logs (what it read from each header) go to, at DEBUG. */
    public const val LOGGER: String = "dev.audioflow.native.sndfile"

    /** True when libsndfile is loaded. */
    @JvmStatic
    public val isAvailable: Boolean get() = SndfileLibrary.isLoaded

    /** Why libsndfile is unavailable (names tried, what to install), or null when it [isAvailable]. */
    @JvmStatic
    public val unavailableReason: String? get() = SndfileLibrary.loadError

    /**
     * The library's version string (`libsndfile-1.2.0`).
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] naming libsndfile and how to install it when it is missing.
     */
    @JvmStatic
    public val version: String get() {
        SndfileLibrary.require()
        return utf8(SndfileNative.sf_version_string()) ?: "libsndfile (unknown version)"
    }

    /**
     * The containers the installed libsndfile reports (`SFC_GET_FORMAT_MAJOR`), in its order;
     * libsndfile 1.2.0 on Debian 12 reports every [FileFormat].
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when libsndfile is missing.
     */
    @JvmStatic
    public fun formats(): List<FileFormat> = listed(SndfileNative.SFC_GET_FORMAT_MAJOR_COUNT, SndfileNative.SFC_GET_FORMAT_MAJOR).mapNotNull { FileFormat.ofCode(it) }

    /**
     * The subtypes the installed libsndfile reports (`SFC_GET_FORMAT_SUBTYPE`).
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when libsndfile is missing.
     */
    @JvmStatic
    public fun subtypes(): List<FileSubtype> = listed(SndfileNative.SFC_GET_FORMAT_SUBTYPE_COUNT, SndfileNative.SFC_GET_FORMAT_SUBTYPE).mapNotNull { FileSubtype.ofCode(it) }

    /**
     * Whether libsndfile can write [format] with [subtype] at [audioFormat] (`sf_format_check`).
     *
     * @throws AudioException [AudioErrorKind.BackendUnavailable] when libsndfile is missing.
     */
    @JvmStatic
    public fun canWrite(format: FileFormat, subtype: FileSubtype, audioFormat: AudioFormat): Boolean {
        SndfileLibrary.require()
        // sf_format_check passes Opus at any rate; sf_open then refuses all but these.
        if (subtype == FileSubtype.OPUS && audioFormat.sampleRate !in OPUS_RATES) return false
        val info = SfInfo().apply {
            samplerate = audioFormat.sampleRate
            channels = audioFormat.channels
            this.format = format.sfMajor or subtype.sfCode
        }
        return SndfileNative.sf_format_check(info) != 0
    }

    /** The rates libopus encodes. */
    internal val OPUS_RATES = setOf(8_000, 12_000, 16_000, 24_000, 48_000)

    /** The codes of an `SF_FORMAT_INFO` list: count with [countCommand], entry `i` with [entryCommand]. */
    private fun listed(countCommand: Int, entryCommand: Int): List<Int> {
        SndfileLibrary.require()
        return Memory(FORMAT_INFO_SIZE).use { m ->
            SndfileNative.sf_command(null, countCommand, m, 4)
            (0 until m.getInt(0)).map { i ->
                m.clear()
                m.setInt(0, i)
                SndfileNative.sf_command(null, entryCommand, m, FORMAT_INFO_SIZE.toInt())
                m.getInt(0)
            }
        }
    }

    /** `sizeof(SF_FORMAT_INFO)` on LP64: an int and two pointers. */
    private const val FORMAT_INFO_SIZE = 24L
}
