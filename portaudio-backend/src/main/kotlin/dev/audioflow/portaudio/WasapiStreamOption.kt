package dev.audioflow.portaudio

/**
 * A WASAPI stream option (`PaWasapiStreamOption`); see [WasapiStreamSettings.streamOption].
 *
 * ```
 * WasapiStreamSettings(streamOption = WasapiStreamOption.Raw)
 * ```
 */
public enum class WasapiStreamOption {
    /** `eStreamOptionNone`: Windows' default processing. */
    None,

    /** `eStreamOptionRaw`: skip the device's signal processing (effects, enhancements), where the device allows it. */
    Raw,

    /** `eStreamOptionMatchFormat`: ask the audio engine to match the stream's format. */
    MatchFormat,
}
