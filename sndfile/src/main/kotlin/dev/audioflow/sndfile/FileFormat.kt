package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import java.nio.file.Path
import java.util.EnumSet

/**
 * A file's container, libsndfile's major format (`SF_FORMAT_WAV`, `SF_FORMAT_FLAC`...), with
 * the extensions that select it, the subtype written by default and the metadata it can hold.
 *
 * The issue's list is tested in both directions against sox/soxi (and opus-tools for Opus):
 * [WAV], [RF64], [W64], [AIFF], [AU], [CAF], [FLAC], [OGG] (Vorbis and Opus), [MP3]. The other
 * entries are the rest of what libsndfile 1.2 reads and writes, checked by a round trip through
 * libsndfile only. [Sndfile.formats] lists what the installed library reports.
 *
 * ```
 * val format = FileFormat.of(Path.of("take.flac"))   // FLAC
 * ```
 *
 * @property extensions lowercase file extensions (without the dot) that select this format, the
 *   usual one first; empty for formats chosen only explicitly.
 * @property defaultSubtype what [writeAudioFile] writes when no subtype is given (python-soundfile's defaults).
 * @property metadataFields the [AudioMetadata] text fields a file of this format keeps (measured
 *   by a round trip through libsndfile 1.2.0). [AIFF] keeps ASCII only in [MetadataField.COPYRIGHT];
 *   [MP3] keeps Latin-1 text (ID3 as libsndfile writes it).
 * @property broadcastInfo whether it holds a BWF `bext` chunk ([BroadcastInfo]).
 * @property cues whether it holds [CuePoint]s (WAV: positions; AIFF markers: positions and names).
 */
