package dev.audioflow.spi

/**
 * How hard a [Resampler] works, in libsoxr's five standard levels (the ones SoX offers).
 *
 * A [ResamplerProvider] maps each level to its nearest design; one with a single design (the
 * hand-written polyphase resampler of `flow-operators`) uses it for every level and says so.
 * [HIGH] is the default everywhere.
 *
 * ```
 * wavFile(path).resample(48_000, ResampleQuality.VERY_HIGH)
 * ```
 */
public enum class ResampleQuality {
    /** Cubic interpolation: cheap, audible aliasing (libsoxr `SOXR_QQ`). */
    QUICK,

    /** 16-bit precision with a wide roll-off (libsoxr `SOXR_LQ`). */
    LOW,

    /** 16-bit precision with a medium roll-off (libsoxr `SOXR_MQ`). */
    MEDIUM,

    /** 20-bit precision, pass band to 91% of the lower Nyquist frequency (libsoxr `SOXR_HQ`). */
    HIGH,

    /** 28-bit precision (libsoxr `SOXR_VHQ`). */
    VERY_HIGH,
}
