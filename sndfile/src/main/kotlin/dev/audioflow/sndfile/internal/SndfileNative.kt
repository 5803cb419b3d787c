package dev.audioflow.sndfile.internal

import com.sun.jna.Pointer
import com.sun.jna.Structure

/**
 * Direct-mapped (`Native.register`) libsndfile 1.x functions (sndfile.h).
 *
 * Only touch this object once [SndfileLibrary.library] is loaded: its initializer binds the
 * natives and would fail class initialisation when the library is missing. `sf_count_t` is
 * `int64_t` on every platform libsndfile builds for; strings go in as NUL-terminated UTF-8 byte
 * arrays and come out as pointers decoded as UTF-8, whatever `jna.encoding` says.
 */
@Suppress("FunctionName")
internal object SndfileNative {
    init {
        SndfileLibrary.bind(SndfileNative::class.java)
    }

    @JvmStatic external fun sf_version_string(): Pointer?
    @JvmStatic external fun sf_open(path: ByteArray, mode: Int, info: SfInfo): Pointer?
    @JvmStatic external fun sf_close(file: Pointer): Int
    @JvmStatic external fun sf_error(file: Pointer?): Int
    @JvmStatic external fun sf_strerror(file: Pointer?): Pointer?
    @JvmStatic external fun sf_command(file: Pointer?, command: Int, data: Pointer?, size: Int): Int
    @JvmStatic external fun sf_format_check(info: SfInfo): Int
    @JvmStatic external fun sf_seek(file: Pointer, frames: Long, whence: Int): Long
    @JvmStatic external fun sf_readf_float(file: Pointer, data: Pointer, frames: Long): Long
    @JvmStatic external fun sf_writef_float(file: Pointer, data: Pointer, frames: Long): Long
    @JvmStatic external fun sf_writef_int(file: Pointer, data: Pointer, frames: Long): Long
    @JvmStatic external fun sf_get_string(file: Pointer, type: Int): Pointer?
    @JvmStatic external fun sf_set_string(file: Pointer, type: Int, value: ByteArray): Int

    const val SFM_READ = 0x10
    const val SFM_WRITE = 0x20
    const val SEEK_SET = 0
    const val SF_TRUE = 1

    const val SF_FORMAT_SUBMASK = 0x0000FFFF
    const val SF_FORMAT_TYPEMASK = 0x0FFF0000

    const val SF_ERR_UNRECOGNISED_FORMAT = 1
    const val SF_ERR_SYSTEM = 2
    const val SF_ERR_UNSUPPORTED_ENCODING = 4

    /** libsndfile's internal `SFE_UNIMPLEMENTED`: "File contains data in an unimplemented format". */
    const val SFE_UNIMPLEMENTED = 18

    const val SFC_GET_LOG_INFO = 0x1001
    const val SFC_GET_FORMAT_MAJOR_COUNT = 0x1030
    const val SFC_GET_FORMAT_MAJOR = 0x1031
    const val SFC_GET_FORMAT_SUBTYPE_COUNT = 0x1032
    const val SFC_GET_FORMAT_SUBTYPE = 0x1033
    const val SFC_UPDATE_HEADER_NOW = 0x1060
    const val SFC_SET_CLIPPING = 0x10C0
    const val SFC_GET_CUE_COUNT = 0x10CD
    const val SFC_GET_CUE = 0x10CE
    const val SFC_SET_CUE = 0x10CF
    const val SFC_GET_BROADCAST_INFO = 0x10F0
    const val SFC_SET_BROADCAST_INFO = 0x10F1

    /** `SF_COUNT_MAX`: the frame count of a file whose length libsndfile could not find. */
    const val SF_COUNT_MAX = Long.MAX_VALUE
}

/** `SF_INFO`. */
@Structure.FieldOrder("frames", "samplerate", "channels", "format", "sections", "seekable")
internal class SfInfo : Structure() {
    @JvmField var frames: Long = 0
    @JvmField var samplerate: Int = 0
    @JvmField var channels: Int = 0
    @JvmField var format: Int = 0
    @JvmField var sections: Int = 0
    @JvmField var seekable: Int = 0
}

/** A C string at [pointer] as UTF-8, or null. */
internal fun utf8(pointer: Pointer?): String? = pointer?.getString(0, "UTF-8")

/** [text] as a NUL-terminated C string in [charset]. */
internal fun cString(text: String, charset: java.nio.charset.Charset = Charsets.UTF_8): ByteArray = text.toByteArray(charset) + 0
