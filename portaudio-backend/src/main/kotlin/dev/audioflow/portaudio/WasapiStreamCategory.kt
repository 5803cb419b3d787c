package dev.audioflow.portaudio

/**
 * The audio category of a WASAPI stream (`PaWasapiStreamCategory`, Windows'
 * `AUDIO_STREAM_CATEGORY`), which Windows applies its policies to: ducking other streams during a
 * call, routing, power use. See [WasapiStreamSettings.streamCategory].
 *
 * ```
 * WasapiStreamSettings(streamCategory = WasapiStreamCategory.Communications)
 * ```
 */
public enum class WasapiStreamCategory {
    /** `eAudioCategoryOther`: no particular category (PortAudio's default). */
    Other,

    /** `eAudioCategoryCommunications`: voice or video calls. */
    Communications,

    /** `eAudioCategoryAlerts`: alarms and ring tones. */
    Alerts,

    /** `eAudioCategorySoundEffects`: short sounds of an application's interface. */
    SoundEffects,

    /** `eAudioCategoryGameEffects`: a game's sound effects. */
    GameEffects,

    /** `eAudioCategoryGameMedia`: a game's background music. */
    GameMedia,

    /** `eAudioCategoryGameChat`: chat within a game. */
    GameChat,

    /** `eAudioCategorySpeech`: speech, as for recognition. */
    Speech,

    /** `eAudioCategoryMovie`: film and video. */
    Movie,

    /** `eAudioCategoryMedia`: music. */
    Media,
}
