@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlin.math.PI
import kotlin.math.abs
import kotlin.math.cos
import kotlin.math.floor
import kotlin.math.sin

/** Phase in cycles (0..1) of [frequency] at frame [frame], exact for streams up to days long. */
private fun phaseAt(frequency: Double, frame: Long, sampleRate: Int): Double {
    val seconds = frame / sampleRate
    val rest = frame % sampleRate
    val cycles = frequency * seconds + frequency * rest / sampleRate
    return cycles - floor(cycles)
}

/**
 * A sine of [frequency] Hz and peak [amplitude], starting at phase 0.
 *
 * Computed by recurrences in double precision (four interleaved chains: a second-order
 * recurrence where it is accurate, complex rotations elsewhere), re-anchored with an exact
 * `sin`/`cos` at the start of every block, so the error never accumulates across blocks.
 * Error bound against the exact `amplitude · sin(2π f n / rate)`: at most `amplitude · 2^-24`
 * (the float rounding of the output) plus `1e-9 · amplitude` for blocks up to 2^20 frames, for
 * any stream position below 2^40 frames.
 *
 * ```
 * sine(440.0, AudioFormat.STEREO_48K, amplitude = 0.25f).takeDuration(2.seconds).playOn(speaker)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a frequency outside
 *   0..rate/2, a negative or non-finite amplitude, or a bad [blockFrames].
 */
@JvmOverloads
public fun sine(frequency: Double, format: AudioFormat, amplitude: Float = 1f, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    checkFrequency(frequency, format)
    checkAmplitude(amplitude)
    val omega = 2 * PI * frequency / format.sampleRate
    val rotator = SineRotator(omega, amplitude.toDouble())
    return generate(format, blockFrames) { dst, frames, start ->
        rotator.fill(dst, frames, 2 * PI * phaseAt(frequency, start, format.sampleRate))
        spread(dst, frames, format.channels)
    }
}

/**
 * Sine samples from an exact starting phase, by four interleaved recurrences stepping 4ω, so
 * consecutive samples do not wait on each other's arithmetic. The first eight samples come from
 * complex rotations of the exact `cos`/`sin` of the phase; after them, each chain continues with
 * the second-order recurrence `y[n+4] = 2cos(4ω)·y[n] - y[n-4]` (one multiply and one subtract
 * per sample) when its error bound, `steps · 4·10^-16 / |sin 4ω|`, stays below 10^-10 for the
 * block, and with the complex rotation (always within `steps · 10^-15`) otherwise (frequencies
 * near 0 or near rate/8 and rate/4).
 */
private class SineRotator(omega: Double, private val amplitude: Double) {
    private val cos1 = cos(omega)
    private val sin1 = sin(omega)
    private val cos4 = cos(4 * omega)
    private val sin4 = sin(4 * omega)
    private val twiceCos4 = 2 * cos4
    private val sin4Magnitude = abs(sin4)

    fun fill(dst: FloatArray, frames: Int, phase: Double) {
        val re = DoubleArray(4)
        val im = DoubleArray(4)
        // The recurrences are linear, so they run on values already scaled by the amplitude.
        re[0] = amplitude * cos(phase)
        im[0] = amplitude * sin(phase)
        for (j in 1 until 4) {
            re[j] = re[j - 1] * cos1 - im[j - 1] * sin1
            im[j] = re[j - 1] * sin1 + im[j - 1] * cos1
        }
        if ((frames / 4 + 1) * SECOND_ORDER_ERROR <= MAX_ERROR * sin4Magnitude && frames >= 8) {
            secondOrder(dst, frames, re, im)
        } else {
            rotation(dst, frames, re, im)
        }
    }

    private fun secondOrder(dst: FloatArray, frames: Int, re: DoubleArray, im: DoubleArray) {
        var p0 = im[0]
        var p1 = im[1]
        var p2 = im[2]
        var p3 = im[3]
        var c0 = re[0] * sin4 + im[0] * cos4
        var c1 = re[1] * sin4 + im[1] * cos4
        var c2 = re[2] * sin4 + im[2] * cos4
        var c3 = re[3] * sin4 + im[3] * cos4
        dst[0] = p0.toFloat()
        dst[1] = p1.toFloat()
        dst[2] = p2.toFloat()
        dst[3] = p3.toFloat()
        dst[4] = c0.toFloat()
        dst[5] = c1.toFloat()
        dst[6] = c2.toFloat()
        dst[7] = c3.toFloat()
        val k = twiceCos4
        var f = 8
        while (f + 4 <= frames) {
            val n0 = k * c0 - p0
            val n1 = k * c1 - p1
            val n2 = k * c2 - p2
            val n3 = k * c3 - p3
            dst[f] = n0.toFloat()
            dst[f + 1] = n1.toFloat()
            dst[f + 2] = n2.toFloat()
            dst[f + 3] = n3.toFloat()
            p0 = c0
            p1 = c1
            p2 = c2
            p3 = c3
            c0 = n0
            c1 = n1
            c2 = n2
            c3 = n3
            f += 4
        }
        if (f < frames) dst[f] = (k * c0 - p0).toFloat()
        if (f + 1 < frames) dst[f + 1] = (k * c1 - p1).toFloat()
        if (f + 2 < frames) dst[f + 2] = (k * c2 - p2).toFloat()
    }

    private fun rotation(dst: FloatArray, frames: Int, re: DoubleArray, im: DoubleArray) {
        var f = 0
        while (f < frames) {
            for (j in 0 until 4) {
                if (f + j < frames) dst[f + j] = im[j].toFloat()
                val r = re[j] * cos4 - im[j] * sin4
                im[j] = re[j] * sin4 + im[j] * cos4
                re[j] = r
            }
            f += 4
        }
    }

    private companion object {
        /** Error one step of the second-order recurrence can add, relative to full scale (3 roundings). */
        const val SECOND_ORDER_ERROR = 4e-16

        /** Largest recurrence error allowed per block, far below float resolution. */
        const val MAX_ERROR = 1e-10
    }
}
