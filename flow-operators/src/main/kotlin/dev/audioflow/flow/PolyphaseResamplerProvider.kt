package dev.audioflow.flow

import dev.audioflow.spi.ResampleQuality
import dev.audioflow.spi.Resampler
import dev.audioflow.spi.ResamplerProvider

/**
 * The hand-written resampler: a polyphase Kaiser-windowed sinc in pure Kotlin, registered with
 * [dev.audioflow.spi.Resamplers] as `polyphase`. It needs no native library, so it is always
 * available; it is the fallback when libsoxr (`audioflow-soxr`) is absent, which
 * [dev.audioflow.spi.Resamplers.best] prefers.
 *
 * Design: the ratio is reduced to `L/M` (160/147 for 44.1→48 kHz) and one filter phase is
 * precomputed per `L`, so each output sample is an exact dot product with no interpolation
 * between phases; Kaiser β = 9, 32 zero crossings per side, cut-off at 0.91 × the lower Nyquist
 * frequency. It has this one design: every [ResampleQuality] gets it. Ratios needing more than
 * [MAX_RESAMPLE_PHASES] phases (44100→44101) are refused.
 *
 * Quality (the contract `ResampleSpec` holds it to: pass band flat within 0.01 dB up to 0.8 ×
 * the lower Nyquist frequency fN, stop band at least 80 dB down). Measured by
 * `benchmarks/resampler-quality` (figures and the comparison with libsoxr in
 * `docs/performance-notes.md` and the README): -3 dB at about 0.9 fN, what comes out of the stop
 * band (aliasing going down, images going up) about 91 to 98 dB down, THD+N of a 1 kHz tone
 * about -108 dB or better; libsoxr `HIGH` is about 40 dB cleaner and several times
 * faster. It stays because it needs no native library. Cost: about `64 / min(1, L/M)`
 * multiply-adds per output sample and channel; memory: the filter bank (`L × taps` floats, tens
 * of kB for common rates, designed on first use of a ratio and kept for the life of the process)
 * and about one input block of history.
 *
 * ```
 * wavFile(path).resample(48_000, ResampleQuality.HIGH, PolyphaseResamplerProvider())
 * ```
 *
 * Thread-safe; each [Resampler] it creates serves one stream.
 */
public class PolyphaseResamplerProvider : ResamplerProvider {
    override val name: String get() = NAME

    /** Below libsoxr's: chosen only when no better provider is available. */
    override val priority: Int get() = 0

    override val isAvailable: Boolean get() = true

    override val unavailableReason: String? get() = null

    /**
     * A polyphase converter; [quality] is not used (one design, see the class KDoc).
     *
     * @throws dev.audioflow.AudioException [dev.audioflow.AudioErrorKind.InvalidArgument] for bad
     *   rates or channels; [dev.audioflow.AudioErrorKind.UnsupportedFormat] when the reduced ratio
     *   needs more than [MAX_RESAMPLE_PHASES] phases.
     */
    override fun create(sourceRate: Int, targetRate: Int, channels: Int, quality: ResampleQuality): Resampler =
        PolyphaseResampler(sourceRate, targetRate, channels)

    override fun toString(): String = "PolyphaseResamplerProvider"

    public companion object {
        /** The provider's [name]: `polyphase`. */
        public const val NAME: String = "polyphase"
    }
}

