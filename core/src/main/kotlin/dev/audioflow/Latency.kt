package dev.audioflow

import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

/**
 * Suggested device latency, as in PortAudio and python-sounddevice.
 *
 * [Low] and [High] pick the device's default low/high latency ([AudioDevice.defaultLowInputLatency]
 * and its siblings); [Explicit] asks for a given duration. The backend may round it; the actual
 * figure is in [StreamInfo]. Immutable.
 *
 * ```
 * StreamConfig(format, latency = Latency.Explicit(20.milliseconds))
 * ```
 */
public sealed class Latency {
    /** The device's default low latency: for interactive use. */
    public object Low : Latency() {
        override fun toString(): String = "low"
    }

    /** The device's default high latency: for robust playback and recording. */
    public object High : Latency() {
        override fun toString(): String = "high"
    }

    /**
     * An explicit latency of [duration]; equal when the durations are equal. Java constructs it
     * with a `java.time.Duration` (`new Latency.Explicit(Duration.ofMillis(20))`) and reads it
     * with [duration]`()`.
     *
     * @throws AudioException [AudioErrorKind.InvalidArgument] naming [duration] outside 0..10 s.
     */
    public class Explicit(@get:JvmSynthetic public val duration: Duration) : Latency() {
        init {
            AudioException.require(duration >= Duration.ZERO && duration <= MAX) {
                "latency must be between 0 and 10 seconds, was $duration"
            }
        }

        /** An explicit latency of [duration], a `java.time.Duration` (the Java form). */
        public constructor(duration: java.time.Duration) : this(duration.toKotlinDuration())

        /** [duration] as a `java.time.Duration` (the Java form). */
        public fun duration(): java.time.Duration = duration.toJavaDuration()

        /** A copy with the given properties replaced (Kotlin only, as a data class's `copy`). */
        @JvmSynthetic
        public fun copy(
            duration: Duration = this.duration,
        ): Explicit = Explicit(duration)

        /** [duration], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component1(): Duration = duration

        override fun equals(other: Any?): Boolean = other is Explicit && duration == other.duration

        override fun hashCode(): Int = duration.hashCode()

        override fun toString(): String = duration.toString()
    }

    public companion object {
        private val MAX = 10.seconds

        /** [Low], for Java (`Latency.low()`). */
        @JvmStatic
        public fun low(): Low = Low

        /** [High], for Java (`Latency.high()`). */
        @JvmStatic
        public fun high(): High = High

        /**
         * Parses `low`, `high`, a duration (`20ms`, `1.5s`) or a number of seconds (`0.02`).
         *
         * @throws AudioException [AudioErrorKind.InvalidArgument] naming the text otherwise.
         */
        @JvmStatic
        public fun parse(text: String): Latency {
            val trimmed = text.trim()
            return when (trimmed.lowercase()) {
                "low" -> Low
                "high" -> High
                else -> Explicit(
                    trimmed.toDoubleOrNull()?.takeIf { it.isFinite() }?.seconds
                        ?: Duration.parseOrNull(trimmed)
                        ?: throw AudioException(AudioErrorKind.InvalidArgument, "latency must be low, high, a duration or seconds, was '$text'"),
                )
            }
        }
    }
}
