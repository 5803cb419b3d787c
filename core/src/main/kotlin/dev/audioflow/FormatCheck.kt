package dev.audioflow

/**
 * The answer of [AudioBackend.checkFormat].
 *
 * @property supported whether the configuration can be opened.
 * @property reason why not, naming the offending value; null when supported.
 */
public data class FormatCheck(public val supported: Boolean, public val reason: String?) {
    public companion object {
        /** The supported answer. */
        @JvmField public val SUPPORTED: FormatCheck = FormatCheck(true, null)

        /** An unsupported answer with [reason]. */
        @JvmStatic public fun unsupported(reason: String): FormatCheck = FormatCheck(false, reason)
    }
}
