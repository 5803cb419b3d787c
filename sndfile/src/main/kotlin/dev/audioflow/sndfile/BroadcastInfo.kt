package dev.audioflow.sndfile

import dev.audioflow.AudioException

/**
 * The Broadcast Wave (EBU Tech 3285) `bext` chunk of a [FileFormat.WAV] or [FileFormat.RF64]
 * file, as libsndfile's `SF_BROADCAST_INFO` holds it. Text is ASCII in the file; longer values
 * are refused rather than cut.
 *
 * ```
 * BroadcastInfo(description = "Take 3", originator = "audioflow", originationDate = "2024-05-01",
 *     originationTime = "10:15:00", timeReference = 48_000L * 3600 * 10)
 * ```
 *
 * @property description free text, at most 256 characters.
 * @property originator the producer's name, at most 32.
 * @property originatorReference a unique reference, at most 32.
 * @property originationDate `yyyy-mm-dd`, at most 10.
 * @property originationTime `hh:mm:ss`, at most 8.
 * @property timeReference the first frame's position in frames since midnight (a timecode).
 * @property version the `bext` version; libsndfile 1.2 writes version 2 whatever is given.
 * @property codingHistory the coding history lines; on writing, libsndfile appends a line of its
 *   own describing the file, so what is read back starts with what was written. At most 256 bytes.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a field that is too
 *   long or not ASCII, or a negative [timeReference].
 */
public data class BroadcastInfo @JvmOverloads constructor(
    public val description: String = "",
    public val originator: String = "",
    public val originatorReference: String = "",
    public val originationDate: String = "",
    public val originationTime: String = "",
    public val timeReference: Long = 0,
    public val version: Int = 1,
    public val codingHistory: String = "",
) {
    init {
        for ((name, value, limit) in listOf(
            Triple("description", description, 256),
            Triple("originator", originator, 32),
            Triple("originatorReference", originatorReference, 32),
            Triple("originationDate", originationDate, 10),
            Triple("originationTime", originationTime, 8),
            Triple("codingHistory", codingHistory, 256),
        )) {
            AudioException.require(value.length <= limit && value.all { it in ' '..'~' || it == '\r' || it == '\n' }) {
                "BroadcastInfo $name must be at most $limit ASCII characters, was '$value'"
            }
        }
        AudioException.require(timeReference >= 0) { "BroadcastInfo timeReference must be >= 0 frames, was $timeReference" }
        AudioException.require(version in 0..0xFFFF) { "BroadcastInfo version must be in 0..65535, was $version" }
    }
}
