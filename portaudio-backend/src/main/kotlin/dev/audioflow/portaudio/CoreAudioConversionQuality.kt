package dev.audioflow.portaudio

/**
 * The quality of Core Audio's sample-rate converter for a PortAudio stream
 * (`paMacCoreConversionQuality*`); see [CoreAudioStreamSettings.conversionQuality]. Lower
 * qualities cost less CPU.
 *
 * ```
 * CoreAudioStreamSettings(conversionQuality = CoreAudioConversionQuality.Medium)
 * ```
 */
public enum class CoreAudioConversionQuality {
    /** `paMacCoreConversionQualityMin`. */
    Min,

    /** `paMacCoreConversionQualityLow`. */
    Low,

    /** `paMacCoreConversionQualityMedium`. */
    Medium,

    /** `paMacCoreConversionQualityHigh`. */
    High,

    /** `paMacCoreConversionQualityMax`: PortAudio's default. */
    Max,
}
