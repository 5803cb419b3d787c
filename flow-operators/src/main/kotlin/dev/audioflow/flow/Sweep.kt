@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlin.math.PI
import kotlin.math.exp
import kotlin.math.floor
import kotlin.math.ln
import kotlin.math.sin
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * A sine sweeping from [from] to [to] Hz over [duration] (exponentially by default, equal time
 * per octave, the usual measurement sweep; linearly with [exponential] false), then completion.
 *
 * The instantaneous frequency follows a multiplicative (or additive) recurrence and the phase
 * accumulates in double precision; samples come from a 16384-entry sine table with linear
 * interpolation, whose error is below `1e-7 · amplitude`.
 *
 * ```
 * sweep(20.0, 20_000.0, 10.seconds, format, amplitude = 0.5f).writeWav(path)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for frequencies outside
 *   0..rate/2 (and 0 for an exponential sweep), a bad duration or amplitude.
 */
@JvmSynthetic
public fun sweep(
    from: Double,
    to: Double,
    duration: Duration,
    format: AudioFormat,
    amplitude: Float = 1f,
    exponential: Boolean = true,
    blockFrames: Int = DEFAULT_BLOCK,
): Flow<FloatBlock> {
    checkFrequency(from, format, "sweep from")
    checkFrequency(to, format, "sweep to")
    checkDuration(duration, "sweep duration")
    checkAmplitude(amplitude)
    AudioException.require(!exponential || (from > 0.0 && to > 0.0)) { "an exponential sweep needs frequencies > 0 Hz, was $from..$to" }
    val total = format.framesOf(duration)
    checkBlockFrames(blockFrames)
    return flow {
        val rate = format.sampleRate.toDouble()
        val steps = maxOf(1L, total - 1)
        val ratio = if (exponential) exp(ln(to / from) / steps) else 0.0
        val delta = if (exponential) 0.0 else (to - from) / steps
        var frequency = from
        var phase = 0.0
        emitAll(
            generate(format, blockFrames, total) { dst, frames, _ ->
                for (f in 0 until frames) {
                    dst[f] = amplitude * SineTable.at(phase)
                    phase += frequency / rate
                    phase -= floor(phase)
                    frequency = if (exponential) frequency * ratio else frequency + delta
                }
                spread(dst, frames, format.channels)
            },
        )
    }
}

/**
 * A sine sweep from [from] to [to] Hz over [duration]: the Java form of the Kotlin `sweep`,
 * taking a `java.time.Duration` (`AudioFlows.sweep(20.0, 20_000.0, Duration.ofSeconds(5), format)`).
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] as the Kotlin `sweep`.
 */
@JvmOverloads
public fun sweep(
    from: Double,
    to: Double,
    duration: java.time.Duration,
    format: AudioFormat,
    amplitude: Float = 1f,
    exponential: Boolean = true,
    blockFrames: Int = DEFAULT_BLOCK,
): Flow<FloatBlock> = sweep(from, to, duration.toKotlinDuration(), format, amplitude, exponential, blockFrames)

/** `sin(2π phase)` from a table with linear interpolation; error below 1e-7. */
private object SineTable {
    private const val SIZE = 16384
    private val table = FloatArray(SIZE + 1) { sin(2 * PI * it / SIZE).toFloat() }

    fun at(phase: Double): Float {
        val x = phase * SIZE
        val i = x.toInt()
        val frac = (x - i).toFloat()
        val a = table[i]
        return a + (table[i + 1] - a) * frac
    }
}
