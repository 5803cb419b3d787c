package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.SampleFormat

/**
 * How a file's samples are encoded: libsndfile's subtype (`SF_FORMAT_PCM_16`, `SF_FORMAT_VORBIS`...),
 * named as python-soundfile names them. Which containers take which subtypes is libsndfile's
 * rule; [writeAudioFile] checks the pair with `sf_format_check` and says when it is refused.
 *
 * Integer PCM and ALAC subtypes are written from floats with [SampleFormat]'s scaling, rounding
 * and clipping (as [dev.audioflow.SampleFormat.encode] does), so a file written here holds the
 * same integers as a WAV file written by `writeWav`, and reading it back gives the same floats.
 *
 * ```
 * flow.writeAudioFile(Path.of("take.flac"), FileFormat.FLAC, FileSubtype.PCM_24)
 * ```
 *
 * @property lossy whether decoding gives back other samples than were encoded (µ-law, A-law,
 *   ADPCM, GSM, Vorbis, Opus, MPEG): compare such files with a tolerance.
 */
public enum class FileSubtype(internal val sfCode: Int, public val lossy: Boolean, internal val intBits: Int) {
    /** Signed 8-bit PCM. */
    PCM_S8(0x0001, false, 8),

    /** Signed 16-bit PCM. */
    PCM_16(0x0002, false, 16),

    /** Signed 24-bit PCM. */
    PCM_24(0x0003, false, 24),

    /** Signed 32-bit PCM. */
    PCM_32(0x0004, false, 32),

    /** Unsigned 8-bit PCM (WAV's 8-bit format). */
    PCM_U8(0x0005, false, 8),

    /** 32-bit IEEE float. */
    FLOAT(0x0006, false, 0),

    /** 64-bit IEEE float. */
    DOUBLE(0x0007, false, 0),

    /** µ-law (G.711). */
    ULAW(0x0010, true, 0),

    /** A-law (G.711). */
    ALAW(0x0011, true, 0),

    /** IMA ADPCM. */
    IMA_ADPCM(0x0012, true, 0),

    /** Microsoft ADPCM. */
    MS_ADPCM(0x0013, true, 0),

    /** GSM 6.10. */
    GSM610(0x0020, true, 0),

    /** Dialogic VOX ADPCM. */
    VOX_ADPCM(0x0021, true, 0),

    /** 32 kbit/s G.721 ADPCM. */
    G721_32(0x0030, true, 0),

    /** 24 kbit/s G.723 ADPCM. */
    G723_24(0x0031, true, 0),

    /** 40 kbit/s G.723 ADPCM. */
    G723_40(0x0032, true, 0),

    /** 12-bit DWVW. */
    DWVW_12(0x0040, false, 12),

    /** 16-bit DWVW. */
    DWVW_16(0x0041, false, 16),

    /** 24-bit DWVW. */
    DWVW_24(0x0042, false, 24),

    /** 8-bit DPCM (XI). */
    DPCM_8(0x0050, false, 8),

    /** 16-bit DPCM (XI). */
    DPCM_16(0x0051, false, 16),

    /** Xiph Vorbis (in OGG). */
    VORBIS(0x0060, true, 0),

    /** Opus (in OGG); 8, 12, 16, 24 or 48 kHz only. */
    OPUS(0x0064, true, 0),

    /** Apple Lossless, 16-bit (in CAF). */
    ALAC_16(0x0070, false, 16),

    /** Apple Lossless, 20-bit (in CAF). */
    ALAC_20(0x0071, false, 20),

    /** Apple Lossless, 24-bit (in CAF). */
    ALAC_24(0x0072, false, 24),

    /** Apple Lossless, 32-bit (in CAF). */
    ALAC_32(0x0073, false, 32),

    /** MPEG-1 Audio Layer I. */
    MPEG_LAYER_I(0x0080, true, 0),

    /** MPEG-1 Audio Layer II. */
    MPEG_LAYER_II(0x0081, true, 0),

    /** MPEG Layer III (MP3). */
    MPEG_LAYER_III(0x0082, true, 0);

    public companion object {
        /**
         * The subtype that stores [format] samples: [SampleFormat.INT16] is [PCM_16],
         * [SampleFormat.FLOAT32] is [FLOAT], [SampleFormat.UINT8] is [PCM_U8]...
         */
        @JvmStatic
        public fun of(format: SampleFormat): FileSubtype = when (format) {
            SampleFormat.FLOAT32 -> FLOAT
            SampleFormat.FLOAT64 -> DOUBLE
            SampleFormat.INT32 -> PCM_32
            SampleFormat.INT24 -> PCM_24
            SampleFormat.INT16 -> PCM_16
            SampleFormat.INT8 -> PCM_S8
            SampleFormat.UINT8 -> PCM_U8
        }

        /**
         * The subtype called [name] (case-insensitive, `-` or `_`): a subtype name (`pcm_24`,
         * `vorbis`, `mp3`) or a sample format name ([SampleFormat.parse]: `int16`, `float32`).
         *
         * @throws AudioException [AudioErrorKind.UnsupportedFormat] naming the value and listing the known ones.
         */
        @JvmStatic
        public fun parse(name: String): FileSubtype {
            val key = name.uppercase().replace('-', '_')
            entries.firstOrNull { it.name == key }?.let { return it }
            if (key == "MP3") return MPEG_LAYER_III
            return try {
                of(SampleFormat.parse(name))
            } catch (_: AudioException) {
                throw AudioException(
                    AudioErrorKind.UnsupportedFormat,
                    "unknown file subtype '$name' (expected a sample format such as int16, int24, float32, or one of ${entries.joinToString { it.name.lowercase() }})",
                )
            }
        }

        internal fun ofCode(code: Int): FileSubtype? = entries.firstOrNull { it.sfCode == code }
    }
}
