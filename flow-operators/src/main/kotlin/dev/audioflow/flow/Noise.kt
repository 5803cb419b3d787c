@file:JvmMultifileClass
@file:JvmName("AudioFlows")

package dev.audioflow.flow

import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow

/** xorshift64* generator: fast, full period, good enough for audio noise. */
private class NoiseSource(seed: Long) {
    private var state = if (seed == 0L) GOLDEN else seed xor GOLDEN

    /** Uniform in [-1, 1), from the top 24 bits. */
    fun next(): Float {
        var x = state
        x = x xor (x ushr 12)
        x = x xor (x shl 25)
        x = x xor (x ushr 27)
        state = x
        val bits = ((x * 2685821657736338717L) ushr 40).toInt()
        return bits * (2f / (1 shl 24)) - 1f
    }

    private companion object {
        const val GOLDEN = -7046029254386353131L
    }
}

/**
 * Uniform white noise in -[amplitude]..[amplitude], independent per channel, reproducible for
 * a [seed] (xorshift64*, 24-bit resolution).
 *
 * ```
 * whiteNoise(format, amplitude = 0.1f, seed = 42).takeDuration(1.seconds)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a bad amplitude or [blockFrames].
 */
@JvmOverloads
public fun whiteNoise(format: AudioFormat, amplitude: Float = 1f, seed: Long = 1, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    checkAmplitude(amplitude)
    checkBlockFrames(blockFrames)
    return flow {
        val noise = NoiseSource(seed)
        emitAll(generate(format, blockFrames) { dst, _, _ -> for (i in dst.indices) dst[i] = amplitude * noise.next() })
    }
}

/**
 * Pink (1/f, -3 dB per octave) noise, independent per channel, reproducible for a [seed]:
 * white noise through Paul Kellet's refined filter (a parallel bank of one-pole low-passes,
 * within ±0.05 dB of the ideal slope above 9.2 Hz for its design rate of 44.1 kHz; the poles are
 * fixed, so at other rates the same slope holds over a proportionally shifted band). Scaled so
 * the RMS is about a quarter of [amplitude]; values are not clipped.
 *
 * ```
 * pinkNoise(format, amplitude = 0.5f).takeDuration(10.seconds).writeWav(path)
 * ```
 *
 * @throws AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for a bad amplitude or [blockFrames].
 */
@JvmOverloads
public fun pinkNoise(format: AudioFormat, amplitude: Float = 1f, seed: Long = 1, blockFrames: Int = DEFAULT_BLOCK): Flow<FloatBlock> {
    checkAmplitude(amplitude)
    checkBlockFrames(blockFrames)
    return flow {
        val noise = NoiseSource(seed)
        val ch = format.channels
        val state = Array(ch) { FloatArray(7) }
        val scale = amplitude * PINK_SCALE
        emitAll(
            generate(format, blockFrames) { dst, _, _ ->
                for (i in dst.indices) {
                    val b = state[i % ch]
                    val white = noise.next()
                    b[0] = 0.99886f * b[0] + white * 0.0555179f
                    b[1] = 0.99332f * b[1] + white * 0.0750759f
                    b[2] = 0.96900f * b[2] + white * 0.1538520f
                    b[3] = 0.86650f * b[3] + white * 0.3104856f
                    b[4] = 0.55000f * b[4] + white * 0.5329522f
                    b[5] = -0.7616f * b[5] - white * 0.0168980f
                    val pink = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362f
                    b[6] = white * 0.115926f
                    dst[i] = pink * scale
                }
            },
        )
    }
}

/** Brings Kellet's filter (RMS ≈ 1.9 for unit uniform input) to an RMS of a quarter of full scale. */
private const val PINK_SCALE = 0.13f
