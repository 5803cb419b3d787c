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
 * Measured by `benchmarks/resampler-quality` on the same signals as libsoxr (44.1→48, 48→44.1
 * and 48→16 kHz; the README has the table): pass band flat within ±0.0002 dB up to 0.8 × the
 * lower Nyquist frequency fN, -3 dB at 0.898 fN (libsoxr `HIGH`: ±0.007 dB to 0.9 fN, -3 dB at
 * 0.953 fN); what comes out of the stop band (aliasing going down, images going up) at -91 to
 * -98 dB for tones and -91 to -94 dB for the worst 10 ms of a sweep (libsoxr `HIGH`: -131 to
 * -134 dB); THD+N of a 1 kHz tone at -6 dBFS -110 dB (44.1→48), -108 dB (48→44.1), -144 dB
 * (48→16) (libsoxr `HIGH`: -134 to -137 dB); 12 to 17 M stereo frames per second of CPU time on
 * the 2-core development machine, a third (44.1↔48) to a sixth (48→16) of libsoxr `HIGH`'s.
 * It stays for machines without libsoxr: it needs no native library. Cost: about `64 / min(1, L/M)`
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

