package dev.audioflow.sndfile

/**
 * The text fields of [AudioMetadata], in libsndfile's `SF_STR_*` order; each [FileFormat] says
 * which it can hold in [FileFormat.metadataFields].
 *
 * ```
 * if (MetadataField.ALBUM in FileFormat.WAV.metadataFields) println("WAV keeps the album")
 * ```
 */
public enum class MetadataField(internal val sfStr: Int) {
    /** `SF_STR_TITLE`. */
    TITLE(0x01),

    /** `SF_STR_COPYRIGHT`. */
    COPYRIGHT(0x02),

    /** `SF_STR_SOFTWARE`; libsndfile appends its own name and version to what is written. */
    SOFTWARE(0x03),

    /** `SF_STR_ARTIST`. */
    ARTIST(0x04),

    /** `SF_STR_COMMENT`. */
    COMMENT(0x05),

    /** `SF_STR_DATE`. */
    DATE(0x06),

    /** `SF_STR_ALBUM`. */
    ALBUM(0x07),

    /** `SF_STR_LICENSE`. */
    LICENSE(0x08),

    /** `SF_STR_TRACKNUMBER`. */
    TRACK_NUMBER(0x09),

    /** `SF_STR_GENRE`. */
    GENRE(0x10),
}
