package dev.audioflow.compose

import androidx.compose.runtime.Immutable
import dev.audioflow.AudioException
import java.util.Locale
import kotlin.math.log10
import kotlin.math.pow

/**
 * How a [GainFader]'s travel maps to gain: positions 0..1 run linearly in dB from [minDb] to
 * [maxDb], and the bottom position (0) mutes.
 *
 * Thread: immutable, any thread.
 *
 * ```
 * val scale = FaderScale(minDb = -60f, maxDb = 6f)
 * scale.linearAt(scale.positionOf(0.5f))   // 0.5
 * ```
 *
 * @property minDb the gain just above the bottom (mute), in dB.
 * @property maxDb the gain at the top, in dB.
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] unless both are finite
 *   and [minDb] is below [maxDb].
 */
@Immutable
public data class FaderScale(val minDb: Float = -48f, val maxDb: Float = 12f) {
    init {
        AudioException.require(minDb.isFinite() && maxDb.isFinite() && minDb < maxDb) {
            "fader scale needs finite minDb below maxDb, was $minDb..$maxDb"
        }
    }

    /** The highest linear gain, at the top. */
    public val maxLinear: Float get() = linearOfDb(maxDb)

    /** The gain in dB at [position] (clamped to 0..1); negative infinity at the bottom. */
    public fun dbAt(position: Float): Float {
        val p = if (position.isNaN()) 0f else position.coerceIn(0f, 1f)
        return if (p <= 0f) Float.NEGATIVE_INFINITY else minDb + p * (maxDb - minDb)
    }

    /** The linear gain at [position] (clamped to 0..1); 0 at the bottom. */
    public fun linearAt(position: Float): Float = dbAt(position).let { if (it == Float.NEGATIVE_INFINITY) 0f else linearOfDb(it) }

    /** The position (0..1) of [linear] gain: 0 for 0 (or less, or NaN), clamped to the scale. */
    public fun positionOf(linear: Float): Float {
        if (linear.isNaN() || linear <= 0f) return 0f
        val db = (20 * log10(linear.toDouble())).toFloat()
        return ((db - minDb) / (maxDb - minDb)).coerceIn(0f, 1f)
    }

    /** "+3.0 dB", "-12.5 dB", or "mute" for 0. */
    public fun text(linear: Float): String {
        if (positionOf(linear) <= 0f) return "mute"
        return String.format(Locale.ROOT, "%+.1f dB", dbAt(positionOf(linear)))
    }

    private fun linearOfDb(db: Float): Float = 10f.pow(db / 20f)
}