public enum class FileFormat(
    internal val sfMajor: Int,
    public val extensions: List<String>,
    public val defaultSubtype: FileSubtype,
    public val metadataFields: Set<MetadataField>,
    public val broadcastInfo: Boolean,
    public val cues: Boolean,
) {
    /** Microsoft WAV (RIFF, up to 4 GiB). */
    WAV(0x010000, listOf("wav", "wave"), FileSubtype.PCM_16, RIFF_FIELDS, true, true),

    /** Apple/SGI AIFF and AIFF-C. */
    AIFF(0x020000, listOf("aiff", "aif", "aifc"), FileSubtype.PCM_16, fields(MetadataField.TITLE, MetadataField.ARTIST, MetadataField.COMMENT, MetadataField.COPYRIGHT), false, true),

    /** Sun/NeXT AU. */
    AU(0x030000, listOf("au", "snd"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Ensoniq PARIS. */
    PAF(0x050000, listOf("paf"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Amiga IFF / 8SVX / 16SV. */
    SVX(0x060000, listOf("iff", "svx"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** NIST Sphere. */
    NIST(0x070000, listOf("nist", "sph"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Creative Labs VOC. */
    VOC(0x080000, listOf("voc"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Berkeley/IRCAM/CARL. */
    IRCAM(0x0A0000, listOf("sf", "ircam"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Sonic Foundry's 64-bit WAVE. */
    W64(0x0B0000, listOf("w64"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** GNU Octave 2.0 / Matlab 4.2. */
    MAT4(0x0C0000, emptyList(), FileSubtype.DOUBLE, NO_FIELDS, false, false),

    /** GNU Octave 2.1 / Matlab 5.0. */
    MAT5(0x0D0000, listOf("mat"), FileSubtype.DOUBLE, NO_FIELDS, false, false),

    /** Portable Voice Format. */
    PVF(0x0E0000, listOf("pvf"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** FastTracker 2 XI. */
    XI(0x0F0000, listOf("xi"), FileSubtype.DPCM_16, NO_FIELDS, false, false),

    /** HMM Tool Kit. */
    HTK(0x100000, listOf("htk"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** MIDI Sample Dump Standard. */
    SDS(0x110000, listOf("sds"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Audio Visual Research. */
    AVR(0x120000, listOf("avr"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /**
     * WAV with a WAVE_FORMAT_EXTENSIBLE header: what libsndfile reports for such `.wav` files
     * (sox writes them for 24-bit and for more than 2 channels); written only when chosen
     * explicitly, `.wav` selects [WAV].
     */
    WAVEX(0x130000, emptyList(), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Sound Designer II. */
    SD2(0x160000, listOf("sd2"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** Free Lossless Audio Codec. */
    FLAC(0x170000, listOf("flac"), FileSubtype.PCM_16, ALL_FIELDS, false, false),

    /** Apple Core Audio Format. */
    CAF(0x180000, listOf("caf"), FileSubtype.PCM_16, ALL_FIELDS, false, false),

    /** Psion Series 3. */
    WVE(0x190000, listOf("wve"), FileSubtype.ALAW, NO_FIELDS, false, false),

    /** Ogg, with [FileSubtype.VORBIS] (`.ogg`, `.oga`) or [FileSubtype.OPUS] (`.opus`). */
    OGG(0x200000, listOf("ogg", "oga", "opus"), FileSubtype.VORBIS, ALL_FIELDS, false, false),

    /** Akai MPC 2k. */
    MPC2K(0x210000, listOf("mpc"), FileSubtype.PCM_16, NO_FIELDS, false, false),

    /** RF64 (EBU Tech 3306): WAV with 64-bit sizes. */
    RF64(0x220000, listOf("rf64"), FileSubtype.PCM_16, RIFF_FIELDS, true, false),

    /** MPEG-1/2 audio: MP3 (`.mp3`, through LAME and mpg123), and layers I and II for reading (`.mp2`, `.mp1`). */
    MP3(0x230000, listOf("mp3", "mp2", "mp1", "m1a"), FileSubtype.MPEG_LAYER_III, fields(MetadataField.TITLE, MetadataField.ARTIST, MetadataField.COMMENT, MetadataField.DATE, MetadataField.ALBUM, MetadataField.TRACK_NUMBER, MetadataField.GENRE), false, false);

    /**
     * The subtype [writeAudioFile] writes to [path] when none is given: [FileSubtype.OPUS] for
     * an `.opus` file in [OGG], [defaultSubtype] otherwise.
     */
    public fun defaultSubtype(path: Path): FileSubtype =
        if (this == OGG && extensionOf(path) == "opus") FileSubtype.OPUS else defaultSubtype

    public companion object {
        /**
         * The format [path]'s extension selects (case-insensitive): `take.flac` is [FLAC].
         *
         * @throws AudioException [AudioErrorKind.UnsupportedFormat] naming the file and listing
         *   the known extensions when the extension is missing or unknown.
         */
        @JvmStatic
        public fun of(path: Path): FileFormat {
            val extension = extensionOf(path)
            return entries.firstOrNull { extension in it.extensions }
                ?: throw AudioException(
                    AudioErrorKind.UnsupportedFormat,
                    "no audio file format for ${if (extension.isEmpty()) "a file without an extension" else "the extension '.$extension'"} of $path " +
                        "(known: ${entries.flatMap { it.extensions }.joinToString { ".$it" }}; or give the format explicitly)",
                )
        }

        /**
         * The format called [name] (case-insensitive): an entry name (`flac`, `rf64`) or an
         * extension (`aif`, `opus`).
         *
         * @throws AudioException [AudioErrorKind.UnsupportedFormat] naming the value and listing the known ones.
         */
        @JvmStatic
        public fun parse(name: String): FileFormat {
            val key = name.lowercase().removePrefix(".")
            return entries.firstOrNull { it.name.lowercase() == key } ?: entries.firstOrNull { key in it.extensions }
                ?: throw AudioException(AudioErrorKind.UnsupportedFormat, "unknown audio file format '$name' (expected one of ${entries.joinToString { it.name.lowercase() }})")
        }

        internal fun ofCode(code: Int): FileFormat? = entries.firstOrNull { it.sfMajor == code }

        private fun extensionOf(path: Path): String = path.fileName?.toString()?.substringAfterLast('.', "")?.lowercase().orEmpty()
    }
}

private fun fields(vararg fields: MetadataField): Set<MetadataField> = EnumSet.copyOf(fields.toList())

private val NO_FIELDS: Set<MetadataField> = EnumSet.noneOf(MetadataField::class.java)
private val ALL_FIELDS: Set<MetadataField> = EnumSet.allOf(MetadataField::class.java)
private val RIFF_FIELDS: Set<MetadataField> = EnumSet.complementOf(EnumSet.of(MetadataField.LICENSE))
