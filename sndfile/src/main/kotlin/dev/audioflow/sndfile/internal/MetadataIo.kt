package dev.audioflow.sndfile.internal

import com.sun.jna.Memory
import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.sndfile.AudioMetadata
import dev.audioflow.sndfile.BroadcastInfo
import dev.audioflow.sndfile.CuePoint
import dev.audioflow.sndfile.FileFormat
import dev.audioflow.sndfile.MetadataField

/**
 * [AudioMetadata] to and from libsndfile: `sf_get_string`/`sf_set_string`, and the
 * `SF_BROADCAST_INFO` and `SF_CUES` structs laid out by hand (offsets from sndfile.h 1.2,
 * checked with `offsetof`: they hold fixed-size char arrays that a JNA Structure maps poorly).
 */
internal object MetadataIo {
    fun read(handle: SndfileHandle): AudioMetadata {
        val text = MetadataField.entries.associateWith { field -> utf8(SndfileNative.sf_get_string(handle.pointer, field.sfStr)) }
        return AudioMetadata(
            title = text[MetadataField.TITLE], artist = text[MetadataField.ARTIST], comment = text[MetadataField.COMMENT],
            date = text[MetadataField.DATE], album = text[MetadataField.ALBUM], copyright = text[MetadataField.COPYRIGHT],
            software = text[MetadataField.SOFTWARE], license = text[MetadataField.LICENSE], trackNumber = text[MetadataField.TRACK_NUMBER],
            genre = text[MetadataField.GENRE],
            broadcast = if (handle.format.broadcastInfo) readBroadcast(handle) else null,
            cues = if (handle.format.cues) readCues(handle) else emptyList(),
        )
    }

    /** Sets everything in [metadata]; before the first frame is written, as libsndfile needs. */
    fun write(handle: SndfileHandle, metadata: AudioMetadata) {
        // libsndfile writes MP3's ID3 text as Latin-1 and decodes it as such on reading.
        val charset = if (handle.format == FileFormat.MP3) Charsets.ISO_8859_1 else Charsets.UTF_8
        for (field in metadata.fields) {
            val value = metadata[field]!!
            if (SndfileNative.sf_set_string(handle.pointer, field.sfStr, cString(value, charset)) != 0) {
                throw AudioException(AudioErrorKind.UnsupportedFormat, "libsndfile refused the ${field.name.lowercase()} '$value' for ${handle.format} file ${handle.path}", backend = SndfileLibrary.NAME)
            }
        }
        metadata.broadcast?.let { writeBroadcast(handle, it) }
        if (metadata.cues.isNotEmpty()) writeCues(handle, metadata.cues)
    }

    private fun readBroadcast(handle: SndfileHandle): BroadcastInfo? = Memory(BEXT_SIZE.toLong()).use { m ->
        m.clear()
        if (handle.command(SndfileNative.SFC_GET_BROADCAST_INFO, m, BEXT_SIZE) != SndfileNative.SF_TRUE) return null
        fun text(offset: Int, length: Int) = String(m.getByteArray(offset.toLong(), length), Charsets.ISO_8859_1).substringBefore('\u0000')
        val historySize = m.getInt(604).coerceIn(0, 256)
        BroadcastInfo(
            description = text(0, 256), originator = text(256, 32), originatorReference = text(288, 32),
            originationDate = text(320, 10), originationTime = text(330, 8),
            timeReference = (m.getInt(340).toLong() and 0xFFFF_FFFFL) or ((m.getInt(344).toLong() and 0xFFFF_FFFFL) shl 32),
            version = m.getShort(348).toInt() and 0xFFFF,
            codingHistory = text(608, historySize).filter { it in ' '..'~' || it == '\r' || it == '\n' }.take(256),
        )
    }

    private fun writeBroadcast(handle: SndfileHandle, info: BroadcastInfo) = Memory(BEXT_SIZE.toLong()).use { m ->
        m.clear()
        fun put(offset: Int, value: String) = m.write(offset.toLong(), value.toByteArray(Charsets.US_ASCII), 0, value.length)
        put(0, info.description)
        put(256, info.originator)
        put(288, info.originatorReference)
        put(320, info.originationDate)
        put(330, info.originationTime)
        m.setInt(340, info.timeReference.toInt())
        m.setInt(344, (info.timeReference ushr 32).toInt())
        m.setShort(348, info.version.toShort())
        m.setInt(604, info.codingHistory.length)
        put(608, info.codingHistory)
        if (handle.command(SndfileNative.SFC_SET_BROADCAST_INFO, m, BEXT_SIZE) != SndfileNative.SF_TRUE) {
            throw AudioException(AudioErrorKind.UnsupportedFormat, "libsndfile refused Broadcast Wave info for ${handle.format} file ${handle.path}", backend = SndfileLibrary.NAME)
        }
    }

    private fun readCues(handle: SndfileHandle): List<CuePoint> = Memory(CUES_SIZE.toLong()).use { m ->
        m.clear()
        if (handle.command(SndfileNative.SFC_GET_CUE, m, CUES_SIZE) != SndfileNative.SF_TRUE) return emptyList()
        (0 until m.getInt(0).coerceIn(0, MAX_CUES)).map { i ->
            val at = 4L + i * CUE_SIZE
            val name = m.getByteArray(at + 24, 256).let { bytes -> String(bytes, 0, bytes.indexOf(0).let { if (it < 0) 256 else it }, Charsets.UTF_8) }
            CuePoint(m.getInt(at), m.getInt(at + 20).toLong() and 0xFFFF_FFFFL, name)
        }
    }

    private fun writeCues(handle: SndfileHandle, cues: List<CuePoint>) = Memory(CUES_SIZE.toLong()).use { m ->
        if (cues.size > MAX_CUES) throw AudioException(AudioErrorKind.InvalidArgument, "libsndfile writes at most $MAX_CUES cue points, ${handle.path} was given ${cues.size}")
        m.clear()
        m.setInt(0, cues.size)
        cues.forEachIndexed { i, cue ->
            val at = 4L + i * CUE_SIZE
            m.setInt(at, cue.id)
            m.setInt(at + 4, cue.frame.toInt())
            m.setInt(at + 8, DATA_CHUNK)
            m.setInt(at + 20, cue.frame.toInt())
            val name = cue.name.toByteArray(Charsets.UTF_8)
            m.write(at + 24, name, 0, name.size)
        }
        if (handle.command(SndfileNative.SFC_SET_CUE, m, CUES_SIZE) != SndfileNative.SF_TRUE) {
            throw AudioException(AudioErrorKind.UnsupportedFormat, "libsndfile refused cue points for ${handle.format} file ${handle.path}", backend = SndfileLibrary.NAME)
        }
    }

    /** `sizeof(SF_BROADCAST_INFO)`: 256 bytes of coding history. */
    private const val BEXT_SIZE = 864

    /** `sizeof(SF_CUE_POINT)`. */
    private const val CUE_SIZE = 280

    /** `SF_CUES` holds 100 points. */
    private const val MAX_CUES = 100

    /** `sizeof(SF_CUES)`. */
    private const val CUES_SIZE = 4 + MAX_CUES * CUE_SIZE

    /** `'data'` as the little-endian FourCC of a cue's chunk. */
    private const val DATA_CHUNK = 0x61746164
}
