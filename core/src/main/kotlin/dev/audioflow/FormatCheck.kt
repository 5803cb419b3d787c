package dev.audioflow

/**
 * The answer of [AudioBackend.checkFormat]: [Supported], or [Unsupported] with the reason.
 *
 * ```
 * when (val check = backend.checkFormat(mic, null, config)) {
 *     FormatCheck.Supported -> mic.input(config).collect { ... }
 *     is FormatCheck.Unsupported -> println("cannot open: ${check.reason}")
 * }
 * ```
 */
public sealed class FormatCheck {
    /** True for [Supported]. */
    public abstract val isSupported: Boolean

    /** The configuration can be opened. */
    public object Supported : FormatCheck() {
        override val isSupported: Boolean get() = true

        override fun toString(): String = "supported"
    }

    /**
     * The configuration cannot be opened.
     *
     * @property reason why not, naming the offending value.
     */
    public data class Unsupported(public val reason: String) : FormatCheck() {
        override val isSupported: Boolean get() = false

        override fun toString(): String = "unsupported: $reason"
    }

    public companion object {
        /** [Supported], for Java (`check.equals(FormatCheck.supported())`, or `instanceof FormatCheck.Supported`). */
        @JvmStatic
        public fun supported(): Supported = Supported
    }
}
