@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlin.math.floor

/**
 * A square wave of [frequency] Hz alternating between +[amplitude] (first half-period) and
 * -[amplitude]. The phase of every sample is computed from its frame index (whole seconds and
 * the frames past them), so it is exact to double precision and identical whatever the block
 * size, with no accumulated drift. Not band-limited: its
 * harmonics above half the sample rate alias, which suits test signals and control use.
 *
 * ```
 * square(2.0, AudioFormat(48_000, 1)).takeDuration(1.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] as for [sine].
 */
@JvmOverloads
public fun square(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> =
    phaseWave(frequency, format, amplitude, blockFrames) { phase -> if (phase < 0.5) 1f else -1f }

/**
 * A rising sawtooth of [frequency] Hz from -[amplitude] to +[amplitude], with the exact
 * per-sample phase of [square]. Not band-limited (see [square]).
 *
 * ```
 * saw(110.0, format, 0.2f).takeDuration(1.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] as for [sine].
 */
@JvmOverloads
public fun saw(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> =
    phaseWave(frequency, format, amplitude, blockFrames) { phase -> (2 * phase - 1).toFloat() }

private inline fun phaseWave(
    frequency: Double,
    format: AudioFormat,
    amplitude: Float,
    blockFrames: Int,
    crossinline shape: (Double) -> Float,
): Flow<FloatBlock> {
    checkFrequency(frequency, format)
    checkAmplitude(amplitude)
    val rate = format.sampleRate
    return generate(format, blockFrames) { dst, frames, start ->
        var seconds = start / rate
        var rest = start % rate
        for (f in 0 until frames) {
            val cycles = frequency * seconds + frequency * rest / rate
            dst[f] = amplitude * shape(cycles - floor(cycles))
            if (++rest == rate.toLong()) {
                rest = 0
                seconds++
            }
        }
        spread(dst, frames, format.channels)
    }
}
