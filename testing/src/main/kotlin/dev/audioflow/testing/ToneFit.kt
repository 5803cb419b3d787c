package dev.audioflow.testing

import kotlin.math.PI
import kotlin.math.cos
import kotlin.math.log10
import kotlin.math.sin
import kotlin.math.sqrt

/**
 * The least-squares fit of a sinusoid of a known frequency to a signal: how loud the tone is and
 * what is left when it is taken out (noise, distortion, aliasing, coding error). What the
 * resampler and file-format tests and `benchmarks/resampler-quality` measure quality with.
 *
 * ```
 * val fit = ToneFit.of(mono, 1_000.0, 48_000)
 * println("amplitude ${fit.amplitude}, THD+N ${fit.residualDb} dB")
 * ```
 *
 * Pure and thread-safe.
 *
 * @property amplitude peak amplitude of the fitted tone.
 * @property residualRms RMS of the signal minus the fitted tone.
 */
public class ToneFit private constructor(public val amplitude: Double, public val residualRms: Double) {
    /** Everything but the tone relative to the tone's RMS, in dB: THD+N when the input was a pure tone. */
    public val residualDb: Double get() = 20 * log10(residualRms / (amplitude / sqrt(2.0)))

    override fun toString(): String = "ToneFit(amplitude=$amplitude, residual=${"%.1f".format(residualDb)} dB)"

    public companion object {
        /** Fits a sinusoid of [frequency] Hz to the mono [samples] taken at [sampleRate] Hz. */
        @JvmStatic
        public fun of(samples: FloatArray, frequency: Double, sampleRate: Int): ToneFit {
            var ss = 0.0
            var cc = 0.0
            var sc = 0.0
            var xs = 0.0
            var xc = 0.0
            for (n in samples.indices) {
                val w = 2 * PI * frequency * n / sampleRate
                val s = sin(w)
                val c = cos(w)
                ss += s * s
                cc += c * c
                sc += s * c
                xs += samples[n] * s
                xc += samples[n] * c
            }
            val det = ss * cc - sc * sc
            val a = (xs * cc - xc * sc) / det
            val b = (xc * ss - xs * sc) / det
            var residual = 0.0
            for (n in samples.indices) {
                val w = 2 * PI * frequency * n / sampleRate
                val e = samples[n] - a * sin(w) - b * cos(w)
                residual += e * e
            }
            return ToneFit(sqrt(a * a + b * b), sqrt(residual / samples.size))
        }
    }
}
