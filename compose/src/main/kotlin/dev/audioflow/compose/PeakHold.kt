package dev.audioflow.compose

import androidx.compose.runtime.Immutable
import dev.audioflow.AudioException
import dev.audioflow.flow.Levels
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

/**
 * What a [LevelMeter] shows: the latest meter window and, per channel, the held peak.
 *
 * Thread: immutable, any thread.
 *
 * ```
 * val reading = PeakHold().update(levels, System.nanoTime())
 * println(reading.holdDbfs(0))
 * ```
 *
 * @property levels the latest window's peak and RMS per channel.
 * @property sequence counts the readings of the [PeakHold] that made this one (1 for its first),
 *   so a view can tell a new reading from a repeated one.
 */
@Immutable
public class MeterReading(public val levels: Levels, holds: FloatArray, public val sequence: Long) {
    private val holds = holds.copyOf()

    /** Channels metered. */
    public val channels: Int get() = levels.channels

    /**
     * The held peak of [channel] in dBFS (negative infinity for silence).
     *
     * @throws IndexOutOfBoundsException for a channel outside 0 until [channels].
     */
    public fun holdDbfs(channel: Int): Float = holds[channel]

    override fun toString(): String = "MeterReading(#$sequence, $levels, hold=${holds.toList()} dBFS)"
}

/**
 * Computes peak-hold marks from successive meter windows: a channel's mark jumps to every new
 * peak, stays for [holdTime], then falls at [fallDbPerSecond] (never below the current peak).
 *
 * The clock is the caller's: a [LevelMeter] bound to a flow holds on the display's frame clock;
 * a pipeline that wants holds exact to every window (even those a busy UI skips) calls [update]
 * in its collector with the stream's clock, `format.nanosOf(levels.frameIndex)`, and shows the
 * readings with the stateless [LevelMeter].
 *
 * Thread: confined to one caller at a time (not thread-safe); [update] never blocks and
 * allocates one [MeterReading] (with its own copy of the marks).
 *
 * ```
 * val hold = PeakHold(holdTime = 2.seconds)
 * mic.input(config).meter(1600) { readings.value = hold.update(it, format.nanosOf(it.frameIndex)) }
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a negative or
 *   infinite [holdTime], or a [fallDbPerSecond] that is not finite and positive.
 */
public class PeakHold(
    public val holdTime: Duration = DEFAULT_HOLD_TIME,
    public val fallDbPerSecond: Float = DEFAULT_FALL_DB_PER_SECOND,
) {
    private val holdNanos: Long
    private var holds = FloatArray(0)
    private var heldAt = LongArray(0)
    private var lastNanos = 0L
    private var sequence = 0L

    init {
        AudioException.require(holdTime.isFinite() && !holdTime.isNegative()) { "peak holdTime must be finite and not negative, was $holdTime" }
        AudioException.require(fallDbPerSecond.isFinite() && fallDbPerSecond > 0f) { "peak fallDbPerSecond must be finite and positive, was $fallDbPerSecond" }
        holdNanos = holdTime.inWholeNanoseconds
    }

    /**
     * The reading after [levels] arrived at [nanos] (any monotonic clock, in nanoseconds). A
     * change of channel count starts the holds afresh; a clock that goes backwards counts as no
     * time passing.
     */
    public fun update(levels: Levels, nanos: Long): MeterReading {
        if (holds.size != levels.channels) {
            holds = FloatArray(levels.channels) { Float.NEGATIVE_INFINITY }
            heldAt = LongArray(levels.channels) { nanos }
            lastNanos = nanos
        }
        val elapsedSeconds = (nanos - lastNanos).coerceAtLeast(0) / 1e9f
        lastNanos = maxOf(lastNanos, nanos)
        for (c in holds.indices) {
            val peak = levels.peakDbfs(c)
            if (peak >= holds[c]) {
                holds[c] = peak
                heldAt[c] = lastNanos
            } else if (lastNanos - heldAt[c] > holdNanos) {
                holds[c] = maxOf(peak, holds[c] - fallDbPerSecond * elapsedSeconds)
            }
        }
        return MeterReading(levels, holds, ++sequence)
    }

    public companion object {
        /** How long a peak stays marked before it starts to fall, by default. */
        public val DEFAULT_HOLD_TIME: Duration = 1500.milliseconds

        /** How fast a released mark falls, by default. */
        public const val DEFAULT_FALL_DB_PER_SECOND: Float = 20f
    }
}
