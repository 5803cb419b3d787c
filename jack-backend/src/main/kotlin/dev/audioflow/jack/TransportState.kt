package dev.audioflow.jack

/**
 * The transport's state and position.
 *
 * @property status stopped, rolling or starting.
 * @property frame the position in frames.
 * @property frameRate the server's rate.
 * @property bbt bar/beat/tick when a timebase master provides them, else null.
 */
public data class TransportState @JvmOverloads constructor(
    public val status: TransportStatus,
    public val frame: Long,
    public val frameRate: Int,
    public val bbt: Bbt? = null,
) {
    /** True while rolling. */
    public val isRolling: Boolean get() = status == TransportStatus.Rolling

    public companion object {
        /** Before the first query, or after the server went away. */
        @JvmField public val UNKNOWN: TransportState = TransportState(TransportStatus.Unknown, 0, 0)
    }
}
