package dev.audioflow.sndfile

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException

/**
 * What a file says about its audio besides the samples: the text fields libsndfile exposes
 * ([MetadataField]), a Broadcast Wave [broadcast] chunk and [cues]. Absent fields are null.
 * Which a format keeps: [FileFormat.metadataFields], [FileFormat.broadcastInfo], [FileFormat.cues];
 * [writeAudioFile] refuses metadata its format cannot hold, and [supportedBy] drops it first.
 *
 * ```
 * val tags = AudioMetadata(title = "Take 3", artist = "Quartet", date = "2024-05-01")
 * blocks.writeAudioFile(Path.of("take3.flac"), metadata = tags)
 * println(audioFileInfo(Path.of("take3.flac")).metadata.title)
 * ```
 */
public data class AudioMetadata @JvmOverloads constructor(
    /** `SF_STR_TITLE`. */
    public val title: String? = null,
    /** `SF_STR_ARTIST`. */
    public val artist: String? = null,
    /** `SF_STR_COMMENT`. */
    public val comment: String? = null,
    /** `SF_STR_DATE`, as the file has it (usually `yyyy-mm-dd` or a year). */
    public val date: String? = null,
    /** `SF_STR_ALBUM`. */
    public val album: String? = null,
    /** `SF_STR_COPYRIGHT`. */
    public val copyright: String? = null,
    /** `SF_STR_SOFTWARE`. */
    public val software: String? = null,
    /** `SF_STR_LICENSE`. */
    public val license: String? = null,
    /** `SF_STR_TRACKNUMBER`, as text. */
    public val trackNumber: String? = null,
    /** `SF_STR_GENRE`. */
    public val genre: String? = null,
    /** The Broadcast Wave `bext` chunk, or null. */
    public val broadcast: BroadcastInfo? = null,
    /** Markers, in the file's order. */
    public val cues: List<CuePoint> = emptyList(),
) {
    /** The text field [field], or null when absent. */
    public operator fun get(field: MetadataField): String? = when (field) {
        MetadataField.TITLE -> title
        MetadataField.COPYRIGHT -> copyright
        MetadataField.SOFTWARE -> software
        MetadataField.ARTIST -> artist
        MetadataField.COMMENT -> comment
        MetadataField.DATE -> date
        MetadataField.ALBUM -> album
        MetadataField.LICENSE -> license
        MetadataField.TRACK_NUMBER -> trackNumber
        MetadataField.GENRE -> genre
    }

    /** The text fields that are present. */
    public val fields: Set<MetadataField> get() = MetadataField.entries.filterTo(java.util.EnumSet.noneOf(MetadataField::class.java)) { get(it) != null }

    /** True when nothing is present. */
    public val isEmpty: Boolean get() = fields.isEmpty() && broadcast == null && cues.isEmpty()

    /** A copy without what [format] cannot hold (for converting between formats). */
    public fun supportedBy(format: FileFormat): AudioMetadata {
        fun keep(field: MetadataField, value: String?) = value.takeIf { field in format.metadataFields }
        return AudioMetadata(
            keep(MetadataField.TITLE, title), keep(MetadataField.ARTIST, artist), keep(MetadataField.COMMENT, comment),
            keep(MetadataField.DATE, date), keep(MetadataField.ALBUM, album), keep(MetadataField.COPYRIGHT, copyright),
            keep(MetadataField.SOFTWARE, software), keep(MetadataField.LICENSE, license), keep(MetadataField.TRACK_NUMBER, trackNumber),
            keep(MetadataField.GENRE, genre), broadcast.takeIf { format.broadcastInfo }, cues.takeIf { format.cues }.orEmpty(),
        )
    }

    /**
     * Checks that [format] can hold all of this.
     *
     * @throws AudioException [AudioErrorKind.UnsupportedFormat] naming the fields [format] cannot hold and those it can.
     */
    internal fun checkSupportedBy(format: FileFormat, path: java.nio.file.Path) {
        val refused = fields - format.metadataFields
        val problems = buildList {
            if (refused.isNotEmpty()) add("the field(s) ${refused.joinToString { it.name.lowercase() }} (it keeps: ${format.metadataFields.joinToString { it.name.lowercase() }.ifEmpty { "none" }})")
            if (broadcast != null && !format.broadcastInfo) add("Broadcast Wave info (only WAV and RF64 do)")
            if (cues.isNotEmpty() && !format.cues) add("cue points (only WAV and AIFF do)")
        }
        if (problems.isNotEmpty()) {
            throw AudioException(AudioErrorKind.UnsupportedFormat, "$format file $path cannot hold ${problems.joinToString("; ")}; AudioMetadata.supportedBy($format) keeps what it can")
        }
    }

    public companion object {
        /** No metadata. */
        @JvmField
        public val EMPTY: AudioMetadata = AudioMetadata()
    }
}
